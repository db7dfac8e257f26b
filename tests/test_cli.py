"""The command line contract: subcommands, JSON shape, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from app import __version__
from app.launch.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


def test_version_prints_the_single_version_number():
    proc = run_cli("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"briefing-builder {__version__}"


def test_extract_json_has_the_contract_keys_and_spans_point_at_text(seed_paths, capsys):
    assert main(["extract", *map(str, seed_paths)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["articles"]) == 2
    for art in data["articles"]:
        assert set(art) >= {"id", "path", "title", "outlet", "published", "text", "removed"}
        assert art["published"] == "2024-07-28"
        for removed in art["removed"]:
            assert set(removed) >= {"text", "reason"} and removed["reason"]
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert data["facts"], "no facts extracted"
    for fact in data["facts"]:
        assert set(fact) >= {"id", "text", "section", "score", "included", "sources"}
        assert fact["sources"]
        for src in fact["sources"]:
            sentence = texts[src["article"]][src["start"]:src["end"]]
            assert sentence.strip() and sentence == sentence.strip()
    joined = " ".join(f["text"] for f in data["facts"])
    assert "Channel 9" not in joined and "generated with AI" not in joined


def test_extract_text_format_lists_sections_and_ticks(seed_paths, capsys):
    assert main(["extract", "--format", "text", *map(str, seed_paths)]) == 0
    out = capsys.readouterr().out
    assert "[x]" in out
    assert "PARTICIPANTS" in out


def test_extract_does_not_import_qt(seed_paths):
    code = ("import sys; from app.launch.cli import main; rc = main(['extract', *sys.argv[1:]]); "
            "sys.stdout.flush(); assert rc == 0; "
            "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))); "
            "print('QT-MODULES', bad, file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, *map(str, seed_paths)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "QT-MODULES []" in proc.stderr


def test_export_docx_holds_only_included_facts(seed_paths, tmp_path, capsys):
    out = tmp_path / "memo.docx"
    rc = main(["export", *map(str, seed_paths), "--output", str(out), "--subject", "US-Japan 2+2",
               "--to", "The Secretary", "--from", "Analyst Desk", "--classification", "UNCLASSIFIED"])
    assert rc == 0 and out.exists()
    assert "Exported" in capsys.readouterr().out
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    doc = docx.Document(str(out))
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    everything = body + "\n" + cells
    assert "US-Japan 2+2" in everything and "The Secretary" in everything and "Analyst Desk" in everything
    main(["extract", *map(str, seed_paths)])
    facts = json.loads(capsys.readouterr().out)["facts"]
    ticked = [f["memo_text"] for f in facts if f["included"]]
    unticked = [f["memo_text"] for f in facts if not f["included"]]
    assert ticked
    positions = [body.find(t[:60]) for t in ticked]
    assert all(p >= 0 for p in positions), "a ticked fact is missing from the memo"
    # No unticked fact is a bullet (a "Sources differ" note may quote one as the other version).
    bullets = [re.sub(r"^\(\w+\)\s*", "", p.text) for p in doc.paragraphs]
    for text in unticked:
        assert not any(b.startswith(text[:80]) for b in bullets)


def test_export_pdf(seed_paths, tmp_path):
    out = tmp_path / "memo.pdf"
    assert main(["export", *map(str, seed_paths), "-o", str(out)]) == 0
    text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "UNCLASSIFIED" in text


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 20, "text"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "Word"),
        ("broken.pdf", b"%PDF-1.7 garbage", "PDF"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, name, content, problem):
    bad = tmp_path / name
    bad.write_bytes(content)
    proc = run_cli("extract", str(bad))
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert name in lines[0] and problem.lower() in lines[0].lower()
    assert "Traceback" not in proc.stderr


def test_missing_path_and_bad_output_suffix(tmp_path, seed_paths):
    proc = run_cli("extract", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and "nope.txt" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    proc = run_cli("export", str(seed_paths[0]), "--output", str(tmp_path / "memo.odt"))
    assert proc.returncode == 2 and "memo.odt" in proc.stderr


def test_export_into_missing_folder_fails_cleanly(seed_paths, tmp_path):
    proc = run_cli("export", str(seed_paths[0]), "--output", str(tmp_path / "no" / "such" / "memo.pdf"))
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 1 and "memo.pdf" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_usage_error_is_one_line():
    proc = run_cli("export")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
