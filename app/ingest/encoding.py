"""Bytes to text for plain-text files, whatever editor or OS wrote them.

Order: byte-order mark, NUL pattern (UTF-16 without BOM, else binary), UTF-8 (strict, then with a
stray bad byte or two), Shift_JIS and cp1252 by their byte shapes, then charset-normalizer.
charset-normalizer alone guesses badly on short texts (it reads cp1252 curly quotes as Baltic or
Cyrillic), hence the two checks before it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from .document import ReadProblem

BINARY = "does not look like text (binary data)"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_JAPANESE = re.compile(r"[\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u4e00-\u9fff\uff01-\uff5e]")
_LATIN_EXTRA = set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ")
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has a NUL in every other byte for Latin text."""
    even, odd = data[0::2], data[1::2]
    if not even or not odd:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return _strict(data[: len(data) // 2 * 2], "utf-16-le")
    if even_nul > 0.3 and odd_nul < 0.05:
        return _strict(data[: len(data) // 2 * 2], "utf-16-be")
    return None


def _nearly_utf8(data: bytes) -> str | None:
    """UTF-8 with a stray byte or two (a bad paste): keep it UTF-8 rather than guess another codec."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return text if good >= 20 and bad <= good / 50 else None


def _looks_japanese(data: bytes) -> str | None:
    """Shift_JIS (cp932): multi-byte runs of high bytes that decode to kana/kanji."""
    runs = _HIGH_RUN.findall(data)
    if not runs or sum(len(r) for r in runs) / len(runs) < 2:
        return None
    text = _strict(data, "cp932")
    if text is None:
        return None
    high = [ch for ch in text if ord(ch) > 0x7F]
    japanese = sum(1 for ch in high if _JAPANESE.match(ch))
    return text if high and japanese / len(high) >= 0.85 else None


def _looks_western(data: bytes) -> str | None:
    """cp1252: isolated high bytes (é, “, €) inside mostly ASCII words."""
    runs = _HIGH_RUN.findall(data)
    if not runs or sum(len(r) for r in runs) / len(runs) > 1.5:
        return None
    text = _strict(data, "cp1252")
    if text is None:
        return None
    letters = sum(1 for ch in text if ch.isalpha())
    high = [ch for ch in text if ord(ch) > 0x7F]
    plausible = all(0xA0 <= ord(ch) <= 0xFF or ch in _LATIN_EXTRA for ch in high)
    return text if plausible and len(high) <= max(3, 0.3 * letters) else None


def _charset_normalizer(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    encoding = best.encoding
    if encoding in {"latin_1", "iso8859_1", "ascii"}:
        encoding = "cp1252"  # a superset for printable text
    return _strict(data, encoding) or str(best)


def _check_text(text: str) -> str:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    if "\x00" in text or controls > max(2, len(text) // 200):
        raise ReadProblem(BINARY)
    if controls:
        text = "".join(ch for ch in text if ch in _ALLOWED_CONTROLS or unicodedata.category(ch) != "Cc")
    return text


def decode_bytes(data: bytes) -> str:
    """Decode a text file's bytes, raising ReadProblem when they are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], encoding)
            if text is None:
                raise ReadProblem(f"is not valid {encoding.upper()} text despite its byte-order mark")
            return _check_text(text)
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise ReadProblem(BINARY)
        return _check_text(text)
    for attempt in (lambda: _strict(data, "utf-8"), lambda: _nearly_utf8(data), lambda: _looks_japanese(data),
                    lambda: _looks_western(data), lambda: _charset_normalizer(data)):
        text = attempt()
        if text is not None:
            return _check_text(text)
    raise ReadProblem(BINARY)
