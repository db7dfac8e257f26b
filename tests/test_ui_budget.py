"""The preview's page budget indication: ticking everything runs past the budget and says so."""

from __future__ import annotations

import pytest
from conftest import wait_settled
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from app.ui import create_main_window

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def window(qtbot, seed_paths):
    win = create_main_window(seed_paths)
    qtbot.addWidget(win)
    wait_settled(qtbot, win)
    yield win
    win.memo_preview.shutdown()


def test_budget_label_warns_when_the_memo_runs_over_and_clears_when_back(window, qtbot):
    preview = window.memo_preview
    label = window.findChild(QLabel, "budgetLabel")
    assert label is preview.budget_label
    preview.render_now()
    qtbot.waitUntil(lambda: label.isVisible() and "within the 2-page budget" in label.text(), timeout=30_000)
    assert not preview.over_budget and "#fff3cd" not in label.styleSheet()

    with qtbot.waitSignal(preview.rendered, timeout=30_000, check_params_cb=lambda n: n > 2):
        window.findChild(QAction, "tickAllAction").trigger()
    qtbot.waitUntil(lambda: preview.over_budget, timeout=30_000)
    pages = preview.page_count()
    assert label.text() == f"{pages} pages \u2014 over the 2-page budget"
    assert "#fff3cd" in label.styleSheet() and label.isVisible()

    with qtbot.waitSignal(preview.rendered, timeout=30_000, check_params_cb=lambda n: n <= 2):
        window.findChild(QAction, "untickAllAction").trigger()
    qtbot.waitUntil(lambda: not preview.over_budget, timeout=30_000)
    assert "over" not in label.text() and "#fff3cd" not in label.styleSheet()
