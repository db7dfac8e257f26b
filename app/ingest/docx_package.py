"""The parts of a Word package the reader needs, unpacked without trusting the zip.

A .docx is a zip whose directory states each member's size; a crafted one states 10 GiB for its text (a
zip bomb) or states a small size and inflates far more. So the directory is checked first (member count,
stated sizes, their total, compression ratio), and only the parts the reader uses are inflated (content
types, relationships, the main document, its styles, the core properties; never media), in chunks, each
stopped at a hard cap. python-docx then gets a small package of those parts alone.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib

from .document import ReadProblem
from .files import human_size

NOT_WORD = "is not a valid Word document"
MAX_MEMBERS = 5_000  # a Word article has a few dozen parts; a report with many pictures, a few hundred
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # all members as stated, media included (which is never inflated)
# The main document's XML is 4-20 times its text, and the text is refused past MAX_TEXT_CHARS anyway;
# 16 MB leaves room for heavily formatted files, and parses in half a second and about 200 MB.
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
MAX_PART_BYTES = 10 * 1024 * 1024  # styles, relationships, content types, core properties: kilobytes in practice
MAX_RATIO = 200  # Word's XML deflates about 5-20-fold; far more from a part of over a megabyte is a bomb
_RATIO_FROM = 1024 * 1024
_CHUNK = 1024 * 1024

_CONTENT_TYPES = "[Content_Types].xml"
_PACKAGE_RELS = "_rels/.rels"
_REL_DOCUMENT = "/officeDocument"
_REL_CORE = "/core-properties"
_REL_STYLES = "/styles"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Word never writes a DTD (OPC forbids them); one in a part is there to attack XML readers.
_DTD_MARKS = tuple(mark.encode(enc) for mark in ("<!DOCTYPE", "<!ENTITY")
                   for enc in ("ascii", "utf-16-le", "utf-16-be"))


def too_large(what: str, limit: int) -> ReadProblem:
    return ReadProblem(f"is too large once unpacked ({what} expands past {human_size(limit)})")


def _stated_member_count(data: bytes) -> int | None:
    """Members the zip's end record states, read before ``zipfile`` builds an entry for each of them."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    count = struct.unpack_from("<H", data, end + 10)[0]
    locator = end - 20
    if count == 0xFFFF and locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":  # zip64
        offset = struct.unpack_from("<Q", data, locator + 8)[0]
        if data[offset:offset + 4] == b"PK\x06\x06" and offset + 40 <= len(data):
            count = struct.unpack_from("<Q", data, offset + 32)[0]
    return count


def _open_zip(data: bytes) -> zipfile.ZipFile:
    count = _stated_member_count(data)
    if count is not None and count > MAX_MEMBERS:
        raise ReadProblem(f"{NOT_WORD}: it holds {count:,} parts (the limit is {MAX_MEMBERS:,})")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise ReadProblem(NOT_WORD, repr(exc)) from exc
    if len(zf.infolist()) > MAX_MEMBERS:
        raise ReadProblem(f"{NOT_WORD}: it holds {len(zf.infolist()):,} parts (the limit is {MAX_MEMBERS:,})")
    return zf


def _check_stated(info: zipfile.ZipInfo, what: str, limit: int) -> None:
    if info.file_size > limit:
        raise too_large(what, limit)
    if info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise ReadProblem(f"is too large once unpacked ({what} expands {ratio:,}-fold; "
                          "Word's own parts expand about 10-fold)")


def _check_total(zf: zipfile.ZipFile) -> None:
    total = sum(info.file_size for info in zf.infolist())
    if total > MAX_UNPACKED_BYTES:
        raise ReadProblem(f"is too large once unpacked ({human_size(total)} in all; "
                          f"the limit is {human_size(MAX_UNPACKED_BYTES)})")


def _inflate(zf: zipfile.ZipFile, name: str, what: str, limit: int) -> bytes:
    """One member's bytes, stopped at ``limit`` whatever its stated size (``zipfile`` itself stops at the
    stated size, and a check sum then fails, so a member that states less than it holds reads as damaged)."""
    info = zf.getinfo(name)
    _check_stated(info, what, limit)
    chunks: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise too_large(what, limit)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise ReadProblem(f"{NOT_WORD} (it may be damaged)", repr(exc)) from exc
    blob = b"".join(chunks)
    if any(mark in blob for mark in _DTD_MARKS):
        raise ReadProblem(f"{NOT_WORD}: it declares XML entities, which Word never writes "
                          "(the file may have been made to attack XML readers)")
    return blob


def _xml_parser():
    from lxml import etree

    # No entity expansion, no DTD, no network: a part is data, never instructions to fetch or expand.
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _target(source: str, target: str) -> str:
    """The member a relationship of part ``source`` points to (as python-docx resolves it)."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


class _Rels:
    """A relationships part: the members it points to, and a copy that keeps only some of them."""

    def __init__(self, blob: bytes, source: str) -> None:
        from lxml import etree

        try:
            self.root = etree.fromstring(blob, _xml_parser())
        except etree.XMLSyntaxError as exc:
            raise ReadProblem(f"{NOT_WORD} (it may be damaged)", repr(exc)) from exc
        self.source = source
        self.links = [(rel, _target(source, rel.get("Target", ""))) for rel in self.root
                      if rel.get("TargetMode") != "External"]

    def find(self, rel_type: str) -> str | None:
        for rel, member in self.links:
            if (rel.get("Type") or "").endswith(rel_type):
                return member
        return None

    def kept(self, members: set[str]) -> bytes:
        from lxml import etree

        for rel, member in self.links:
            if member not in members:
                self.root.remove(rel)
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)


def word_parts(data: bytes) -> bytes:
    """A zip of only the parts the reader needs, each checked and capped; ReadProblem past a bound."""
    zf = _open_zip(data)
    names = set(zf.namelist())
    if _CONTENT_TYPES not in names or _PACKAGE_RELS not in names:
        raise ReadProblem(NOT_WORD, "no content types or package relationships")
    package_rels = _Rels(_inflate(zf, _PACKAGE_RELS, "its part list", MAX_PART_BYTES), "")
    main = package_rels.find(_REL_DOCUMENT)
    if main is None or main not in names:
        raise ReadProblem(NOT_WORD, "no main document part")
    main_rels = None
    if _rels_of(main) in names:
        main_rels = _Rels(_inflate(zf, _rels_of(main), "its part list", MAX_PART_BYTES), main)
    wanted = {_CONTENT_TYPES: ("its part list", MAX_PART_BYTES), main: ("its text", MAX_DOCUMENT_BYTES)}
    core = package_rels.find(_REL_CORE)
    if core in names:
        wanted[core] = ("its properties part", MAX_PART_BYTES)
    styles = main_rels.find(_REL_STYLES) if main_rels is not None else None
    if styles in names:
        wanted[styles] = ("its styles part", MAX_PART_BYTES)
    for name, (what, limit) in wanted.items():  # every stated size before anything big is inflated
        _check_stated(zf.getinfo(name), what, limit)
    _check_total(zf)
    parts = {name: _inflate(zf, name, what, limit) for name, (what, limit) in wanted.items()}
    kept = set(parts)
    parts[_PACKAGE_RELS] = package_rels.kept(kept)
    if main_rels is not None:
        parts[_rels_of(main)] = main_rels.kept(kept)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as slim:
        for name, blob in parts.items():
            slim.writestr(name, blob)
    return out.getvalue()
