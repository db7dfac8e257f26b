"""PDF and HTML readers are bounded: a PDF bomb, broken object trees (reference loops, deeply nested
arrays), too many pages or too much text, and HTML that nests 100,000 deep, holds one huge line or
millions of entities all end in a clear IngestError, quickly and with little memory; real files still read.

The PDFs are written by hand here, so any object can say anything; the 1 GiB deflate stream takes a few
milliseconds: after a full flush, deflate forgets what came before, so one compressed MiB of zeros can be
repeated."""

from __future__ import annotations

import sys
import time
import zlib
from pathlib import Path

import pytest
from bounded_child import load_in_child

from app.ingest import html_reader, load_article, pdf_reader
from app.ingest.files import MAX_TEXT_CHARS
from app.shared.errors import IngestError

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
SENTENCE = "Japan and the United States agreed on Sunday to deepen cooperation on missiles and radars."


# ---- hand-written PDFs -------------------------------------------------------------------------

def pdf(objects: dict[int, bytes]) -> bytes:
    """A PDF of these numbered objects (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def stream(data: bytes, *, raw_deflate: bytes | None = None) -> bytes:
    body = zlib.compress(data) if raw_deflate is None else raw_deflate
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pages_pdf(contents: list[bytes], extra: dict[int, bytes] | None = None, count: int | None = None,
              resources: bytes = b"<< /Font << /F1 3 0 R >> >>") -> bytes:
    """One page per content stream (objects 10+ and 1000+)."""
    kids = b" ".join(b"%d 0 R" % (10 + i) for i in range(len(contents)))
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents) if count is None else count),
               3: FONT}
    for i, content in enumerate(contents):
        objects[10 + i] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s "
                           b"/Contents %d 0 R >>" % (resources, 1000 + i))
        objects[1000 + i] = content if content.startswith(b"<<") or content.startswith(b"[") \
            else stream(content)
    objects.update(extra or {})
    return pdf(objects)


def text_ops(lines: list[str]) -> bytes:
    body = b"".join(b"(%s) Tj 0 -14 Td\n" % line.encode("latin-1") for line in lines)
    return b"BT /F1 11 Tf 72 720 Td\n" + body + b"ET"


def deflate_zeros(size: int) -> bytes:
    """A zlib stream that inflates to ``size`` zero bytes (a multiple of 1 MiB), about 1 KB per MiB."""
    c = zlib.compressobj(9)
    head = c.compress(bytes(MIB)) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(bytes(MIB)) + c.flush(zlib.Z_FULL_FLUSH)  # the same bytes for every further MiB
    adler = 1
    for _ in range(size // MIB):
        adler = zlib.adler32(bytes(MIB), adler)
    return head + block * (size // MIB - 1) + b"\x03\x00" + adler.to_bytes(4, "big")


def bomb_pdf(size: int = 1024 * MIB) -> bytes:
    return pages_pdf([stream(b"", raw_deflate=deflate_zeros(size))])


def problem_of(tmp_path: Path, data: bytes | str, name: str) -> tuple[str, float]:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    start = time.perf_counter()
    with pytest.raises(IngestError) as exc:
        load_article(path)
    return exc.value.problem, time.perf_counter() - start


def test_the_deflate_bomb_is_what_it_says():
    data = deflate_zeros(64 * MIB)
    assert len(data) < 100_000
    assert zlib.decompress(data) == bytes(64 * MIB)


def test_a_real_pdf_still_reads(tmp_path):
    path = tmp_path / "article.pdf"
    path.write_bytes(pages_pdf([text_ops([SENTENCE, "Talks resume in Washington next year."])]))
    assert load_article(path).text == SENTENCE + " Talks resume in Washington next year."


def test_pdf_bomb_is_refused_at_the_stream_limit(tmp_path):
    problem, seconds = problem_of(tmp_path, bomb_pdf(), "bomb.pdf")
    assert problem == pdf_reader.TOO_BIG_UNPACKED
    assert "expands past 16 MB" in problem
    assert seconds < 5  # about 0.1 s


def test_pypdf_limits_apply_only_while_reading(tmp_path):
    from pypdf import get_configuration

    before = get_configuration()
    problem_of(tmp_path, bomb_pdf(64 * MIB), "bomb.pdf")
    assert get_configuration() == before


@pytest.mark.parametrize("name,objects", [
    ("kids-loop", {2: b"<< /Type /Pages /Kids [2 0 R 10 0 R] /Count 2 >>"}),
    ("parent-loop", {10: b"<< /Type /Pages /Parent 2 0 R /Kids [10 0 R] /Count 1 >>"}),
    ("contents-loop", {1000: b"[1000 0 R]"}),
    ("reference-chain", {1000: b"1001 0 R", 1001: b"1000 0 R"}),
    ("nested-resources", {10: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 5 0 R "
                              b"/Contents 1000 0 R >>", 5: b"[" * 100_000 + b"]" * 100_000}),
    ("nested-content", {1000: stream(b"BT /F1 11 Tf [" + b"[" * 100_000 + b"]" * 100_000 + b"] TJ ET")}),
    ("nested-dictionaries", {5: b"<< /A " * 50_000 + b"1" + b" >>" * 50_000}),
])
def test_broken_object_trees_end_in_a_clear_error_quickly(tmp_path, name, objects):
    data = pages_pdf([text_ops([SENTENCE])])
    if name == "nested-dictionaries":
        data = pages_pdf([text_ops([SENTENCE])], extra=objects, resources=b"5 0 R")
    else:
        base = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"<< /Type /Pages /Kids [10 0 R] /Count 1 >>",
                3: FONT, 10: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                             b"/Resources << /Font << /F1 3 0 R >> >> /Contents 1000 0 R >>",
                1000: stream(text_ops([SENTENCE]))}
        data = pdf({**base, **objects})
    problem, seconds = problem_of(tmp_path, data, f"{name}.pdf")
    assert "unexpected" not in problem  # a reader's own message, not an escaped RecursionError
    assert seconds < 5


def test_too_many_pages_is_refused_from_the_page_tree(tmp_path):
    data = pages_pdf([text_ops(["Hi"])], count=90_000)
    problem, _ = problem_of(tmp_path, data, "book.pdf")
    assert problem == ("has too many pages for one article (90,000; the limit is 500); "
                       "save the pages with the article as a separate PDF")


def test_a_page_tree_that_understates_its_count_is_counted(tmp_path):
    kids = b" ".join(b"10 0 R" for _ in range(20_000))  # one page object listed 20,000 times
    data = pages_pdf([text_ops(["Hi"])], extra={2: b"<< /Type /Pages /Kids [%s] /Count 1 >>" % kids})
    problem, seconds = problem_of(tmp_path, data, "lying.pdf")
    assert problem.startswith("has too many pages for one article (20,000;")
    assert seconds < 10


def test_a_page_with_far_more_text_than_a_page_holds(tmp_path):
    data = pages_pdf([b"BT /F1 11 Tf 72 720 Td\n" + b"(x) Tj\n" * 200_000 + b"ET"])
    problem, seconds = problem_of(tmp_path, data, "busy.pdf")
    assert problem == pdf_reader.PAGE_TOO_BUSY
    assert seconds < 5


def test_too_much_text_work_in_all(tmp_path):
    busy_page = b"BT /F1 11 Tf 72 720 Td\n" + b"(ab) Tj 0 -1 Td\n" * 9_000 + b"ET"
    problem, seconds = problem_of(tmp_path, pages_pdf([busy_page] * 6), "busy.pdf")
    assert problem == pdf_reader.TOO_MUCH_TEXT_WORK
    assert seconds < 20  # five pages read, about 1 s


def test_text_past_the_limit_stops_the_reading(tmp_path, monkeypatch):
    lines = [f"{SENTENCE} Line {i}." for i in range(45)]
    page = text_ops(lines)  # about 4,500 characters a page
    pages = MAX_TEXT_CHARS // 4_000 + 20
    read: list[int] = []
    real = pdf_reader._text_ops
    monkeypatch.setattr(pdf_reader, "_text_ops", lambda p: read.append(1) or real(p))
    problem, _ = problem_of(tmp_path, pages_pdf([page] * pages), "long.pdf")
    assert problem.startswith("has too much text for one article (the limit is 300,000 characters")
    assert len(read) < pages - 10  # it stopped once past the limit


# ---- HTML --------------------------------------------------------------------------------------

def page(body: str, title: str = "Allies agree") -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


def test_html_nested_100000_deep(tmp_path):
    body = "<div>\n" * 100_000 + f"<p>{SENTENCE}</p>" + "</div>\n" * 100_000
    problem, seconds = problem_of(tmp_path, page(body), "deep.html")
    assert problem == html_reader.TOO_DEEP
    assert seconds < 5  # 0.02 s


def test_html_nested_inline_elements_without_closing(tmp_path):
    problem, seconds = problem_of(tmp_path, page("<p>" + "<span> " * 100_000 + SENTENCE), "spans.html")
    assert problem == html_reader.TOO_DEEP
    assert seconds < 5


def test_html_nested_as_deep_as_the_parser_allows_still_reads(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(page("<div>\n" * 250 + f"<p>{SENTENCE}</p>" + "</div>\n" * 250))
    assert load_article(path).text.startswith("Japan and the United States")


def test_html_huge_single_line(tmp_path):
    problem, seconds = problem_of(tmp_path, page("<p>" + (SENTENCE + " ") * 200_000 + "</p>"), "line.html")
    assert problem == html_reader.TOO_BIG_BLOCK  # libxml2 would silently drop the rest of the page
    assert seconds < 5


def test_html_with_millions_of_entities(tmp_path):
    problem, seconds = problem_of(tmp_path, page("<p>" + "&amp; &lt;&#x41;&eacute; " * 1_000_000 + "</p>"),
                                  "entities.html")
    assert problem.startswith("has too much text for one article (about 6 million characters;")
    assert seconds < 5  # trafilatura took 4.2 s on it before giving 5 million characters


def test_html_with_far_more_text_than_an_article_is_refused_before_extraction(tmp_path, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: pytest.fail("extracted"))
    body = "".join(f"<p>{SENTENCE} Item {i}.</p>\n" for i in range(20_000))  # 2 million characters
    problem, seconds = problem_of(tmp_path, page(body), "many.html")
    assert problem.startswith("has too much text for one article (about 2")
    assert seconds < 5


def test_html_page_with_text_somewhat_over_the_article_limit(tmp_path):
    body = "".join(f"<p>{SENTENCE} Item {i}.</p>\n" for i in range(3_400))  # 340,000 characters of article
    problem, _ = problem_of(tmp_path, page(body), "long.html")
    assert problem.startswith("has too much text for one article (about 3")


def test_html_saved_as_one_file_with_a_huge_inline_image_reads_past_the_image(tmp_path):
    image = '<img src="data:image/png;base64,' + "QUFB" * 4_000_000 + '">'  # 16 MB
    paragraphs = "".join(f"<p>{SENTENCE} Point {i}.</p>" for i in range(30))
    body = f"<article><h1>Allies agree</h1>{paragraphs}{image}<p>After the image, talks went on.</p></article>"
    path = tmp_path / "saved.html"
    path.write_text(page(body))
    assert "After the image" in load_article(path).text


def test_html_entity_declarations_are_never_expanded(tmp_path):
    lol = "".join(f'<!ENTITY lol{i} "{" ".join([f"&lol{i - 1};"] * 10)}">' for i in range(1, 10))
    data = (f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{lol}]>'
            + page(f"<p>{SENTENCE} &lol9;</p>"))
    path = tmp_path / "laughs.html"
    path.write_text(data)
    start = time.perf_counter()
    article = load_article(path)
    assert time.perf_counter() - start < 5
    assert "lol lol" not in article.text and len(article.raw_text) < 10_000


# ---- in a child process: memory and time ------------------------------------------------------



@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
def test_bombs_in_a_child_process_stay_small_and_quick(tmp_path):
    bombs = {
        "bomb-1gib.pdf": bomb_pdf(1024 * MIB),
        "bomb-10gib.pdf": bomb_pdf(10 * 1024 * MIB),
        "busy.pdf": pages_pdf([b"BT /F1 11 Tf 72 720 Td\n" + b"(x) Tj\n" * 200_000 + b"ET"]),
        "deep.html": page("<div>\n" * 100_000 + f"<p>{SENTENCE}</p>" + "</div>\n" * 100_000),
        "line.html": page("<p>" + (SENTENCE + " ") * 200_000 + "</p>"),
        "entities.html": page("<p>" + "&amp; &lt;&#x41;&eacute; " * 1_000_000 + "</p>"),
        "many.html": page("".join(f"<p>{SENTENCE} Item {i}.</p>\n" for i in range(150_000))),  # 15 MB
    }
    for name, data in bombs.items():
        (tmp_path / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    report = load_in_child([tmp_path / n for n in bombs])
    for name, problem, seconds in report["results"]:
        assert problem and problem != "MemoryError", name
        assert seconds < 10, (name, seconds)  # under 0.5 s each in fact; the 15 MB page took 14 s before
    assert report["peak_mb"] < 600  # the 15 MB page of paragraphs: 250 MB (780 MB before)
