"""The one atomic writer: temporaries named after their owner, swept when the owner is dead, never when it
lives; unnamed (O_TMPFILE) temporaries on Linux with the named ones as the portable fallback; permission
bits kept; read-only targets refused. The kill -9 test is tests/test_kill_during_write.py."""

from __future__ import annotations

import errno
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import store
from app.domain import Article, Briefing, Fact, MemoMeta, SourceSpan
from app.render import export_memo
from app.shared import atomic_file
from app.shared.atomic_file import sweep_stale_temporaries, temp_path_for, write_bytes_atomically
from app.shared.errors import ExportError, ProjectError
from app.store.recovery import Recovery, find_recoverable

POSIX = os.name == "posix"
TEXT = "Tokyo, 28 July 2024. Ministers met in Tokyo. They agreed to upgrade command links."


def _briefing() -> Briefing:
    article = Article(id="a1", path="/news/a.txt", title="Ministers meet", text=TEXT, outlet="Wire")
    facts = [Fact("F001", "Ministers met in Tokyo.", "date_venue", 0.9, True, [SourceSpan("a1", 21, 44)])]
    return Briefing([article], facts, MemoMeta(subject="US-Japan 2+2"))


@pytest.fixture(params=["unnamed", "named"])
def mode(request, monkeypatch) -> str:
    """Every test runs with O_TMPFILE (where the kernel has it) and with the portable named temporaries."""
    if request.param == "unnamed" and not atomic_file.USE_O_TMPFILE:
        pytest.skip("no O_TMPFILE here")
    monkeypatch.setattr(atomic_file, "USE_O_TMPFILE", request.param == "unnamed")
    return request.param


def _dead_pid() -> int:
    """The pid of a process that has exited and been reaped."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def live_pid() -> Iterator[int]:
    """A running process that is not this one (it waits for its stdin to close)."""
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        yield child.pid
    finally:
        child.stdin.close()
        child.wait(10)


def _temporary_of(target: Path, pid: int, host: str | None = None) -> Path:
    """A half-written temporary of ``target`` as process ``pid`` (of this host, or of ``host``) names it."""
    token = secrets.token_hex(4)
    path = target.with_name(f".{target.stem}.{pid}-{host or atomic_file._host_tag()}-{token}.tmp{target.suffix}")
    path.write_bytes(b"half a file")
    return path


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- names ---------------------------------------------------------------------------------------------


def test_temporary_names_are_hidden_siblings_that_name_their_owner(tmp_path: Path) -> None:
    tmp = temp_path_for(tmp_path / "memo.pdf")
    assert tmp.parent == tmp_path and tmp.name.startswith(".memo.") and tmp.name.endswith(".tmp.pdf")
    assert f".{os.getpid()}-" in tmp.name
    assert temp_path_for(tmp_path / "memo.pdf") != tmp  # a random part: two writers never collide
    assert temp_path_for(tmp_path / "meeting.briefing").name.endswith(".tmp.briefing")
    assert temp_path_for(tmp_path / ("x" * 200)).name.count("x") == 80  # a long name still fits
    assert atomic_file._TEMPORARY.fullmatch(tmp.name)
    assert _temporary_of(tmp_path / "memo.pdf", os.getpid()).name[:-len("0123abcd.tmp.pdf")] == \
        tmp.name[:-len("0123abcd.tmp.pdf")]  # the tests' own temporaries are named the same way


def test_unnamed_temporary_has_no_name_while_it_is_written(tmp_path: Path, mode: str) -> None:
    target = tmp_path / "meeting.briefing"
    target.write_bytes(b"old")
    seen: list[list[str]] = []

    def write(path: Path) -> None:
        path.write_bytes(b"new")
        seen.append(_names(tmp_path))

    atomic_file.write_file_atomically(target, write)
    assert target.read_bytes() == b"new" and _names(tmp_path) == ["meeting.briefing"]
    if mode == "unnamed":
        assert seen == [["meeting.briefing"]]  # a kill here would leave nothing behind
    else:
        assert len(seen[0]) == 2 and f".{os.getpid()}-" in seen[0][0]


def test_falls_back_to_a_named_temporary_without_o_tmpfile(tmp_path: Path, monkeypatch) -> None:
    if not atomic_file.USE_O_TMPFILE:
        pytest.skip("no O_TMPFILE here")
    real_open = os.open

    def no_tmpfile(path, flags, *args, **kwargs):  # as on a file system without O_TMPFILE support
        if flags & os.O_TMPFILE == os.O_TMPFILE:
            raise OSError(errno.EOPNOTSUPP, "Operation not supported")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_tmpfile)
    seen: list[list[str]] = []
    atomic_file.write_file_atomically(tmp_path / "memo.pdf", lambda p: (p.write_bytes(b"%PDF"),
                                                                        seen.append(_names(tmp_path))))
    assert len(seen[0]) == 1 and seen[0][0].endswith(".tmp.pdf")
    assert _names(tmp_path) == ["memo.pdf"] and (tmp_path / "memo.pdf").read_bytes() == b"%PDF"


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path: Path, mode: str) -> None:
    target = tmp_path / "memo.docx"
    target.write_bytes(b"old")

    def half_write(path: Path) -> None:
        path.write_bytes(b"half")
        raise RuntimeError("renderer broke")

    with pytest.raises(RuntimeError):
        atomic_file.write_file_atomically(target, half_write)
    assert target.read_bytes() == b"old" and _names(tmp_path) == ["memo.docx"]


# -- permission bits and read-only targets -----------------------------------------------------------


@pytest.mark.skipif(not POSIX, reason="permission bits are POSIX")
def test_permission_bits_are_kept(tmp_path: Path, mode: str) -> None:
    project, memo = tmp_path / "meeting.briefing", tmp_path / "memo.pdf"
    store.save_project(_briefing(), project)
    export_memo(_briefing(), memo)
    project.chmod(0o600)
    memo.chmod(0o640)
    changed = _briefing()
    changed.memo.subject = "Changed"
    store.save_project(changed, project)
    export_memo(changed, memo)
    assert project.stat().st_mode & 0o777 == 0o600 and memo.stat().st_mode & 0o777 == 0o640
    assert store.load_project(project).memo.subject == "Changed"


@pytest.mark.skipif(not POSIX, reason="mode bits")
def test_new_file_gets_ordinary_permissions(tmp_path: Path, mode: str) -> None:
    old = os.umask(0o022)
    try:
        write_bytes_atomically(tmp_path / "new.briefing", b"{}")
    finally:
        os.umask(old)
    assert (tmp_path / "new.briefing").stat().st_mode & 0o777 == 0o644


@pytest.mark.skipif(not POSIX, reason="mode bits")
def test_read_only_targets_are_refused_and_left_alone(tmp_path: Path, mode: str) -> None:
    project, memo = tmp_path / "meeting.briefing", tmp_path / "memo.pdf"
    project.write_bytes(b"the old project")
    memo.write_bytes(b"the old memo")
    project.chmod(0o444)
    memo.chmod(0o444)
    try:
        with pytest.raises(ProjectError, match=r"^Cannot save meeting.briefing: the file is read-only$"):
            store.save_project(_briefing(), project)
        with pytest.raises(ExportError, match=r"^Cannot write memo.pdf: the file is read-only$"):
            export_memo(_briefing(), memo)
        assert project.read_bytes() == b"the old project" and memo.read_bytes() == b"the old memo"
        assert _names(tmp_path) == ["meeting.briefing", "memo.pdf"]
    finally:
        project.chmod(0o644)
        memo.chmod(0o644)


# -- the sweep -----------------------------------------------------------------------------------------


@pytest.mark.skipif(not POSIX, reason="process ids are only probed on POSIX")
def test_every_writer_sweeps_dead_writers_temporaries_from_its_folder(tmp_path: Path, mode: str) -> None:
    dead = _dead_pid()
    project, memo = tmp_path / "meeting.briefing", tmp_path / "memo.pdf"
    left = [_temporary_of(project, dead), _temporary_of(memo, dead), _temporary_of(tmp_path / "other.docx", dead)]
    store.save_project(_briefing(), project)  # one write sweeps the folder, whichever file it writes
    assert not any(p.exists() for p in left)
    assert _names(tmp_path) == ["meeting.briefing"]
    _temporary_of(memo, dead)
    export_memo(_briefing(), memo)
    assert _names(tmp_path) == ["meeting.briefing", "memo.pdf"]


@pytest.mark.skipif(not POSIX, reason="process ids are only probed on POSIX")
def test_recovery_folder_is_swept_at_start_up_and_by_autosaves(tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    recovery = Recovery(folder, session="s1")
    recovery.write_briefing(_briefing())
    stale = _temporary_of(recovery.path, _dead_pid())
    assert [r.path for r in find_recoverable(folder)] == [recovery.path]  # what start-up calls
    assert not stale.exists()
    stale = _temporary_of(recovery.path, _dead_pid())
    recovery.write_briefing(_briefing())
    assert not stale.exists() and _names(folder) == [recovery.path.name]


@pytest.mark.skipif(not POSIX, reason="process ids are only probed on POSIX")
def test_a_live_writers_temporary_is_never_touched(tmp_path: Path, live_pid: int, mode: str) -> None:
    target = tmp_path / "meeting.briefing"
    ours = _temporary_of(target, os.getpid())  # e.g. the autosave thread's, beside a save on another thread
    theirs = _temporary_of(target, live_pid)  # another instance of the app, still writing
    long_ago = time.time() - 10 * atomic_file.STALE_AFTER
    os.utime(theirs, (long_ago, long_ago))  # even a slow one
    store.save_project(_briefing(), target)
    assert sweep_stale_temporaries(tmp_path) == []
    assert ours.read_bytes() == b"half a file" and theirs.read_bytes() == b"half a file"
    assert store.load_project(target) == _briefing()


def test_another_hosts_temporary_is_swept_only_when_old(tmp_path: Path) -> None:
    other_host = "f" * 6 if atomic_file._host_tag() != "f" * 6 else "e" * 6
    young = _temporary_of(tmp_path / "memo.pdf", 4242, other_host)
    old = _temporary_of(tmp_path / "memo.docx", 4242, other_host)
    now = time.time()
    os.utime(old, (now - atomic_file.STALE_AFTER - 60, now - atomic_file.STALE_AFTER - 60))
    assert sweep_stale_temporaries(tmp_path) == [old]
    assert young.exists()


@pytest.mark.skipif(not POSIX, reason="process ids are only probed on POSIX")
def test_files_that_merely_look_like_temporaries_are_never_touched(tmp_path: Path) -> None:
    dead, host = _dead_pid(), atomic_file._host_tag()
    lookalikes = [
        ".memo.tmp.pdf", ".memo.3f9a1c.tmp.pdf", ".meeting.briefing.3f9a1c2b.tmp",  # older versions' names
        f"memo.{dead}-{host}-0123abcd.tmp.pdf",  # not hidden
        f".memo.{dead}-{host}-0123abc.tmp.pdf",  # random part too short
        f".memo.{dead}-{host.upper()}-0123ABCD.tmp.pdf",
        f".memo.{dead}-{host}-0123abcd.tmp.pdf.bak", f".memo.{dead}-{host}-0123abcd.tmpx",
        f".memo.{dead}.0123abcd.tmp.pdf", ".memo.0-abcdef-0123abcd.tmp.pdf", "notes.txt", ".hidden",
    ]
    for name in lookalikes:
        (tmp_path / name).write_text("the user's own file")
    folder_like = tmp_path / f".memo.{dead}-{host}-0123abcd.tmp.pdf"
    folder_like.mkdir()
    link_like = tmp_path / f".memo.{dead}-{host}-4567cdef.tmp.pdf"
    link_like.symlink_to(tmp_path / "notes.txt")
    long_ago = time.time() - 10 * atomic_file.STALE_AFTER
    for path in tmp_path.iterdir():
        os.utime(path, (long_ago, long_ago), follow_symlinks=False)
    before = _names(tmp_path)
    assert sweep_stale_temporaries(tmp_path) == []
    store.save_project(_briefing(), tmp_path / "meeting.briefing")
    export_memo(_briefing(), tmp_path / "memo.pdf")
    assert _names(tmp_path) == sorted(before + ["meeting.briefing", "memo.pdf"])
    assert all((tmp_path / n).read_text() == "the user's own file" for n in lookalikes)


def test_sweep_of_a_missing_or_unreadable_folder_is_quiet(tmp_path: Path) -> None:
    assert sweep_stale_temporaries(tmp_path / "nope") == []
