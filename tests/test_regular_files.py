"""Only regular files are read: named pipes, sockets and devices are refused with a clear message, passed
directly or found in a folder, and the refusal never blocks (a pipe with no writer would wait forever)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import app.ingest.files as ingest_files
from app.ingest import expand_paths, load_article, load_articles
from app.shared.errors import IngestError

pytestmark = pytest.mark.skipif(os.name != "posix",
                                reason="named pipes and device files are POSIX")
ROOT = Path(__file__).resolve().parent.parent
PIPE = "is not a regular file (it is a named pipe); only ordinary files can be read"
DEVICE = "is not a regular file (it is a device); only ordinary files can be read"
ARTICLE = ("Japan and the United States agreed on Sunday to upgrade the command of US forces in Japan.\n\n"
           "Defense Minister Minoru Kihara said the two countries would deepen cooperation with Australia.\n")


@pytest.fixture(autouse=True)
def never_hang():
    """A read that blocks (the bug this file guards against) fails the test instead of hanging the run."""
    def stuck(signum, frame):
        raise TimeoutError("reading blocked")

    old = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def test_named_pipe_passed_directly(tmp_path):
    path = fifo(tmp_path / "notes.txt")
    with pytest.raises(IngestError) as exc:
        load_article(path)
    assert exc.value.problem == PIPE
    files, errors = expand_paths([path])
    assert files == [] and [e.problem for e in errors] == [PIPE]


def test_named_pipe_inside_a_folder(tmp_path):
    folder = tmp_path / "articles"
    good = folder / "a.txt"
    good.parent.mkdir()
    good.write_text(ARTICLE)
    fifo(folder / "sub" / "notes.txt")
    files, errors = expand_paths([folder])
    assert files == [good]
    assert [(e.path.name, e.problem) for e in errors] == [("notes.txt", PIPE)]
    result = load_articles([folder])
    assert [Path(a.path).name for a in result.articles] == ["a.txt"]
    assert [e.problem for e in result.errors] == [PIPE]


def test_folder_of_only_a_pipe_names_the_pipe(tmp_path):
    fifo(tmp_path / "in" / "notes.txt")
    files, errors = expand_paths([tmp_path / "in"])
    assert files == [] and [e.problem for e in errors] == [PIPE]  # not also "contains no supported files"


def test_file_swapped_for_a_pipe_after_the_check(tmp_path, monkeypatch):
    """The check that counts is fstat of what was opened: a pipe that appears after os.stat is still
    refused, and opening it does not wait for a writer."""
    path = fifo(tmp_path / "notes.txt")
    regular = os.stat(ROOT / "README.md")
    real_stat = os.stat
    monkeypatch.setattr(ingest_files.os, "stat",
                        lambda p, *a, **k: regular if Path(p) == path else real_stat(p, *a, **k))
    with pytest.raises(IngestError) as exc:
        ingest_files.read_bytes(path)
    assert exc.value.problem == PIPE


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused(device):
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    with pytest.raises(IngestError) as exc:
        ingest_files.read_bytes(Path(device))
    assert exc.value.problem == DEVICE
    files, errors = expand_paths([Path(device)])
    assert files == [] and [e.problem for e in errors] == [DEVICE]


def test_link_to_a_device_is_refused(tmp_path):
    link = tmp_path / "in" / "zero.txt"
    link.parent.mkdir()
    link.symlink_to("/dev/zero")
    with pytest.raises(IngestError) as exc:
        load_article(link)
    assert exc.value.problem == DEVICE
    files, errors = expand_paths([link.parent])
    assert files == [] and [e.problem for e in errors] == [DEVICE]


def test_socket_is_refused(tmp_path):
    path = tmp_path / "sock.txt"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(IngestError) as exc:
            load_article(path)
        assert exc.value.problem == "is not a regular file (it is a socket); only ordinary files can be read"
    finally:
        server.close()


@pytest.mark.parametrize("where", ["direct", "folder"])
def test_cli_refuses_a_pipe_in_one_line(tmp_path, where):
    pipe = fifo(tmp_path / "in" / "notes.txt")
    target = pipe if where == "direct" else pipe.parent
    proc = subprocess.run([sys.executable, "-m", "app", "extract", str(target)], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2
    assert proc.stderr == f"briefing-builder: notes.txt: {PIPE}\n"
    assert proc.stdout == ""
