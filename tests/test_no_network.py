"""No network, ever: with every socket refused (an audit hook on connect and name look-ups, and
``socket.socket`` replaced by a function that raises), the samples and hostile HTML, DOCX and PDF files
(remote images, stylesheets, frames, scripts, an external DTD and external entities; relationships with
TargetMode="External"; PDF links and launch actions) are read, extracted, exported to DOCX and PDF and
previewed in the window's memo dock. Nothing may connect, resolve a name or open a file the articles name."""

from __future__ import annotations

import socket
from pathlib import Path

import audit_hooks
import pytest
from conftest import SEEDS, wait_settled

HOSTILE = Path(__file__).parent / "data" / "hostile"
FILES = [HOSTILE / "remote.html", HOSTILE / "external.docx", HOSTILE / "external.pdf", HOSTILE / "markup.txt"]


def _refused(*_args, **_kwargs):
    raise audit_hooks.NetworkBlocked("no network in this test: socket.socket")


class _RefusedSocket(socket.socket):
    """Stands in for ``socket.socket``: a class, so modules that subclass it (ssl) still import."""

    def __init__(self, *_args, **_kwargs) -> None:
        _refused()


@pytest.fixture
def no_network(monkeypatch):
    import http.client  # noqa: F401 - these subclass socket.socket when first imported: not our stand-in
    import ssl  # noqa: F401
    import urllib.request  # noqa: F401

    monkeypatch.setattr(socket, "socket", _RefusedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
                 "create_server"):
        monkeypatch.setattr(socket, name, _refused)
    with audit_hooks.recording() as record:
        yield record
    assert record.network == []


def _articles() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) + FILES


def _no_file_named_by_an_article(record) -> None:
    assert not [p for p in record.opened if "passwd" in p or "example.invalid" in p]


def test_the_blocker_blocks(no_network):
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(OSError):
        socket.getaddrinfo("example.invalid", 80)
    import _socket

    sock = _socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # local sockets are allowed...
    sock.close()
    with pytest.raises(audit_hooks.NetworkBlocked):  # ...an internet one is refused even from C
        _socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    no_network.network.clear()


def test_read_extract_and_export_without_network(no_network, tmp_path):
    from docx import Document
    from pypdf import PdfReader

    from app.render import export_memo
    from app.run.pipeline import build_briefing

    result = build_briefing([*_articles(), HOSTILE / "entities.docx"])
    briefing = result.briefing
    # Word never declares XML entities: that file is refused, without fetching what they name.
    assert [(e.path.name, "entities" in e.problem) for e in result.errors] == [("entities.docx", True)]
    assert {Path(a.path).name for a in briefing.articles} >= {p.name for p in FILES}
    texts = {Path(a.path).name: a.text for a in briefing.articles}
    assert "Lloyd Austin met in Tokyo" in texts["remote.html"]
    assert "Joint Operations Command" in texts["external.docx"] and "Kihara" in texts["external.pdf"]
    for text in texts.values():
        assert "root:" not in text  # no entity was resolved to /etc/passwd
    assert briefing.facts
    for suffix in ("docx", "pdf"):
        path = export_memo(briefing, tmp_path / f"memo.{suffix}").path
        assert path.stat().st_size > 1000
    assert "Austin" in "".join(p.extract_text() for p in PdfReader(tmp_path / "memo.pdf").pages)
    assert any("Austin" in p.text for p in Document(str(tmp_path / "memo.docx")).paragraphs)
    _no_file_named_by_an_article(no_network)


@pytest.mark.usefixtures("isolated_settings")
def test_the_window_loads_and_previews_without_network(qtbot, no_network, monkeypatch, tmp_path):
    import tempfile

    from app.ui import create_main_window

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    win = create_main_window(_articles())
    qtbot.addWidget(win)
    wait_settled(qtbot, win)
    assert len(win.briefing.articles) == len(_articles())
    preview = win.memo_preview
    with qtbot.waitSignal(preview.rendered, timeout=60_000):
        preview.render_now()
    assert preview.page_count() >= 1
    preview.shutdown()
    _no_file_named_by_an_article(no_network)
