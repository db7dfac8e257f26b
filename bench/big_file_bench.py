"""The largest article the app accepts, through the command line: `extract` and both exports, each in
its own process, with wall time, CPU time and peak memory (max RSS) of that process.

    .venv/bin/python bench/big_file_bench.py [--chars N] [--only NAME ...]

The article is MAX_TEXT_CHARS characters (app/ingest/files.py) in three shapes, as plain text: prose
(the synthetic news corpus run together), dense facts (nothing but short fact sentences: the biggest
memo a text of this size gives) and one-word lines (the most lines); and the prose again as Word, PDF
and HTML files. Target (2-core machine): each command about 5 s or less, well under 1 GB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import dense_facts, long_article, word_lines  # noqa: E402

from app.ingest.files import MAX_TEXT_CHARS  # noqa: E402

TARGET_SECONDS = 5.0
TARGET_MB = 1024.0


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def write_txt(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def write_docx(path: Path, text: str) -> None:
    import docx

    document = docx.Document()
    for para in _paragraphs(text):
        document.add_paragraph(para)
    document.save(str(path))


def write_pdf(path: Path, text: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["BodyText"]
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph(escape(p), style) for p in _paragraphs(text)])


def write_html(path: Path, text: str) -> None:
    body = "".join(f"<p>{escape(p)}</p>\n" for p in _paragraphs(text))
    path.write_text(f"<html><head><title>Talks</title></head><body><article>{body}</article></body></html>",
                    encoding="utf-8")


def cases(chars: int) -> dict[str, tuple[Callable[[Path, str], None], str, str]]:
    prose = long_article(chars)
    return {
        "prose.txt": (write_txt, ".txt", prose),
        "dense-facts.txt": (write_txt, ".txt", dense_facts(chars)),
        "word-lines.txt": (write_txt, ".txt", word_lines(chars)),
        "prose.docx": (write_docx, ".docx", prose),
        "prose.pdf": (write_pdf, ".pdf", prose),
        "prose.html": (write_html, ".html", prose),
    }


def measure(args: list[str]) -> tuple[int, float, float, float]:
    """Exit code, wall seconds, CPU seconds and max RSS (MB) of ``python -m app ARGS``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "app", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        print(f"    {' '.join(args[:1])}: exit {proc.returncode}: {proc.stderr.read().decode().strip()}")
    proc.stderr.close()
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return proc.returncode, wall, usage.ru_utime + usage.ru_stime, rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=MAX_TEXT_CHARS)
    parser.add_argument("--only", nargs="*", default=[], help="case names to run (substrings)")
    opts = parser.parse_args()
    print(f"article text: {opts.chars:,} characters (MAX_TEXT_CHARS = {MAX_TEXT_CHARS:,}); "
          f"{os.cpu_count()} CPUs")
    print(f"{'case':16} {'bytes':>10} {'command':8} {'wall s':>7} {'cpu s':>6} {'max RSS MB':>10}")
    worst_s = worst_mb = 0.0
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, (write, _suffix, text) in cases(opts.chars).items():
            if opts.only and not any(o in name for o in opts.only):
                continue
            path = folder / name
            write(path, text)
            for command, extra in (("extract", []), ("docx", ["-o", str(folder / "memo.docx")]),
                                   ("pdf", ["-o", str(folder / "memo.pdf")])):
                verb = "extract" if command == "extract" else "export"
                code, wall, cpu, rss = measure([verb, str(path), *extra])
                failed |= code != 0
                worst_s, worst_mb = max(worst_s, wall), max(worst_mb, rss)
                print(f"{name:16} {path.stat().st_size:>10,} {command:8} {wall:7.2f} {cpu:6.2f} {rss:10.0f}",
                      flush=True)
    print(f"slowest command {worst_s:.1f} s (target about {TARGET_SECONDS:.0f} s), "
          f"largest {worst_mb:.0f} MB (target < {TARGET_MB:.0f} MB)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
