"""One job in a child process: its result (long lists in pieces), progress, errors, death and cancelling."""

from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import dataclass, field

import pytest

from app.run import child_job as process_job
from app.run.child_job import ProcessFailed, run_in_process
from app.shared.errors import BriefingError, Cancelled, ExportError


@dataclass
class Outcome:
    name: str
    items: list[int] = field(default_factory=list)
    pid: int = 0


# Jobs: module level, so the child can import them by name.
def count(n: int, progress, is_cancelled) -> Outcome:
    for i in range(n):
        progress(i + 1, n, f"item {i + 1}")
    return Outcome("counted", list(range(n)), os.getpid())


def fail_typed(progress, is_cancelled) -> None:
    raise ExportError("memo.pdf: the disk is full", "errno 28")


def fail_untyped(progress, is_cancelled) -> None:
    raise ZeroDivisionError("division by zero")


def die(progress, is_cancelled) -> None:
    os._exit(7)


def until_cancelled(progress, is_cancelled) -> None:
    progress(0, 1, "started")
    while not is_cancelled():
        time.sleep(0.01)
    raise Cancelled()


def ignore_cancel(progress, is_cancelled) -> None:
    progress(0, 1, "started")
    time.sleep(60)


def test_result_comes_back_whole_from_another_process():
    n = process_job.PIECE * 3 + 7  # travels in four pieces
    seen: list[tuple[int, int, str]] = []
    got = run_in_process(count, n, progress=lambda *a: seen.append(a))
    assert got.name == "counted" and got.items == list(range(n))
    assert got.pid != os.getpid()
    assert seen and seen[-1] == (n, n, f"item {n}")  # the last report always arrives
    assert not multiprocessing.active_children()


def test_typed_errors_arrive_as_they_were_raised():
    with pytest.raises(ExportError) as err:
        run_in_process(fail_typed)
    assert err.value.message == "memo.pdf: the disk is full" and err.value.detail == "errno 28"


def test_unexpected_errors_become_a_readable_message():
    with pytest.raises(BriefingError) as err:
        run_in_process(fail_untyped)
    assert "Unexpected error while extracting: division by zero" in err.value.message
    assert "ZeroDivisionError" in err.value.detail  # the traceback goes to the log, not the user


def test_a_dying_child_is_reported_not_waited_for():
    with pytest.raises(ProcessFailed) as err:
        run_in_process(die)
    assert "stopped unexpectedly" in err.value.message and "7" in err.value.message


def test_cancel_asks_the_child_to_stop():
    started = time.monotonic()
    progress: list[str] = []
    with pytest.raises(Cancelled):
        run_in_process(until_cancelled, progress=lambda d, t, m: progress.append(m),
                       is_cancelled=lambda: bool(progress))
    assert time.monotonic() - started < 30
    assert not multiprocessing.active_children()


def test_a_child_that_ignores_cancel_is_killed(monkeypatch):
    monkeypatch.setattr(process_job, "CANCEL_GRACE", 0.3)
    progress: list[str] = []
    started = time.monotonic()
    with pytest.raises(Cancelled):
        run_in_process(ignore_cancel, progress=lambda d, t, m: progress.append(m),
                       is_cancelled=lambda: bool(progress))
    assert time.monotonic() - started < 20  # not the job's 60 s
    assert not multiprocessing.active_children()
