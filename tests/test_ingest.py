"""Reading article files: every format, every encoding, and every way a file can be unusable."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest

import app.ingest.files as ingest_files
from app.ingest import (
    SUPPORTED_SUFFIXES,
    LoadResult,
    expand_paths,
    load_article,
    load_articles,
)
from app.shared.errors import Cancelled, IngestError

BODY = [
    "Japan and the United States agreed on Sunday to upgrade the command and control of US forces in "
    "Japan, a step officials described as the most significant change to the alliance in decades.",
    "Defense Minister Minoru Kihara said the two countries would deepen cooperation with South Korea "
    "and Australia in the months ahead, according to a joint statement released after the talks.",
]
TITLE = "Allies agree to upgrade command"


# ---- fixture builders -------------------------------------------------------------------------

def write(path: Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def make_docx(path: Path, title: str | None = TITLE, core_title: str = "", paragraphs=BODY) -> Path:
    import docx

    document = docx.Document()
    if title:
        document.add_heading(title, level=0)  # the "Title" style
    for text in paragraphs:
        document.add_paragraph(text)
    document.core_properties.title = core_title
    document.save(str(path))
    return path


def make_pdf(path: Path, title: str = TITLE, paragraphs=BODY, encrypt=None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = [Paragraph(title, styles["Title"])] + [Paragraph(p, styles["Normal"]) for p in paragraphs]
    SimpleDocTemplate(str(path), pagesize=A4, title=title, encrypt=encrypt).build(story)
    return path


def make_image_only_pdf(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 300, fill=1)  # what a scan looks like to a text extractor: no text at all
    c.showPage()
    c.save()
    return path


def problem(excinfo: pytest.ExceptionInfo[IngestError]) -> str:
    return excinfo.value.problem


# ---- formats ---------------------------------------------------------------------------------

def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}


def test_txt_article(tmp_path):
    path = write(tmp_path / "talks.txt", TITLE + "\r\n\r\n" + "\r\n\r\n".join(BODY))
    art = load_article(path)
    assert art.title == TITLE
    assert art.text == "\n\n".join(BODY)
    assert "\r" not in art.raw_text
    assert art.path == str(path)


def test_markdown_article(tmp_path):
    source = (f"# {TITLE}\n\n*Tokyo* — the **ministers** met on [Sunday](https://example.com/x).\n\n"
              f"![photo](a.png)\n\n- {BODY[0]}\n- {BODY[1]}\n")
    art = load_article(write(tmp_path / "talks.md", source))
    assert art.title == TITLE
    assert TITLE not in art.text
    assert "Tokyo — the ministers met on Sunday." in art.text
    assert BODY[0] in art.text and BODY[1] in art.text
    assert not any(mark in art.text for mark in ("*", "](", "![", "# "))


def test_html_article_uses_main_text_and_metadata(tmp_path):
    html = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
      <title>{TITLE} | The Daily Example</title>
      <meta property="og:site_name" content="The Daily Example">
      <meta property="article:published_time" content="2024-07-28T10:00:00+09:00"></head>
      <body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
      <article><h1>{TITLE}</h1><p>{BODY[0]}</p><p>Advertisement</p><p>{BODY[1]}</p></article>
      <footer>© 2024 The Daily Example. All rights reserved.</footer></body></html>"""
    art = load_article(write(tmp_path / "page.html", html))
    assert art.title == TITLE
    assert art.outlet == "The Daily Example"
    assert art.published == date(2024, 7, 28)
    assert art.text == "\n".join(BODY)
    assert "Advertisement" not in art.text and "Home" not in art.text


def test_html_declared_legacy_charset(tmp_path):
    text = "The ministers called it “a milestone” worth €1.7 billion."
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
            f"<title>Talks</title></head><body><article><p>{BODY[0]}</p><p>{text}</p>"
            f"<p>{BODY[1]}</p></article></body></html>")
    art = load_article(write(tmp_path / "legacy.htm", html, encoding="cp1252"))
    assert text in art.text


def test_html_fallback_when_trafilatura_finds_nothing(tmp_path, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    html = f"<html><head><title>{TITLE}</title><script>var x = 1;</script></head><body><div>{BODY[0]}</div>" \
           f"<div>{BODY[1]}</div></body></html>"
    art = load_article(write(tmp_path / "tiny.html", html))
    assert art.title == TITLE
    assert art.text == "\n".join(BODY)
    assert "var x" not in art.raw_text


def test_docx_title_style_is_the_title(tmp_path):
    art = load_article(make_docx(tmp_path / "memo.docx"))
    assert art.title == TITLE
    assert art.text == "\n\n".join(BODY)
    assert any(p.reason == "headline" and p.text == TITLE for p in art.removed)


def test_docx_core_title_is_the_fallback(tmp_path):
    art = load_article(make_docx(tmp_path / "memo.docx", title=None, core_title="Core properties title"))
    assert art.title == "Core properties title"
    assert art.text == "\n\n".join(BODY)


def test_pdf_article_paragraphs_rejoined(tmp_path):
    art = load_article(make_pdf(tmp_path / "report.pdf"))
    assert art.title == TITLE
    # reportlab wraps each paragraph over several lines; the reader joins them back
    assert BODY[0] in art.text and BODY[1] in art.text
    assert TITLE not in art.text


def test_pdf_with_only_an_owner_password_is_readable(tmp_path):
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=0)
    art = load_article(make_pdf(tmp_path / "restricted.pdf", encrypt=enc))
    assert BODY[0] in art.text


# ---- encodings -------------------------------------------------------------------------------

JAPANESE = "岸田文雄首相と木原稔防衛相は東京で会談し、日米同盟の抑止力を強化することで一致した。"
WESTERN = "Kihara called the deal “a milestone” – worth €1.7 billion – and said: “We’re ready.”"


@pytest.mark.parametrize("encoding,text", [
    ("utf-8", WESTERN + "\n" + JAPANESE),
    ("utf-8-sig", WESTERN + "\n" + JAPANESE),
    ("utf-16", WESTERN + "\n" + JAPANESE),  # with BOM
    ("utf-16-le", WESTERN + "\n" + JAPANESE),  # no BOM: found by the NUL pattern
    ("utf-16-be", WESTERN),
    ("cp1252", WESTERN),
    ("cp1252", "“Yes” €5"),  # short texts are where generic detectors guess wrong
    ("shift_jis", JAPANESE),
    ("shift_jis", "Prime Minister Fumio Kishida (岸田文雄) met Defense Minister Minoru Kihara (木原稔)."),
    ("cp1251", "Министр обороны Японии Минору Кихара встретился с коллегой в Токио."),
])
def test_encodings_decode_exactly(tmp_path, encoding, text):
    art = load_article(write(tmp_path / "a.txt", text, encoding=encoding))
    assert art.raw_text == text
    assert "\ufeff" not in art.text


def test_utf8_with_one_stray_byte_stays_utf8(tmp_path):
    good = (JAPANESE * 3).encode("utf-8")
    art = load_article(write(tmp_path / "a.txt", good[:30] + b"\x81" + good[30:]))
    assert "岸田文雄首相" in art.raw_text and "\ufffd" in art.raw_text


# ---- unusable files --------------------------------------------------------------------------

def test_empty_file(tmp_path):
    with pytest.raises(IngestError) as exc:
        load_article(write(tmp_path / "empty.txt", b""))
    assert problem(exc) == "is empty"
    assert str(exc.value) == "empty.txt: is empty"


def test_whitespace_only_file_is_empty(tmp_path):
    with pytest.raises(IngestError, match="is empty"):
        load_article(write(tmp_path / "blank.md", "\n \r\n\t\n"))


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 8,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
    bytes(b % 255 + 1 for b in os.urandom(4000)),  # no NUL bytes, still not text
])
def test_binary_file(tmp_path, data):
    with pytest.raises(IngestError) as exc:
        load_article(write(tmp_path / "photo.txt", data))
    assert problem(exc) == "does not look like text (binary data)"


def test_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_files, "MAX_FILE_BYTES", 1024 * 1024)
    path = write(tmp_path / "huge.html", b"a" * (3 * 1024 * 1024 + 10))
    with pytest.raises(IngestError) as exc:
        load_article(path)
    assert problem(exc) == "is too large (3 MB; the limit is 1 MB)"


def test_size_message_for_the_real_limit():
    assert ingest_files.MAX_FILE_BYTES == 25 * 1024 * 1024
    assert ingest_files.human_size(120 * 1024 * 1024) == "120 MB"
    assert ingest_files.human_size(ingest_files.MAX_FILE_BYTES) == "25 MB"


@pytest.mark.parametrize("data,expected", [
    (b"this is plain text, not a zip", "is not a valid Word document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "old-format (.doc) or password-protected"),
])
def test_corrupt_docx(tmp_path, data, expected):
    with pytest.raises(IngestError) as exc:
        load_article(write(tmp_path / "broken.docx", data))
    assert expected in problem(exc)


def test_zip_that_is_not_a_word_document(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("hello.txt", "not word")
    with pytest.raises(IngestError) as exc:
        load_article(write(tmp_path / "fake.docx", buffer.getvalue()))
    assert problem(exc).startswith("is not a valid Word document")


def test_truncated_docx(tmp_path):
    data = make_docx(tmp_path / "full.docx").read_bytes()
    with pytest.raises(IngestError) as exc:
        load_article(write(tmp_path / "cut.docx", data[: len(data) // 2]))
    assert problem(exc).startswith("is not a valid Word document")


@pytest.mark.parametrize("make", [
    lambda good: b"%PDF-1.4\n" + os.urandom(3000),
    lambda good: good[: len(good) // 2],
    lambda good: b"<html>not a pdf</html>",
])
def test_damaged_pdf(tmp_path, make):
    good = make_pdf(tmp_path / "good.pdf").read_bytes()
    with pytest.raises(IngestError) as exc:
        load_article(write(tmp_path / "bad.pdf", make(good)))
    assert problem(exc) == "is a damaged or encrypted PDF"


def test_password_protected_pdf(tmp_path):
    from reportlab.lib import pdfencrypt

    path = make_pdf(tmp_path / "locked.pdf", encrypt=pdfencrypt.StandardEncryption("secret"))
    with pytest.raises(IngestError) as exc:
        load_article(path)
    assert "password-protected PDF" in problem(exc)


def test_scanned_pdf_has_no_text(tmp_path):
    with pytest.raises(IngestError) as exc:
        load_article(make_image_only_pdf(tmp_path / "scan.pdf"))
    assert problem(exc) == "has no extractable text (scanned PDF?)"


def test_permission_denied_is_reported(tmp_path, monkeypatch):
    path = write(tmp_path / "secret.txt", "Some text that cannot be read.")
    real_open = os.open

    def deny(name, *args, **kwargs):
        if Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(ingest_files.os, "open", deny)
    with pytest.raises(IngestError) as exc:
        load_article(path)
    assert problem(exc) == "cannot be read: permission denied"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_chmod_000_file(tmp_path):
    path = write(tmp_path / "locked.txt", "Some text.")
    path.chmod(0)
    try:
        with pytest.raises(IngestError, match="permission denied"):
            load_article(path)
        files, errors = expand_paths([path])
        assert files == [] and "permission denied" in errors[0].problem
    finally:
        path.chmod(0o644)


def test_missing_and_unsupported_and_folder(tmp_path):
    with pytest.raises(IngestError, match="does not exist"):
        load_article(tmp_path / "gone.txt")
    with pytest.raises(IngestError, match=r"not a supported file type \(\.xlsx\)"):
        load_article(write(tmp_path / "sheet.xlsx", b"x"))
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(IngestError, match="is a folder"):
        load_article(tmp_path / "dir.txt")


def test_unexpected_library_errors_are_wrapped(tmp_path, monkeypatch):
    import app.ingest.text_reader as text_reader

    def explode(data):
        raise RuntimeError("boom")

    monkeypatch.setattr(text_reader, "read_txt", explode)
    with pytest.raises(IngestError) as exc:
        load_article(write(tmp_path / "a.txt", "Hello there."))
    assert "unexpected RuntimeError" in problem(exc)
    assert "boom" in exc.value.detail


def test_article_of_nothing_but_boilerplate(tmp_path):
    with pytest.raises(IngestError, match="no article text left"):
        load_article(write(tmp_path / "junk.txt", "Subscribe\n\nShare this article\n\n 0\n"))


# ---- folders and batches ---------------------------------------------------------------------

def test_expand_paths(tmp_path):
    root = tmp_path / "articles"
    b = write(root / "b.txt", "b")
    a = write(root / "A.md", "a")
    nested = write(root / "sub" / "c.pdf", b"%PDF")
    write(root / ".hidden.txt", "x")
    write(root / ".git" / "d.txt", "x")
    write(root / "~$draft.docx", b"x")
    write(root / "notes.xlsx", b"x")  # unsupported inside a folder: skipped silently
    single = write(tmp_path / "single.html", "<p>x</p>")
    odd = write(tmp_path / "data.csv", "x")

    files, errors = expand_paths([root, single, tmp_path / "missing.txt", odd, b])
    assert files == [a, b, nested, single]  # sorted, recursive, no duplicates
    messages = sorted(str(e) for e in errors)
    assert messages[0].startswith("data.csv: is not a supported file type (.csv)")
    assert messages[1].startswith("missing.txt: does not exist")
    assert len(errors) == 2


def test_expand_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    files, errors = expand_paths([tmp_path / "empty"])
    assert files == [] and "contains no supported files" in errors[0].problem


def test_expand_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "x.txt", "text")
    monkeypatch.setattr(ingest_files.os, "access", lambda p, mode: Path(p) != path)
    files, errors = expand_paths([path])
    assert files == [] and errors[0].problem == "cannot be read: permission denied"


def test_load_articles_progress_errors_and_duplicates(tmp_path):
    folder = tmp_path / "in"
    write(folder / "1_first.txt", "\n\n".join(BODY))
    write(folder / "2_copy.txt", "\n\n".join(BODY))  # same article saved twice: skipped
    write(folder / "3_empty.txt", b"")
    write(folder / "4_other.txt", "Austin met Kihara in Tokyo.\n\nThe talks lasted three hours.")
    calls = []
    result = load_articles([folder], progress=lambda d, t, m: calls.append((d, t, m)))
    assert isinstance(result, LoadResult)
    assert [Path(a.path).name for a in result.articles] == ["1_first.txt", "4_other.txt"]
    assert [str(e) for e in result.errors] == ["3_empty.txt: is empty"]
    assert calls[:4] == [(0, 4, "Reading 1_first.txt"), (1, 4, "Reading 2_copy.txt"),
                         (2, 4, "Reading 3_empty.txt"), (3, 4, "Reading 4_other.txt")]
    assert calls[-1][:2] == (4, 4)
    ids = [a.id for a in result.articles]
    assert len(set(ids)) == len(ids) and all(len(i) == 10 for i in ids)


def test_article_ids_are_stable_and_content_based(tmp_path):
    path = write(tmp_path / "a.txt", "\n\n".join(BODY))
    first = load_article(path).id
    assert load_article(path).id == first
    write(path, "\n\n".join(reversed(BODY)))
    assert load_article(path).id != first


def test_load_articles_cancel(tmp_path):
    write(tmp_path / "a.txt", "One article text here.")
    write(tmp_path / "b.txt", "Another article text here.")
    seen = []
    with pytest.raises(Cancelled):
        load_articles([tmp_path], progress=lambda d, t, m: seen.append(d),
                      is_cancelled=lambda: len(seen) >= 1)
    assert seen == [0]


def test_seeds_load(seed_paths):
    result = load_articles(seed_paths)
    assert result.errors == []
    assert len(result.articles) == 2
    assert all(a.published == date(2024, 7, 28) for a in result.articles)


def test_filename_date_is_the_last_resort(tmp_path):
    art = load_article(write(tmp_path / "2024-07-28_talks.txt", "Austin met Kihara.\n\nThey talked."))
    assert art.published == date(2024, 7, 28)
