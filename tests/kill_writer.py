"""The writer that tests/test_kill_during_write.py kills with SIGKILL (run as a script, not collected).

A single-threaded zygote: it imports the app and the renderers, builds one big briefing (the samples plus
generated articles, thousands of facts, curated like an analyst would) and registers the PDF fonts, once.
Then it forks a child per request; the child saves the project and exports the DOCX and PDF memo to the
same three paths over and over, version after version, until it is killed. Forking from here costs a few
milliseconds instead of the second a fresh interpreter needs for its imports.

Lines on stdin / stdout:
    <- ready FACTS                      the zygote is set up; the project has FACTS facts
    -> go FOLDER VERSION MODE ORDER     MODE: unnamed (O_TMPFILE where there is one) or named;
                                        ORDER: the phases of a round, e.g. pdf,project,docx
    <- child PID
    <- start PHASE N T / wrote PHASE N T    from the child, around each write (PHASE: project, docx, pdf;
                                        T: time.monotonic())
    -> reap                             after the test has killed the child
    <- reaped STATUS
    -> quit, or the end of stdin
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = {"project": "big.briefing", "docx": "memo.docx", "pdf": "memo.pdf"}
SUBJECT = "Kill test version {}"
FACT_MARK = " (kill test version {})."


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())  # unbuffered: nothing waits in a buffer to be lost or forked twice


def build(folder: Path, articles: int, words: int):
    sys.path.insert(0, str(ROOT / "bench"))
    from _corpus import write_corpus

    from app.run.pipeline import build_briefing

    write_corpus(folder, articles, words)
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(folder.glob("*.txt"))
    briefing = build_briefing(paths, workers=1).briefing
    # The analyst's edits: a dozen facts in the memo, a handful of people in its participants table.
    for index, fact in enumerate(briefing.facts):
        fact.included = index < 12
    people = [e for e in briefing.entities if e.type == "person" and e.included]
    for entity in people[6:]:
        entity.included = False
    briefing.memo.to, briefing.memo.sender = "Deputy Secretary", "Asia desk"
    briefing.facts[0].text = briefing.facts[0].text.rstrip(". ")
    return briefing


def run_child(briefing, folder: Path, version: int, mode: str, order: list[str]) -> None:
    from app.render import export_memo
    from app.shared import atomic_file
    from app.store import save_project

    atomic_file.USE_O_TMPFILE = atomic_file.USE_O_TMPFILE and mode == "unnamed"
    base = briefing.facts[0].text
    while True:
        briefing.memo.subject = SUBJECT.format(version)
        briefing.facts[0].text = base + FACT_MARK.format(version)
        for phase in order:
            say(f"start {phase} {version} {time.monotonic():.6f}")
            path = folder / FILES[phase]
            if phase == "project":
                save_project(briefing, path)
            else:
                export_memo(briefing, path)
            say(f"wrote {phase} {version} {time.monotonic():.6f}")
        version += 1


def main() -> None:
    work, articles, words = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    from app.render import warm_up

    briefing = build(work, articles, words)
    warm_up()
    from app.render import export_memo
    from app.store import save_project

    scratch = work / "warm-up"
    scratch.mkdir()
    save_project(briefing, scratch / FILES["project"])  # every lazy cache filled once, here, not per child
    export_memo(briefing, scratch / FILES["docx"])
    export_memo(briefing, scratch / FILES["pdf"])
    gc.collect()
    gc.freeze()  # children then leave the shared pages alone instead of copying them to collect garbage
    assert threading.active_count() == 1, "fork from a single thread only"
    say(f"ready {len(briefing.facts)}")
    child = 0
    for line in sys.stdin:
        words_ = line.split()
        if words_[:1] == ["go"]:
            folder, version, mode, order = Path(words_[1]), int(words_[2]), words_[3], words_[4].split(",")
            child = os.fork()
            if child == 0:
                try:
                    run_child(briefing, folder, version, mode, order)
                except BaseException as exc:  # noqa: BLE001 - the test reads it instead of waiting forever
                    say(f"error {type(exc).__name__}: {exc}".replace("\n", " "))
                finally:
                    os._exit(1)
            say(f"child {child}")
        elif words_[:1] == ["reap"]:
            _, status = os.waitpid(child, 0)
            child = 0
            say(f"reaped {status}")
        else:
            break
    if child:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)


if __name__ == "__main__":
    main()
