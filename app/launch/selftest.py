"""``briefing-builder --self-test``: prove an installed copy works, with no display and no user files.

It loads the bundled sample articles, extracts facts, exports a DOCX and a PDF memo into a temporary folder,
reads both back and checks they hold every ticked fact in memo order and no unticked one; reads an HTML
page and an AES-encrypted PDF made from them (the readers that need bundled data or optional libraries);
then opens the main window offscreen on the same samples and waits until loading finished. One summary line
on stdout and exit code 0, or one line naming what failed on stderr and exit code 1. Works from source and
frozen.

This module is Qt-free and imports nothing of ``app.ui``: the window check (``app.ui.selfcheck``) is handed
in by the launcher as ``window_check``; without one the window is not checked.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

EXIT_OK = 0
EXIT_FAILED = 1

_SPACE = re.compile(r"\s+")


class SelfTestFailure(Exception):
    """One step of the self test failed; the message is the one line the user sees."""


@dataclass
class Summary:
    articles: int = 0
    facts: int = 0
    ticked: int = 0
    docx_facts: int = 0
    pdf_pages: int = 0
    window_facts: int | None = None  # None when the window check was skipped
    worker: bool = False  # a worker process ran and read the samples as this process does
    seconds: float = 0.0

    def line(self) -> str:
        window = "" if self.window_facts is None else f", window shows {self.window_facts} facts"
        return (f"self-test passed: {self.articles} articles, {self.facts} facts ({self.ticked} ticked), "
                f"memo.docx {self.docx_facts} facts, memo.pdf {self.pdf_pages} pages, "
                f"HTML and encrypted PDF read{', worker process ok' if self.worker else ''}{window} "
                f"in {self.seconds:.1f} s")


def _squash(text: str) -> str:
    """Text without any whitespace: PDF extraction breaks lines (and sometimes spaces) where it likes."""
    return _SPACE.sub("", text)


def check_contents(name: str, text: str, expected: list[str], unexpected: list[str]) -> None:
    """Every ``expected`` text occurs in ``text`` in this order; no ``unexpected`` text occurs at all."""
    body = _squash(text)
    pos = 0
    for i, fact in enumerate(expected, 1):
        found = body.find(_squash(fact), pos)
        if found < 0:
            where = "at all" if body.find(_squash(fact)) < 0 else "in memo order"
            raise SelfTestFailure(f"{name} lacks ticked fact {i} of {len(expected)} {where}: "
                                  f"{_clip(fact)!r}")
        pos = found + len(_squash(fact))
    for fact in unexpected:
        if _squash(fact) in body:
            raise SelfTestFailure(f"{name} contains an unticked fact: {_clip(fact)!r}")


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _docx_text(path: Path) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def _page_furniture(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip())


def drop_running_lines(pages: list[str]) -> str:
    """The pages' text without the lines every page repeats (banner, "Page 2 of 5"): a fact that runs
    across a page break must read as one piece."""
    lines = [page.splitlines() for page in pages]
    if len(lines) < 2:
        return "\n".join(pages)
    common = set.intersection(*({_page_furniture(line) for line in page} for page in lines))
    return "\n".join(line for page in lines for line in page if _page_furniture(line) not in common)


def _pdf_text(path: Path) -> tuple[str, int]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return drop_running_lines([page.extract_text() or "" for page in reader.pages]), len(reader.pages)


def check_core(seeds: Path, workdir: Path, summary: Summary) -> None:
    """Samples -> facts -> DOCX and PDF in ``workdir`` -> read back and compare with the ticked facts."""
    from app.memo import build_memo
    from app.memo.document import DifferNote, FactParagraph, SourcesList
    from app.memo.text import clean_text
    from app.render import export_memo
    from app.run.pipeline import build_briefing

    if not seeds.is_dir():
        raise SelfTestFailure(f"the sample articles are missing: no folder {seeds}")
    result = build_briefing([seeds])
    if result.errors:
        raise SelfTestFailure(f"the sample articles could not be read: {result.errors[0]}")
    briefing = result.briefing
    if not briefing.articles:
        raise SelfTestFailure(f"no sample article found in {seeds}")
    facts = briefing.facts
    summary.articles, summary.facts = len(briefing.articles), len(facts)
    summary.ticked = sum(f.included for f in facts)
    if not summary.ticked:
        raise SelfTestFailure(f"no fact was ticked out of {len(facts)} extracted from the samples")

    # The memo model fixes the order (by section, then briefing order) and the cleaned wording.
    memo = build_memo(briefing)
    expected = [b.text for b in memo.blocks if isinstance(b, FactParagraph)]
    if len(expected) != summary.ticked:
        raise SelfTestFailure(f"the memo has {len(expected)} facts but {summary.ticked} are ticked")
    # An unticked fact whose words also occur inside a ticked one (or the subject, an article's title in the
    # Sources list, or a "Sources differ" note quoting the version it disagrees with) cannot be told apart.
    titles = [e.title + "." for b in memo.blocks if isinstance(b, SourcesList) for e in b.entries]
    versions = [v.text for b in memo.blocks if isinstance(b, DifferNote) for v in b.versions]
    shown = [_squash(t) for t in [*expected, memo.meta.subject, *titles, *versions]]
    unexpected = [text for f in facts if not f.included and (text := clean_text(f.memo_wording()))
                  and not any(_squash(text) in s for s in shown)]

    docx_path, pdf_path = workdir / "memo.docx", workdir / "memo.pdf"
    export_memo(briefing, docx_path)
    exported = export_memo(briefing, pdf_path)
    check_contents(docx_path.name, _docx_text(docx_path), expected, unexpected)
    summary.docx_facts = len(expected)
    pdf_text, pages = _pdf_text(pdf_path)
    if exported.pages is not None and exported.pages != pages:
        raise SelfTestFailure(f"memo.pdf has {pages} pages, the exporter reported {exported.pages}")
    check_contents(pdf_path.name, pdf_text, expected, unexpected)
    summary.pdf_pages = pages
    check_preview(pdf_path)
    check_readers(briefing, expected, workdir)


def check_preview(pdf_path: Path) -> None:
    """The GUI's preview rasterises the memo with pypdfium2: prove the renderer loads and draws ink."""
    from app.render.raster import rasterise

    try:
        image = rasterise(pdf_path, 200, max_pages=1)[0]
    except Exception as exc:  # a missing native library shows up here, frozen or not
        raise SelfTestFailure(f"the memo preview cannot render {pdf_path.name}: {exc}") from exc
    if len(set(image.data[::4])) < 2:
        raise SelfTestFailure(f"the memo preview of {pdf_path.name} is blank")


_HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title} | Self-Test Times</title>
<meta property="og:site_name" content="Self-Test Times">
<meta property="article:published_time" content="2024-07-28T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>Subscribe to the Self-Test Times newsletter.</footer></body></html>
"""


def check_readers(briefing, expected: list[str], workdir: Path) -> None:
    """The readers that need bundled data or optional libraries: HTML (trafilatura, justext stoplists,
    htmldate) and an AES-encrypted PDF (pypdf with pycryptodome), read through the app's own ingest."""
    from html import escape

    from pypdf import PdfReader, PdfWriter

    from app.ingest import load_article

    article = briefing.articles[0]
    paragraphs = [p.strip() for p in article.text.split("\n") if len(p.strip()) > 40][:4]
    page = workdir / "article.html"
    page.write_text(_HTML_PAGE.format(title=escape(article.title), paragraphs="".join(
        f"<p>{escape(p)}</p>" for p in paragraphs)), encoding="utf-8")
    html = load_article(page)
    if html.outlet != "Self-Test Times":  # only trafilatura reads og:site_name; the plain fallback cannot
        raise SelfTestFailure(f"the HTML reader fell back to plain text (outlet {html.outlet!r})")
    check_contents(page.name, html.text, paragraphs[:1], ["Subscribe to the Self-Test Times"])

    writer = PdfWriter(clone_from=str(workdir / "memo.pdf"))
    writer.encrypt(user_password="", owner_password="self-test", algorithm="AES-256")
    locked = workdir / "encrypted.pdf"
    with locked.open("wb") as fh:
        writer.write(fh)
    if not PdfReader(str(locked)).is_encrypted:
        raise SelfTestFailure("could not make an encrypted PDF to read")
    check_contents(locked.name, load_article(locked).text, expected[:1], [])


def read_texts(files: list[Path], progress=None, is_cancelled=None) -> tuple[int, list[str]]:
    """Worker-process job of ``check_workers``: this process's id and the cleaned texts."""
    from app.run.pipeline import read_and_split

    return os.getpid(), [a.text if not isinstance(a, Exception) else str(a) for a, _ in read_and_split(files)]


def check_workers(seeds: Path, summary: Summary) -> None:
    """Large runs read articles in worker processes: one must start (a frozen build needs freeze_support
    in its entry script) and read the samples exactly as this process does."""
    from app.ingest import expand_paths
    from app.run.child_job import run_in_process

    files, _ = expand_paths([seeds])
    pid, texts = run_in_process(read_texts, files)
    if pid == os.getpid() or texts != read_texts(files)[1]:
        raise SelfTestFailure("a worker process read the sample articles differently")
    summary.worker = True


WindowCheck = Callable[[Path, Path, float], int]  # (seeds, settings folder, timeout s) -> fact rows shown


def check_window(seeds: Path, workdir: Path, summary: Summary, timeout: float, window_check: WindowCheck) -> None:
    rows = window_check(seeds, workdir / "settings", timeout)
    if rows <= 0:
        raise SelfTestFailure("the window loaded the samples but shows no facts")
    if rows != summary.facts:
        raise SelfTestFailure(f"the window shows {rows} facts, the extractor found {summary.facts}")
    summary.window_facts = rows


def run(gui: bool = True, seeds: Path | None = None, timeout: float = 60.0,
        out: TextIO | None = None, err: TextIO | None = None, window_check: WindowCheck | None = None) -> int:
    """Run every check (the window's when ``gui`` and a ``window_check`` is given); print one line; return
    the exit code (0 passed, 1 failed)."""
    from app.shared.errors import BriefingError
    from app.shared.paths import seeds_dir

    out, err = out or sys.stdout, err or sys.stderr
    start = time.perf_counter()
    summary = Summary()
    try:
        with tempfile.TemporaryDirectory(prefix="briefing-selftest-") as tmp:
            folder = Path(seeds) if seeds is not None else seeds_dir()
            check_core(folder, Path(tmp), summary)
            check_workers(folder, summary)
            if gui and window_check is not None:
                check_window(folder, Path(tmp), summary, timeout, window_check)
    except SelfTestFailure as exc:
        print(f"self-test FAILED: {exc}", file=err)
        return EXIT_FAILED
    except BriefingError as exc:  # e.g. ExportError: the message for users, the detail says which file
        detail = f" ({exc.detail})" if exc.detail else ""
        print(f"self-test FAILED: {type(exc).__name__}: {exc.message}{detail}", file=err)
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - the self test reports any breakage in one line
        message = str(exc).splitlines()[0] if str(exc).strip() else ""
        print(f"self-test FAILED: unexpected {type(exc).__name__}: {message}", file=err)
        return EXIT_FAILED
    summary.seconds = time.perf_counter() - start
    print(summary.line(), file=out)
    return EXIT_OK
