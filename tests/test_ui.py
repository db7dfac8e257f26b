"""The main window end to end: loading on a worker, ticking, viewer highlight, drops, cancel, memo, export."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import wait_settled
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyleOptionViewItem,
    QToolBar,
    QTreeView,
)

import app
from app.shared.errors import ExportError
from app.ui import create_main_window, dialogs

ROOT = Path(__file__).resolve().parent.parent
GOOD_ARTICLE = """Nordic ministers agree on Arctic fisheries patrols

Reykjavik, 3 March 2025. The fisheries ministers of Iceland and Norway met in Reykjavik on Monday to sign a
joint agreement on coastguard patrols in the Barents Sea.
The two ministers agreed to share satellite data on trawler movements starting in June.
Iceland's minister said the deal would protect cod stocks for a generation.
"""


pytestmark = pytest.mark.usefixtures("isolated_settings")


def _wait_loaded(qtbot, win, timeout: int = 60_000) -> None:
    wait_settled(qtbot, win, timeout)
    assert win.fact_model.rowCount() > 0


@pytest.fixture
def window(qtbot, seed_paths):
    win = create_main_window(seed_paths)
    qtbot.addWidget(win)
    _wait_loaded(qtbot, win)
    return win


def _first_fact_index(win, ticked: bool = True, skip: int = 0):
    model = win.fact_model
    for srow in range(model.rowCount()):
        sec = model.index(srow, 0)
        for row in range(model.rowCount(sec)):
            idx = model.index(row, 0, sec)
            if model.fact(idx).included == ticked:
                if skip == 0:
                    return idx
                skip -= 1
    raise AssertionError("no such fact")


def _click_checkbox(qtbot, view: QTreeView, index) -> None:
    view.scrollTo(index)
    opt = QStyleOptionViewItem()
    view.initViewItemOption(opt)
    opt.rect = view.visualRect(index)
    view.itemDelegate().initStyleOption(opt, index)
    rect = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, view)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_window_opens_with_seeds_grouped_by_section(window):
    assert window.objectName() == "mainWindow" and window.windowTitle().startswith("Briefing Builder")
    articles = window.findChild(QListView, "articleList")
    assert articles.model().rowCount() == 2
    titles = {articles.model().index(r, 0).data() for r in range(2)}
    assert titles == {a.title for a in window.briefing.articles}
    tip = articles.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert window.briefing.articles[0].path in tip
    facts = window.findChild(QTreeView, "factView")
    model = facts.model()
    assert model.rowCount() >= 2
    shown = sum(model.rowCount(model.index(r, 0)) for r in range(model.rowCount()))
    assert shown == len(window.briefing.facts) > 5
    sec = model.index(0, 0)
    ticked = sum(model.fact(model.index(r, 0, sec)).included for r in range(model.rowCount(sec)))
    assert sec.data().endswith(f"({ticked}/{model.rowCount(sec)})")
    assert not window.findChild(QProgressBar, "progressBar").isVisible()
    assert window.briefing.memo.subject and window.briefing.memo.date is not None


def test_actions_menus_and_toolbar(window):
    names = ["openAction", "exportDocxAction", "exportPdfAction", "quitAction", "aboutAction"]
    actions = {n: window.findChild(QAction, n) for n in names}
    assert all(actions.values())
    assert actions["openAction"].shortcut().toString() == "Ctrl+O"
    assert all(a.toolTip() and a.statusTip() for a in actions.values())
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert actions["openAction"] in menus["File"].actions()
    assert actions["aboutAction"] in menus["Help"].actions()
    toolbar_actions = window.findChild(QToolBar, "mainToolBar").actions()
    assert actions["exportPdfAction"] in toolbar_actions


def test_about_shows_version(window, monkeypatch):
    seen = []
    monkeypatch.setattr(dialogs, "show_about", lambda parent, title, text: seen.append(text))
    window.findChild(QAction, "aboutAction").trigger()
    assert seen and app.__version__ in seen[0]


def _export(window, monkeypatch, tmp_path, kind: str) -> Path:
    target = tmp_path / f"memo.{kind}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.findChild(QAction, f"export{kind.capitalize()}Action").trigger()
    assert window.statusBar().currentMessage().startswith(f"Exported memo.{kind}")
    return target


def test_untick_by_click_then_export_docx(window, qtbot, monkeypatch, tmp_path):
    view = window.findChild(QTreeView, "factView")
    idx = _first_fact_index(window)
    fact = window.fact_model.fact(idx)
    _click_checkbox(qtbot, view, idx)
    assert not fact.included
    kept = window.fact_model.fact(_first_fact_index(window))
    path = _export(window, monkeypatch, tmp_path, "docx")
    import docx

    doc = docx.Document(str(path))
    text = _norm("\n".join(p.text for p in doc.paragraphs)
                 + "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells))
    assert _norm(fact.text) not in text
    assert _norm(kept.memo_wording()) in text


def test_untick_by_space_then_export_pdf(window, qtbot, monkeypatch, tmp_path):
    view = window.findChild(QTreeView, "factView")
    idx = _first_fact_index(window, skip=1)
    fact = window.fact_model.fact(idx)
    view.setCurrentIndex(idx)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert not fact.included
    kept = window.fact_model.fact(_first_fact_index(window))
    path = _export(window, monkeypatch, tmp_path, "pdf")
    from pypdf import PdfReader

    text = _norm(" ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages))
    assert _norm(fact.text)[:60] not in text
    assert _norm(kept.memo_wording())[:40] in text


def test_export_error_shows_message(window, monkeypatch, tmp_path):
    import app.render

    def boom(briefing, path):
        raise ExportError("Cannot write memo.pdf: permission denied")

    shown = []
    monkeypatch.setattr(app.render, "export_memo", boom)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append(message))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "memo.pdf"), ""))
    window.findChild(QAction, "exportPdfAction").trigger()
    assert shown == ["Cannot write memo.pdf: permission denied"]
    assert not (tmp_path / "memo.pdf").exists()


def test_selecting_fact_highlights_source_sentence(window):
    view = window.findChild(QTreeView, "factView")
    viewer = window.findChild(QPlainTextEdit, "articleViewer")
    idx = _first_fact_index(window, skip=2)
    fact = window.fact_model.fact(idx)
    view.setCurrentIndex(idx)
    span = fact.sources[0]
    article = window.briefing.article(span.article_id)
    assert viewer.toPlainText() == article.text
    sels = viewer.extraSelections()
    assert sels[0].cursor.selectedText().replace("\u2029", "\n") == article.span_text(span)
    assert viewer.textCursor().position() == span.start  # the cursor, and so the scroll, is at the sentence
    # Selecting an article shows its text without highlight.
    articles = window.findChild(QListView, "articleList")
    other = next(r for r in range(2) if window.article_model.article(articles.model().index(r, 0)) != article)
    articles.setCurrentIndex(articles.model().index(other, 0))
    assert viewer.toPlainText() == window.article_model.articles()[other].text
    assert viewer.extraSelections() == []


def _drop(win, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(40, 40), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(40, 40), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, drop)


def test_drop_bad_and_good_files(window, qtbot, monkeypatch, tmp_path):
    errors = []
    monkeypatch.setattr(dialogs, "show_errors", lambda parent, title, lines: errors.append(list(lines)))
    unticked = window.fact_model.fact(_first_fact_index(window))
    window.fact_model.setData(window.fact_model.index_of_fact(unticked.id), 0, Qt.ItemDataRole.CheckStateRole)
    before_ids = [a.id for a in window.briefing.articles]
    before_facts = {_norm(f.text) for f in window.briefing.facts}
    bad = tmp_path / "garbage.txt"
    bad.write_bytes(bytes(range(256)) * 24)  # NULs and control bytes: binary
    good = tmp_path / "nordic-fisheries.txt"
    good.write_text(GOOD_ARTICLE, encoding="utf-8")
    _drop(window, [bad, good])
    qtbot.waitUntil(lambda: bool(errors) and not window.loader.is_busy(), timeout=60_000)
    assert len(errors) == 1 and len(errors[0]) == 1 and "garbage.txt" in errors[0][0]
    assert [a.id for a in window.briefing.articles][:2] == before_ids
    assert len(window.briefing.articles) == 3 and window.article_model.rowCount() == 3
    assert before_facts <= {_norm(f.text) for f in window.briefing.facts}
    assert any("cod stocks" in f.text or "satellite data" in f.text for f in window.briefing.facts)
    again = next(f for f in window.briefing.facts if _norm(f.text) == _norm(unticked.text))
    assert not again.included  # the user's untick survives the re-extraction
    # Dropping the same good file again adds nothing.
    errors.clear()
    _drop(window, [good])
    qtbot.waitUntil(lambda: not window.loader.is_busy(), timeout=60_000)
    assert len(window.briefing.articles) == 3 and not errors


def _blocking_extraction(monkeypatch):
    """Make the first extraction wait on an event (ignoring cancel: its late result must be dropped)."""
    import app.extract.facts as facts_mod

    real = facts_mod.extract_facts
    started, release = threading.Event(), threading.Event()
    calls = []

    def fake(articles, taxonomy=None, progress=None, is_cancelled=None, ready=None):
        calls.append(len(articles))
        if len(calls) == 1:
            started.set()
            release.wait(30)
        return real(articles, taxonomy, progress=progress, ready=ready)

    monkeypatch.setattr(facts_mod, "extract_facts", fake)
    return started, release


def test_cancel_keeps_previous_state(window, qtbot, monkeypatch, tmp_path, preview_seed):
    started, release = _blocking_extraction(monkeypatch)
    before_articles, before_facts = list(window.briefing.articles), window.briefing.facts
    rows = window.fact_model.rowCount()
    copy = tmp_path / "copy.txt"
    copy.write_text(preview_seed.read_text(encoding="utf-8") + "\nAn edited copy.\n", encoding="utf-8")
    window.add_paths([copy])
    bar = window.findChild(QProgressBar, "progressBar")
    cancel = window.findChild(QPushButton, "cancelButton")
    assert bar.isVisible() and cancel.isVisible()
    qtbot.waitUntil(started.is_set, timeout=30_000)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not bar.isVisible() and not cancel.isVisible()
    with qtbot.waitSignal(window.loader.settled, timeout=60_000):
        release.set()
    assert window.briefing.articles == before_articles and window.briefing.facts is before_facts
    assert window.fact_model.rowCount() == rows and window.article_model.rowCount() == 2
    assert not bar.isVisible()


def test_newer_run_supersedes_older(window, qtbot, monkeypatch, tmp_path, preview_seed, report_seed):
    started, release = _blocking_extraction(monkeypatch)
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    for path, seed in ((one, preview_seed), (two, report_seed)):
        path.write_text(seed.read_text(encoding="utf-8") + f"\nEdited copy {path.stem}.\n", encoding="utf-8")
    window.add_paths([one])
    qtbot.waitUntil(started.is_set, timeout=30_000)
    first_gen = window.loader.generation
    window.add_paths([two])  # cancels the first run and takes over its file
    settled = []
    window.loader.settled.connect(settled.append)
    release.set()
    qtbot.waitUntil(lambda: len(settled) == 2 and not window.loader.is_busy(), timeout=60_000)
    assert first_gen in settled
    assert sorted(Path(a.path).name for a in window.briefing.articles)[-2:] == ["one.txt", "two.txt"]
    assert len(window.briefing.articles) == 4


def test_memo_fields_edit_memo_meta(window, qtbot):
    memo = window.briefing.memo
    subject = window.findChild(QLineEdit, "memoSubject")
    # pre-filled on load with the main event's subject
    assert subject.text() == memo.subject == "U.S.–Japan “2+2” ministerial dialogue, Tokyo, 28 July 2024"
    date_edit = window.findChild(QDateEdit, "memoDate")
    assert date_edit.calendarPopup() and date_edit.date().toPython() == memo.date
    qtbot.keyClicks(window.findChild(QLineEdit, "memoTo"), "Deputy Secretary")
    qtbot.keyClicks(window.findChild(QLineEdit, "memoFrom"), "Asia desk")
    subject.clear()
    qtbot.keyClicks(subject, "US-Japan 2+2")
    date_edit.setDate(date_edit.date().addDays(3))
    combo = window.findChild(QComboBox, "memoClassification")
    assert combo.isEditable() and combo.findText("CUI") >= 0
    combo.setCurrentIndex(combo.findText("CONFIDENTIAL"))
    assert (memo.to, memo.sender, memo.subject) == ("Deputy Secretary", "Asia desk", "US-Japan 2+2")
    assert memo.date == date_edit.date().toPython() and memo.classification == "CONFIDENTIAL"
    combo.setEditText("SECRET//NOFORN")
    assert memo.classification == "SECRET//NOFORN"


def test_open_action_and_settings(qtbot, monkeypatch, tmp_path, preview_seed):
    win = create_main_window([])
    qtbot.addWidget(win)
    assert win.fact_model.rowCount() == 0 and not win.findChild(QAction, "exportPdfAction").isEnabled()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(preview_seed)], ""))
    win.findChild(QAction, "openAction").trigger()
    _wait_loaded(qtbot, win)
    assert win.article_model.rowCount() == 1 and win.findChild(QAction, "exportPdfAction").isEnabled()
    win.close()
    ini = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "BriefingBuilder",
                    "Briefing Builder")
    assert Path(ini.fileName()).is_relative_to(tmp_path)
    assert ini.value("paths/lastFolder") == str(preview_seed.parent)
    assert ini.value("window/geometry") is not None


def test_startup_does_not_import_heavy_libraries():
    code = ("import sys; from app.ui import create_main_window; w = create_main_window([]); "
            "heavy = [m for m in ('trafilatura', 'reportlab', 'docx', 'pypdf', 'lxml') if m in sys.modules]; "
            "print(heavy); sys.exit(1 if heavy else 0)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stdout + done.stderr


def test_load_failure_is_reported_and_state_kept(window, qtbot, monkeypatch, tmp_path):
    import app.ui.jobs as jobs
    from app.shared.errors import BriefingError

    def broken(existing, paths, progress=None, is_cancelled=None):
        raise BriefingError("The topic taxonomy is broken")

    shown = []
    monkeypatch.setattr(jobs, "load_and_extract", broken)
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append(message))
    before = window.briefing.facts
    with qtbot.waitSignal(window.loader.failed, timeout=30_000):
        window.add_paths([tmp_path])
    assert shown == ["The topic taxonomy is broken"]
    assert window.briefing.facts is before and not window.findChild(QProgressBar, "progressBar").isVisible()


def test_run_gui_returns_the_event_loop_code(qtbot, qapp):
    from PySide6.QtCore import QTimer

    from app.ui import run_gui

    QTimer.singleShot(50, lambda: qapp.exit(3))
    assert run_gui([]) == 3
