"""The largest article the app accepts goes through `extract` and both exports in seconds and well under
1 GB; anything bigger is refused at once, with the limit in the user's terms. Exact timings:
bench/big_file_bench.py."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.ingest import load_article
from app.ingest.files import MAX_TEXT_CHARS, MAX_TEXT_FILE_BYTES, text_limit_problem
from app.launch.cli import main as cli_main
from app.shared.errors import IngestError

ROOT = Path(__file__).resolve().parent.parent


def corpus():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import _corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return _corpus


def problem_of(path: Path) -> str:
    with pytest.raises(IngestError) as exc:
        load_article(path)
    return exc.value.problem


def test_limit_messages_in_the_users_terms():
    assert text_limit_problem(1_234_567) == (
        "has too much text for one article (about 1.2 million characters; the limit is 300,000 characters, "
        "about 50,000 words); split it into smaller files")
    assert text_limit_problem(312_345).startswith("has too much text for one article (about 310,000 characters;")
    assert text_limit_problem(None).startswith("has too much text for one article (the limit is 300,000")


def test_one_character_over_the_limit_is_refused(tmp_path):
    text = corpus().long_article(MAX_TEXT_CHARS + 1)
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    assert problem_of(path).startswith("has too much text for one article (about 300,000 characters;")
    path.write_text(text[:-1], encoding="utf-8")
    assert len(load_article(path).raw_text) == MAX_TEXT_CHARS


def test_a_big_text_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "dump.md"
    path.write_bytes(b"Talks went on. " * 1_700_000)  # 24 MB: 47 s and 1.4 GB before
    start = time.perf_counter()
    assert problem_of(path) == ("is too large for one article (24 MB; a text file can be at most 1.2 MB, "
                                "about 50,000 words); split it into smaller files")
    assert time.perf_counter() - start < 1


def test_the_byte_limit_never_refuses_a_text_within_the_character_limit(tmp_path):
    text = corpus().long_article(MAX_TEXT_CHARS)
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode("utf-32"))  # 4 bytes a character, the widest encoding, and a BOM
    assert path.stat().st_size <= MAX_TEXT_FILE_BYTES
    assert load_article(path).raw_text == text


def test_the_cli_refuses_a_big_file_in_one_line(tmp_path, capsys):
    path = tmp_path / "lines.txt"
    path.write_text("alpha\n" * 1_000_000)  # a million one-word lines: 18 s and 870 MB before
    assert cli_main(["extract", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "lines.txt: is too large for one article (5.7 MB;" in err


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="per-process peak memory needs os.wait4")
def test_the_largest_accepted_article_is_extracted_and_exported_quickly(tmp_path):
    # Dense facts: the most facts, so the biggest memo, a text within the limit can give (~500 PDF pages).
    path = tmp_path / "largest.txt"
    path.write_text(corpus().dense_facts(MAX_TEXT_CHARS), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    for args in (["extract", str(path)], ["export", str(path), "-o", str(tmp_path / "memo.docx")],
                 ["export", str(path), "-o", str(tmp_path / "memo.pdf")]):
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "app", *args], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        err = proc.stderr.read().decode()
        proc.stderr.close()
        assert os.waitstatus_to_exitcode(status) == 0, err
        assert seconds < 60, (args[0], seconds)  # 1-5 s on the 2-core development machine
        rss_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        assert rss_mb < 1024, (args[0], rss_mb)  # about 120 MB
    assert (tmp_path / "memo.docx").stat().st_size > 0 and (tmp_path / "memo.pdf").stat().st_size > 0
