"""Bytes to text for plain-text files, whatever editor or OS wrote them.

Order: byte-order mark, NUL pattern (UTF-16 without BOM, else binary), UTF-8 (strict, then with a
stray bad byte or two), Shift_JIS and cp1252 by their byte shapes, then charset-normalizer.
charset-normalizer alone guesses badly on short texts (it reads cp1252 curly quotes as Baltic or
Cyrillic), hence the two checks before it.

Any byte string decodes under some single-byte code page, so a decoded text must also look like
prose (``_plausible``): mostly letters, digits, punctuation and spaces; more than a handful of
distinct characters; words of a sane length in scripts that use spaces. A guess of charset-normalizer
is trusted only for code pages that articles are really written in (not EBCDIC, DOS or Mac pages).
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
# charset-normalizer guesses trusted for text files (Python codec names as it reports them).
_COMMON_CODECS = frozenset(
    """utf_8 ascii latin_1 cp1250 cp1251 cp1252 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 iso8859_2
    iso8859_5 iso8859_7 iso8859_9 iso8859_15 koi8_r koi8_u shift_jis cp932 euc_jp iso2022_jp euc_kr
    euc_jis_2004 euc_jisx0213 shift_jis_2004 shift_jisx0213 iso2022_jp_2 cp949 johab gb2312 gbk gb18030
    cp936 big5 big5hkscs cp950 cp874 tis_620 iso8859_3 iso8859_4 iso8859_6 iso8859_8 iso8859_10 iso8859_13
    iso8859_14 iso8859_16 utf_16 utf_32""".split()
)
# Prose characters: letters, marks, decimal digits, punctuation, spaces, currency and maths signs.
_PROSE_CATEGORIES = frozenset("Lu Ll Lt Lm Lo Mn Mc Nd Pc Pd Ps Pe Pi Pf Po Zs Sc Sm".split())
# Scripts written without spaces between words (no word-length check for them).
_SPACELESS = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u0f00-\u0fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\uff66-\uff9f]"
)
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_HANJA = re.compile(r"[\u4e00-\u9fff\uf900-\ufaff]")
_WHITESPACE = frozenset(" \t\n\r\f\v\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
                        "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a")
SAMPLE_CHARS = 3000
MIN_CHECKED = 40  # shorter texts are judged by their controls only
MAX_ODD_SHARE = 0.1
MIN_DISTINCT = 10
LONG_TOKEN = 60


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
    if encoding not in _COMMON_CODECS:
        return None  # only an exotic code page "explains" these bytes: not an article
    if encoding in {"latin_1", "iso8859_1", "ascii"}:
        encoding = "cp1252"  # a superset for printable text
    return _strict(data, encoding) or str(best)


_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # category Cc minus tab, newlines, \v, \f


def _check_text(text: str) -> str:
    controls = len(_CONTROLS.findall(text)) if _CONTROLS.search(text) else 0
    if "\x00" in text or controls > max(2, len(text) // 200):
        raise ReadProblem(BINARY)
    if controls:
        text = "".join(ch for ch in text if ch in _ALLOWED_CONTROLS or unicodedata.category(ch) != "Cc")
    if not _plausible(text):
        raise ReadProblem(BINARY)
    return text


def _plausible(text: str) -> bool:
    """Does decoded text look like prose in some language? (See the module docstring.)

    Judged on the head and tail of the text: garbage is uniform, and the check must stay cheap."""
    sample = text if len(text) <= SAMPLE_CHARS else text[: SAMPLE_CHARS * 2 // 3] + text[-SAMPLE_CHARS // 3 :]
    if sample.isascii():
        return _plausible_ascii(sample)
    tokens = sample.split()
    size = sum(map(len, tokens))  # characters that are not whitespace
    if size < MIN_CHECKED:
        return True
    distinct = set(sample) - _WHITESPACE
    odd_chars = [ch for ch in distinct if unicodedata.category(ch) not in _PROSE_CATEGORIES]
    odd = sum(sample.count(ch) for ch in odd_chars)
    if odd > MAX_ODD_SHARE * size:
        return False
    if size >= 200 and len(distinct) < MIN_DISTINCT:
        return False  # "tttt..." or "ⅴⅴⅴ...": one byte repeated
    ascii_only = sample.isascii()
    spaceless = 0 if ascii_only else len(_SPACELESS.findall(sample))
    if size >= 500 and spaceless < 0.3 * size and max(map(len, tokens)) > LONG_TOKEN:
        if sum(len(t) for t in tokens if len(t) > LONG_TOKEN) > 0.5 * size:
            return False  # no spaces between "words": not prose in a language that uses them
    if ascii_only:
        return True
    hangul, hanja = len(_HANGUL.findall(sample)), len(_HANJA.findall(sample))
    # Korean is written in Hangul; random high bytes read as cp949 come out mostly as Hanja.
    return not (hangul > 0.05 * size and hanja > hangul)


# ASCII characters that are neither whitespace nor prose (controls, "^", "`"): ``_plausible``'s odd ones.
_ASCII_ODD = re.compile("[" + "".join(re.escape(ch) for ch in map(chr, range(128)) if ch not in _WHITESPACE
                                      and unicodedata.category(ch) not in _PROSE_CATEGORIES) + "]")


def _plausible_ascii(sample: str) -> bool:
    """``_plausible`` for an ASCII sample: the same tests without a category lookup per character."""
    tokens = sample.split()
    size = sum(map(len, tokens))  # characters that are not whitespace
    if size < MIN_CHECKED:
        return True
    if len(_ASCII_ODD.findall(sample)) > MAX_ODD_SHARE * size:
        return False
    if size >= 200 and len(set(sample[:400]) - _WHITESPACE) < MIN_DISTINCT \
            and len(set(sample) - _WHITESPACE) < MIN_DISTINCT:
        return False  # (the first 400 characters usually show enough distinct ones)
    if size >= 500 and max(map(len, tokens)) > LONG_TOKEN:
        if sum(len(t) for t in tokens if len(t) > LONG_TOKEN) > 0.5 * size:
            return False
    return True


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
