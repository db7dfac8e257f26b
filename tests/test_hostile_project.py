"""A project never makes the app open a file it names: a hostile project (article paths to /etc/passwd and
``../``, a template named ``../../../../etc/passwd``, file: URLs and reportlab/HTML markup in every text) is
opened in the real window, shown, previewed and exported to DOCX and PDF while an audit hook lists every
file Python opens. Each one must be the project file, the app's own code and resources (fonts included),
Python's and Qt's own files, the export target and its temporary, or this test's tmp folder."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import audit_hooks
import pytest
from conftest import ROOT, wait_settled
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from app.shared import atomic_file
from app.ui import create_main_window, dialogs, memo_export

HOSTILE = Path(__file__).parent / "data" / "hostile"
pytestmark = pytest.mark.usefixtures("isolated_settings")


def _python_and_qt() -> list[Path]:
    """The interpreter's library and the virtualenv (site-packages holds PySide6, reportlab, python-docx)."""
    return sorted({Path(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)})


def test_opening_showing_previewing_and_exporting_opens_no_file_the_project_names(qtbot, monkeypatch,
                                                                                    tmp_path):
    project = tmp_path / "project" / "hostile.briefing"
    project.parent.mkdir()
    shutil.copy(HOSTILE / "hostile.briefing", project)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # the preview's temporary PDF goes here
    # Named temporaries (as on macOS and Windows), so the export's own files are plain paths in its folder
    # rather than the /proc/self/fd/N of an unnamed one.
    monkeypatch.setattr(atomic_file, "USE_O_TMPFILE", False)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, msg: errors.append(msg))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent, name: "discard")
    monkeypatch.setattr(memo_export, "open_file", lambda path: pytest.fail(f"opened {path}"))
    out = tmp_path / "exports"
    out.mkdir()
    targets = iter([out / "memo.pdf", out / "memo.docx"])
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *a: str(next(targets)))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(project)], ""))

    win = create_main_window([])
    qtbot.addWidget(win)
    wait_settled(qtbot, win)
    with audit_hooks.recording() as record:
        win.acts.open.trigger()
        assert errors == [] and win.project.path == project
        assert "The memo template \"../../../../etc/passwd\" is not installed" in win.statusBar().currentMessage()
        for row in range(win.article_model.rowCount()):  # show each article, its tooltip and its sources
            win.article_list.setCurrentIndex(win.article_model.index(row, 0))
        preview = win.memo_preview
        with qtbot.waitSignal(preview.rendered, timeout=60_000):
            preview.render_now()
        assert preview.page_count() >= 1
        win.findChild(QAction, "exportPdfAction").trigger()
        win.findChild(QAction, "exportDocxAction").trigger()
        assert errors == []
        preview.shutdown()
        win.project.autosaver.pool.waitForDone(5000)

    assert (out / "memo.pdf").stat().st_size > 0 and (out / "memo.docx").stat().st_size > 0
    assert sorted(p.name for p in out.iterdir()) == ["memo.docx", "memo.pdf"]  # temporaries gone
    opened = record.opened
    assert str(project) in opened
    assert any(Path(p).parent == out and p.endswith(".tmp.pdf") for p in opened)  # export's temporary
    assert not [p for p in opened if "passwd" in p or "example.invalid" in p or "share" in p.split("/")[:3]]
    # reportlab reads its user settings (~/.reportlab_settings, ~/.reportlab_mods) when first imported
    settings_files = [Path.home() / ".reportlab_settings", Path.home() / ".reportlab_mods"]
    allowed = [project, ROOT / "app", ROOT / "resources", tmp_path, *_python_and_qt(), *settings_files]
    assert audit_hooks.outside(opened, allowed) == []
    resources = [p for p in opened if Path(p).is_relative_to(ROOT / "resources")]
    assert all(Path(p).is_relative_to(ROOT / "resources" / "fonts") or Path(p).suffix == ".yaml"
               for p in resources)
    assert record.network == []


def _indexes(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    columns = 1 if model.inherits("QAbstractListModel") else model.columnCount(parent)
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            yield index
            if column == 0:
                yield from _indexes(model, index)


def _interpreted(text) -> bool:
    """Text Qt would render as HTML with a tag from the project in it (an image it would load, a link)."""
    from PySide6.QtGui import Qt as QtGui

    return QtGui.mightBeRichText(text) and any(tag in text for tag in ("<img", "<a href", "<font", "<link"))


def test_tooltips_and_messages_show_project_text_as_text(qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QMessageBox

    from app import store

    win = create_main_window([])
    qtbot.addWidget(win)
    win.project.apply_briefing(store.load_project(HOSTILE / "hostile.briefing"))
    tips = []
    for model in (win.fact_model, win.article_model, win.memo_panel.participants_model):
        tips += [model.data(i, Qt.ItemDataRole.ToolTipRole) for i in _indexes(model)]
    for row in range(win.article_model.rowCount()):
        win.article_list.setCurrentIndex(win.article_model.index(row, 0))
        tips.append(win.source_panel.title.toolTip())
    tips = [t for t in tips if isinstance(t, str)]
    assert any("&lt;img" in t for t in tips)  # the hostile titles and names are there, escaped
    assert [t for t in tips if _interpreted(t)] == []

    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or 0)
    monkeypatch.setattr(dialogs, "_unattended", lambda: False)
    hostile = '<img src="/etc/passwd"> <a href="file:///etc/passwd">x</a>.briefing'
    dialogs.show_error(win, "Could not open the project", f"Cannot open {hostile}: damaged")
    dialogs.ask_save_changes(win, hostile)
    dialogs.ask_restore(win, f"{hostile}, autosaved")
    assert len(boxes) == 3
    for box in boxes:
        labels = [label for label in box.findChildren(QLabel) if label.text()]
        assert any(hostile in label.text() for label in labels)
        assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels), \
            [(label.text(), label.textFormat()) for label in labels]


def test_adding_articles_to_a_hostile_project_looks_up_none_of_its_paths(monkeypatch, seed_paths):
    """Article paths are compared as text; resolving one (``\\\\host\\share\\a.txt``) would touch the network."""
    import os

    from app import store
    from app.ui import jobs

    existing = store.load_project(HOSTILE / "hostile.briefing").articles
    looked_up: list[str] = []
    real = os.path.realpath

    def realpath(path, *args, **kwargs):
        looked_up.append(os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os.path, "realpath", realpath)
    outcome = jobs.load_and_extract(existing, seed_paths[:1])
    assert len(outcome.articles) == len(existing) + 1
    named = {a.path for a in existing}
    assert not [p for p in looked_up if p in named or "passwd" in p or "example.invalid" in p]
