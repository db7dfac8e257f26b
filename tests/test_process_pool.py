"""Per-article work in worker processes: the same briefing as one process, cancellable, and never lost when
workers die."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

import pytest

from app.launch.serialize import briefing_to_json
from app.run import pool as process_pool
from app.run.pipeline import AUTO, build_briefing, load
from app.shared.errors import Cancelled, IngestError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """40 articles with boilerplate, shared sentences and two unreadable files."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from _corpus import write_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, 40, 300)
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.docx").write_bytes(b"\x00\x01not a zip at all" * 20)
    return folder


def _json(paths: list[Path], workers: int) -> dict:
    result = build_briefing(paths, workers=workers)
    data = briefing_to_json(result.briefing)
    data["errors"] = [str(e) for e in result.errors]
    return data


@pytest.mark.parametrize("workers", [2, 3])  # this process and one worker; and two workers
def test_workers_give_the_same_briefing_as_one_process(corpus, workers):
    one = _json([corpus], workers=1)
    two = _json([corpus], workers=workers)
    assert len(one["articles"]) == 40 and len(one["facts"]) > 200
    assert sum(bool(f["dates"]) for f in one["facts"]) > 20  # dated by a worker while merging ran here
    assert json.dumps(two, sort_keys=True) == json.dumps(one, sort_keys=True)
    assert sorted(two["errors"]) == ["binary.docx: is not a valid Word document", "empty.txt: is empty"]
    assert not multiprocessing.active_children()  # the workers are gone


def test_errors_from_workers_keep_their_type_and_file(corpus):
    loaded = load([corpus], workers=2)
    assert loaded.ready is not None and len(loaded.ready) == len(loaded.articles) == 40
    assert {type(e) for e in loaded.errors} == {IngestError}
    assert sorted(e.path.name for e in loaded.errors) == ["binary.docx", "empty.txt"]


def test_small_runs_stay_in_this_process(seed_paths, monkeypatch):
    monkeypatch.setattr(process_pool, "Workers", lambda *a, **k: pytest.fail("no workers for two files"))
    loaded = load(seed_paths, workers=AUTO)
    assert len(loaded.articles) == 2 and loaded.ready is None


def test_worker_count():
    assert process_pool.worker_count(10, 8) == 0  # not worth starting a process
    assert process_pool.worker_count(1000, 1) == 0  # one CPU: work here
    assert process_pool.worker_count(40, 8) == 1  # two processes at work: this one and a worker
    assert process_pool.worker_count(1000, 2) == 1
    assert process_pool.worker_count(10_000, 64) == process_pool.MAX_WORKERS


def test_cancel_stops_the_run_and_its_workers(corpus):
    seen: list[int] = []

    def progress(done: int, total: int, message: str) -> None:
        seen.append(done)

    with pytest.raises(Cancelled):
        load([corpus], progress, is_cancelled=lambda: len(seen) > 1, workers=2)
    for child in multiprocessing.active_children():
        child.join(5)
    assert not multiprocessing.active_children()


def whose(items: list[int]) -> list[tuple[int, int]]:
    time.sleep(0.005 * len(items))
    return [(os.getpid(), n) for n in items]


def test_this_process_takes_chunks_too_and_the_order_holds():
    with process_pool.Workers(1) as pool:
        got = pool.map_chunks(whose, list(range(120)))
    assert [n for _pid, n in got] == list(range(120))
    pids = [pid for pid, _n in got]
    assert pids[-1] == os.getpid()  # from the back: the last chunk is this process's
    assert pids[0] != os.getpid()  # from the front: the first is the worker's


def die_in_workers(items: list[tuple[int, int]]) -> list[int]:
    """Kills any worker process it runs in; doubles the numbers in the parent."""
    if os.getpid() != items[0][0]:
        os._exit(3)
    return [2 * n for _pid, n in items]


def test_dead_workers_fall_back_to_this_process():
    items = [(os.getpid(), n) for n in range(50)]
    done: list[int] = []
    with process_pool.Workers(2) as pool:
        got = pool.map_chunks(die_in_workers, items, progress=lambda d, t, m: done.append(d))
    assert got == [2 * n for n in range(50)]
    assert done[-1] == 50


def test_a_single_job_runs_in_a_worker_or_here_when_workers_die():
    items = [(os.getpid(), 4)]
    with process_pool.Workers(2) as pool:
        assert pool.submit(die_in_workers, items).result() == [8]  # its worker died: done here instead
        assert pool.submit(die_in_workers, items).result() == [8]  # and the pool is not tried again
    with process_pool.Workers(2) as pool:
        pool.close(now=True)
        assert pool.submit(die_in_workers, items).result() == [8]


def test_the_entity_scan_travels_between_processes_intact(seed_paths):
    import pickle

    from app.extract.entities import scan_articles
    from app.ingest import load_article

    pairs = [(a.id, a.text) for a in map(load_article, seed_paths)]
    here = scan_articles(pairs)
    there = pickle.loads(pickle.dumps(here))
    assert there.found == here.found and there.tallies == here.tallies
    assert there.people.people.keys() == here.people.people.keys()
    assert any(f.type == "person" and f.role for found, _ in there.found.values() for f in found)


def test_sections_made_by_workers_give_way_to_a_custom_taxonomy(seed_paths):
    from app.extract.facts import extract_facts, kept_sentences
    from app.extract.topics import parse_taxonomy
    from app.ingest import load_article

    articles = [load_article(p) for p in seed_paths]
    ready = [kept_sentences(a, scored=True) for a in articles]
    assert all(row[5] is not None for rows in ready for row in rows)  # sections and scores came along
    plain = extract_facts(articles)
    assert [(f.text, f.section, f.score) for f in extract_facts(articles, ready=ready)] == \
        [(f.text, f.section, f.score) for f in plain]
    custom = parse_taxonomy({"sections": [{"key": "talks", "title": "Talks", "keywords": ["talks"]},
                                          {"key": "other", "title": "Other"}]})
    sections = {f.section for f in extract_facts(articles, taxonomy=custom, ready=ready)}
    assert sections == {"talks", "other"}
