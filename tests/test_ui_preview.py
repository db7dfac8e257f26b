"""The live memo preview (memoPreview) and the export flow: dialogs patched, settings in a temp folder."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from conftest import wait_settled
from pypdf import PdfReader
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLineEdit, QPushButton

from app.domain.model import Article, Briefing, Fact, MemoMeta, SourceSpan
from app.render import export_memo
from app.ui import create_main_window, dialogs, memo_export, settings
from app.ui.preview import MemoPreview

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def window(qtbot, seed_paths):
    win = create_main_window(seed_paths)
    qtbot.addWidget(win)
    wait_settled(qtbot, win)
    assert win.fact_model.rowCount() > 0
    yield win
    win.memo_preview.shutdown()


def _briefing(n_facts: int, subject: str = "Nordic fisheries ministers, Reykjavik") -> Briefing:
    text = "The ministers met in Reykjavik. " * 4
    article = Article("A1", "/in/a.txt", "Ministers meet", text, "RÚV", date(2025, 3, 3))
    words = "about coastguard patrols, long enough to wrap onto a second line of the memo when printed."
    facts = [Fact(f"F{i}", f"Fact number {i} {words}", "alliances_regional",
                  sources=[SourceSpan("A1", 0, 30)]) for i in range(n_facts)]
    return Briefing([article], facts, MemoMeta(subject=subject, date=date(2025, 3, 3)))


def _pages(briefing: Briefing, tmp_path: Path) -> int:
    return export_memo(briefing, tmp_path / "check.pdf").pages


# -- preview --------------------------------------------------------------------------------

def test_preview_dock_shows_the_pdf_pages_and_follows_changes(window, qtbot, tmp_path):
    preview = window.findChild(MemoPreview, "memoPreview")
    assert preview is window.memo_preview
    assert window.findChild(QDockWidget, "memoPreviewDock").isVisible()
    assert window.findChild(QAction, "showPreviewAction") in window.acts.view_menu.actions()
    expected = _pages(window.briefing, tmp_path)
    assert expected > 1
    qtbot.waitUntil(lambda: preview.page_count() == expected, timeout=30_000)
    assert preview.images[0].width() > 100 and preview.images[0].height() > preview.images[0].width()

    # A render already under way may still land first; wait for the one that shows the change.
    with qtbot.waitSignal(preview.rendered, timeout=30_000, check_params_cb=lambda n: n == 1):
        window.findChild(QAction, "untickAllAction").trigger()  # a change: nothing ticked
    assert preview.page_count() == 1

    gen = preview.generation
    newer = lambda _n: preview.generation > gen  # noqa: E731
    with qtbot.waitSignal(preview.rendered, timeout=30_000, check_params_cb=newer):
        window.findChild(QLineEdit, "memoSubject").setText("A new subject")  # a memo field
    assert preview.page_count() == 1


def test_changes_in_quick_succession_give_one_render(qtbot):
    briefing = _briefing(3)
    preview = MemoPreview(lambda: briefing, delay_ms=50)
    qtbot.addWidget(preview)
    preview.resize(500, 700)
    for _ in range(5):
        preview.schedule()
    with qtbot.waitSignal(preview.rendered, timeout=30_000) as blocker:
        pass
    assert preview.generation == 1 and blocker.args == [1]
    assert len(preview.page_labels) == 1 and preview.page_labels[0].pixmap().width() > 100
    preview.shutdown()


def test_a_stale_render_is_dropped(qtbot, tmp_path):
    long_memo, short_memo = _briefing(40), _briefing(1)
    current = [long_memo]
    preview = MemoPreview(lambda: current[0])
    qtbot.addWidget(preview)
    dropped: list[int] = []
    preview.dropped.connect(dropped.append)
    first = preview.render_now()
    current[0] = short_memo  # the user changes something before the first render is back
    with qtbot.waitSignal(preview.rendered, timeout=30_000) as blocker:
        second = preview.render_now()
    assert dropped == [first] and second == first + 1
    assert blocker.args == [1] and preview.page_count() == _pages(short_memo, tmp_path) == 1
    assert _pages(long_memo, tmp_path) > 1  # had the stale render been shown, there would be more pages
    preview.shutdown()


def test_no_articles_shows_a_hint_not_pages(qtbot):
    preview = MemoPreview(lambda: Briefing())
    qtbot.addWidget(preview)
    assert preview.render_now() == 0
    assert preview.page_count() == 0 and "articles" in preview.message.text()


# -- export flow ----------------------------------------------------------------------------

def test_suggested_file_name_from_date_and_subject():
    memo = MemoMeta(subject='U.S.–Japan "2+2": Tokyo / Yokota?', date=date(2024, 7, 28))
    assert memo_export.suggested_name(memo, "pdf") == "2024-07-28 U.S.–Japan 2+2 Tokyo Yokota.pdf"
    unnamed = memo_export.suggested_name(MemoMeta(), "docx", today=date(2025, 1, 2))
    assert unnamed == "2025-01-02 briefing memo.docx"
    long = memo_export.suggested_name(MemoMeta(subject="word " * 40, date=date(2024, 1, 1)), "pdf")
    assert len(long) <= memo_export.MAX_STEM + 4 and long.endswith("word.pdf")


def test_export_remembers_folder_suggests_name_and_offers_to_open(window, qtbot, monkeypatch, tmp_path):
    out = tmp_path / "exports"
    out.mkdir()
    asked: list[tuple[str, str]] = []
    opened: list[Path] = []

    def ask(parent, title, start, file_filter):
        asked.append((start, file_filter))
        return str(out / ("memo.pdf" if "PDF" in file_filter else "memo"))

    monkeypatch.setattr(dialogs, "ask_export_path", ask)
    monkeypatch.setattr(memo_export, "open_file", lambda path: opened.append(path) or True)
    window.findChild(QLineEdit, "memoSubject").setText("US-Japan 2+2, Tokyo")

    window.findChild(QAction, "exportPdfAction").trigger()
    pages = len(PdfReader(str(out / "memo.pdf")).pages)
    plural = "s" if pages != 1 else ""
    assert window.statusBar().currentMessage() == f"Exported memo.pdf ({pages} page{plural})"
    button = window.findChild(QPushButton, "openExportButton")
    assert button.isVisible() and button.text() == "Open memo.pdf"
    button.click()
    assert opened == [out / "memo.pdf"]
    start = Path(asked[0][0])
    assert start.name.endswith(" US-Japan 2+2, Tokyo.pdf")
    assert start.name[:10] == str(window.briefing.memo.date)

    window.findChild(QAction, "exportDocxAction").trigger()  # the dialog opens where the last export went
    assert Path(asked[1][0]).parent == out and asked[1][0].endswith(".docx")
    assert (out / "memo.docx").is_file()  # the missing suffix was added
    assert window.statusBar().currentMessage() == "Exported memo.docx"
    assert settings.last_folder("exports") == out


def test_read_only_target_gets_a_clear_message_and_nothing_changes(window, monkeypatch, tmp_path):
    target = tmp_path / "locked" / "memo.pdf"
    target.parent.mkdir()
    target.write_bytes(b"the old memo")
    os.chmod(target, 0o444)
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *a: str(target))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: shown.append(message))
    before = settings.last_folder("exports")
    try:
        window.findChild(QAction, "exportPdfAction").trigger()
    finally:
        os.chmod(target, 0o644)
    assert shown == ["Cannot write memo.pdf: the file is read-only"]
    assert target.read_bytes() == b"the old memo"
    assert sorted(p.name for p in target.parent.iterdir()) == ["memo.pdf"]  # no temp file left behind
    assert window.statusBar().currentMessage() == "Export failed"
    assert settings.last_folder("exports") == before
    assert not window.findChild(QPushButton, "openExportButton").isVisible()


def test_a_render_finishing_after_its_window_closed_stays_quiet(qapp, caplog):
    import shiboken6

    from app.ui.preview import _RenderJob, _Signals

    signals = _Signals()
    briefing = Briefing(articles=[Article("a1", "a.txt", "Talks", "Ministers met in Tokyo on Sunday.")],
                        facts=[Fact("F001", "Ministers met in Tokyo on Sunday.", "date_venue",
                                    sources=[SourceSpan("a1", 0, 33)])])
    job = _RenderJob(1, briefing, 400, signals, lambda: False)
    shiboken6.delete(signals)  # what closing the window does to the job's signal object
    with caplog.at_level("ERROR"):
        job.run()  # must neither raise nor log an error
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
