"""Word files are unpacked within bounds: zip bombs (stated or lying sizes, too many parts), XML entity
tricks and media are refused or skipped quickly and with little memory, and real documents still read.

The bombs are built here in milliseconds: one fully flushed deflate block of spaces, repeated, is a valid
raw deflate stream that inflates to 1 MiB per copy."""

from __future__ import annotations

import io
import struct
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from bounded_child import load_in_child

from app.ingest import docx_package, load_article
from app.shared.errors import IngestError

ROOT = Path(__file__).resolve().parent.parent
GIB = 1024 ** 3
BODY = ("Japan and the United States agreed on Sunday to upgrade the command and control of US forces in "
        "Japan, a step officials described as the most significant change to the alliance in decades.")


def spaces_stream(mib: int) -> bytes:
    """A raw deflate stream that inflates to ``mib`` MiB of spaces (about 1 KB per MiB)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(b" " * 2**20) + c.flush(zlib.Z_FULL_FLUSH)
    return block * mib + c.flush()


def real_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Allies agree to upgrade command", level=0)
    document.add_paragraph(BODY)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def members_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def raw_zip(members: list[tuple[str, bytes, int]], deflated: set[str] = frozenset()) -> bytes:
    """A zip written by hand, so a member can state any size: (name, stored bytes, stated size); the
    members named in ``deflated`` hold raw deflate data. Sizes over 4 GiB use zip64 fields."""
    out = io.BytesIO()
    central = []
    for name, data, stated in members:
        method = 8 if name in deflated else 0
        big = stated >= 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, stated, len(data)) if big else b""
        sizes = (0xFFFFFFFF, 0xFFFFFFFF) if big else (len(data), stated)
        crc = zlib.crc32(data) if method == 0 else 0
        offset = out.tell()
        raw_name = name.encode()
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 45, 0, method, 0, 0x21, crc, *sizes,
                              len(raw_name), len(extra)) + raw_name + extra + data)
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 45, 45, 0, method, 0, 0x21, crc,
                                   *sizes, len(raw_name), len(extra), 0, 0, 0, 0, offset) + raw_name + extra)
    start = out.tell()
    for entry in central:
        out.write(entry)
    size = out.tell() - start
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0))
    return out.getvalue()


def docx_with(replace: dict[str, tuple[bytes, int]], deflated: set[str] = frozenset()) -> bytes:
    """The real document's parts, with some replaced by (stored bytes, stated size)."""
    parts = members_of(real_docx())
    members = [(name, *replace.get(name, (blob, len(blob)))) for name, blob in parts.items()]
    members += [(name, *value) for name, value in replace.items() if name not in parts]
    return raw_zip(members, deflated)


def load(tmp_path: Path, data: bytes, name: str = "bomb.docx") -> IngestError:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as exc:
        load_article(path)
    return exc.value


# ---- in this process: what each bound says ----------------------------------------------------

def test_real_document_still_reads(tmp_path):
    path = tmp_path / "ok.docx"
    path.write_bytes(real_docx())
    article = load_article(path)
    assert article.title == "Allies agree to upgrade command"
    assert BODY in article.text


def test_only_the_needed_parts_reach_python_docx():
    slim = members_of(docx_package.word_parts(real_docx()))
    assert set(slim) == {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                         "word/_rels/document.xml.rels", "word/styles.xml", "docProps/core.xml"}
    rels = slim["word/_rels/document.xml.rels"].decode()
    assert "styles.xml" in rels and "settings.xml" not in rels and "theme" not in rels


def test_stated_ten_gib_text_is_refused_at_once(tmp_path):
    data = docx_with({"word/document.xml": (spaces_stream(10240), 10 * GIB)}, {"word/document.xml"})
    assert len(data) < 12 * 1024 * 1024
    start = time.perf_counter()
    error = load(tmp_path, data)
    assert time.perf_counter() - start < 5  # in fact a few milliseconds: nothing is inflated
    assert error.problem == "is too large once unpacked (its text expands past 16 MB)"


def test_member_that_lies_about_its_size_is_stopped_at_the_stated_size(tmp_path):
    """States 4 KB, inflates to 1 GiB: inflating stops at 4 KB and the check sum gives it away."""
    error = load(tmp_path, docx_with({"word/document.xml": (spaces_stream(1024), 4096)}, {"word/document.xml"}))
    assert error.problem == "is not a valid Word document (it may be damaged)"


def test_compression_ratio_of_a_bomb(tmp_path):
    """15 MiB from 15 KB, stated honestly and under the cap: still a bomb."""
    error = load(tmp_path, docx_with({"word/document.xml": (spaces_stream(15), 15 * 2**20)},
                                     {"word/document.xml"}))
    assert error.problem.startswith("is too large once unpacked (its text expands ")
    assert "-fold; Word's own parts expand about 10-fold)" in error.problem


def test_styles_bomb(tmp_path):
    error = load(tmp_path, docx_with({"word/styles.xml": (spaces_stream(10240), 10 * GIB)}, {"word/styles.xml"}))
    assert error.problem == "is too large once unpacked (its styles part expands past 10 MB)"


def test_stated_total_of_all_members(tmp_path):
    """Media are never inflated, but a package stating gigabytes in all is no article."""
    media = {f"word/media/image{i}.png": (b"x" * 100, 600 * 1024 * 1024) for i in range(4)}
    error = load(tmp_path, docx_with(media))
    assert error.problem == "is too large once unpacked (2.3 GB in all; the limit is 1 GB)"


def test_media_are_never_inflated(tmp_path):
    """A picture whose data is a bomb (or garbage) does not stop the text from being read."""
    data = docx_with({"word/media/image1.png": (spaces_stream(500), 500 * 2**20)}, {"word/media/image1.png"})
    path = tmp_path / "pictures.docx"
    path.write_bytes(data)
    assert BODY in load_article(path).text


def test_too_many_members(tmp_path):
    parts = members_of(real_docx())
    members = [(name, blob, len(blob)) for name, blob in parts.items()]
    members += [(f"customXml/item{i}.xml", b"", 0) for i in range(6000)]
    error = load(tmp_path, raw_zip(members))
    assert error.problem == f"is not a valid Word document: it holds {len(members):,} parts (the limit is 5,000)"


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">""" + b"".join(
    b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10) for i in range(1, 10)
) + b"""]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>"""
ENTITIES = ("is not a valid Word document: it declares XML entities, which Word never writes "
            "(the file may have been made to attack XML readers)")


@pytest.mark.parametrize("part,xml", [("word/document.xml", LAUGHS), ("word/document.xml", EXTERNAL),
                                      ("word/document.xml", LAUGHS.decode().encode("utf-16")),
                                      ("_rels/.rels", EXTERNAL), ("[Content_Types].xml", LAUGHS)])
def test_entity_declarations_are_refused(tmp_path, part, xml):
    start = time.perf_counter()
    error = load(tmp_path, docx_with({part: (xml, len(xml))}))
    assert error.problem == ENTITIES
    assert time.perf_counter() - start < 5


def test_python_docx_never_expands_entities_anyway(monkeypatch):
    """Belt and braces: even past the check, the parser keeps entities unexpanded and reads no file."""
    monkeypatch.setattr(docx_package, "_DTD_MARKS", ())
    import docx
    from lxml import etree

    for xml in (LAUGHS, EXTERNAL):
        slim = docx_package.word_parts(docx_with({"word/document.xml": (xml, len(xml))}))
        try:  # libxml2 refuses the laughs outright ("entity amplification"); it never expands them
            text = "".join(p.text for p in docx.Document(io.BytesIO(slim)).paragraphs)
        except etree.XMLSyntaxError:
            continue
        assert "lol" not in text and "root:" not in text


# ---- in a child process: memory and time of the bombs -----------------------------------------



@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_bombs_in_a_child_process_stay_small_and_quick(tmp_path):
    bombs = {
        "stated-10gib.docx": docx_with({"word/document.xml": (spaces_stream(10240), 10 * GIB)},
                                       {"word/document.xml"}),
        "stated-1gib.docx": docx_with({"word/document.xml": (spaces_stream(1024), GIB)}, {"word/document.xml"}),
        "lying-1gib.docx": docx_with({"word/document.xml": (spaces_stream(1024), 12 * 2**20)},
                                     {"word/document.xml"}),
        "laughs.docx": docx_with({"word/document.xml": (LAUGHS, len(LAUGHS))}),
    }
    for name, data in bombs.items():
        (tmp_path / name).write_bytes(data)
    report = load_in_child([tmp_path / n for n in bombs])
    for name, problem, seconds in report["results"]:
        assert problem, name
        assert seconds < 10, (name, seconds)  # a fraction of a second in fact; the 10 GiB one ran 31 s before
    assert report["peak_mb"] < 300  # the 10 GiB one grew to 6 GB before


def test_damaged_directory_entries_give_a_plain_message(tmp_path):
    """Every field of the text part's directory entry set to nonsense (offsets before the file's start,
    unknown zip versions, sizes): always the reader's own message, never an unexpected library error."""
    data = real_docx()
    entry = next(i for i in range(len(data)) if data.startswith(b"PK\x01\x02", i)
                 and data[i + 46:i + 46 + 17] == b"word/document.xml")
    problems = set()
    for offset in range(4, 46):
        for value in (0x00, 0x7F, 0xFF):
            damaged = bytearray(data)
            damaged[entry + offset] = value
            path = tmp_path / "damaged.docx"
            path.write_bytes(bytes(damaged))
            try:
                load_article(path)
            except IngestError as exc:
                problems.add(exc.problem)
    assert problems
    assert not any("unexpected" in p for p in problems), problems


def test_text_past_the_article_limit_stops_the_reading(tmp_path, monkeypatch):
    import app.ingest.docx_reader as docx_reader
    from app.ingest.files import text_limit_problem

    document = docx_module().Document()
    for _ in range(50):
        document.add_paragraph(BODY)
    path = tmp_path / "long.docx"
    document.save(str(path))
    pulled = []
    real = docx_reader._paragraphs

    def counted(doc):
        for item in real(doc):
            pulled.append(item)
            yield item

    monkeypatch.setattr(docx_reader, "_paragraphs", counted)
    monkeypatch.setattr(docx_reader, "MAX_TEXT_CHARS", 3 * len(BODY))
    with pytest.raises(IngestError) as exc:
        load_article(path)
    assert exc.value.problem == text_limit_problem(None)
    assert len(pulled) == 3  # the third paragraph passes the limit (with its separators); 47 are never read


def docx_module():
    import docx

    return docx
