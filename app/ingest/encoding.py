"""Bytes to text, whatever editor or OS wrote them, and a warning when the encoding is a guess.

Sure signs first: a byte-order mark; NUL bytes (UTF-16, else binary); plain ASCII; valid UTF-8 (or UTF-8
with a stray bad byte or two). Otherwise every candidate encoding reads the bytes and the most plausible
reading wins (``charset_scores``: letters of one language, words of one script, common CJK characters).
A declared charset (an HTML ``<meta>`` or XML declaration) is honoured when its reading is about as good as
the best one, so it settles ties between single-byte pages, and overridden when it does not fit the bytes.
When no reading clearly beats the others, the best one is used and ``Decoded.warnings`` says so.

Any byte string decodes under some single-byte code page, so a decoded text must also look like
prose (``_plausible``): mostly letters, digits, punctuation and spaces; more than a handful of
distinct characters; words of a sane length in scripts that use spaces.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass

from .charset_rank import Reading, rank, sample_words
from .charset_scores import wide_cost
from .charsets import UTF16, check_hint, codec_for_label, describe
from .document import ReadProblem

log = logging.getLogger(__name__)

BINARY = "does not look like text (binary data)"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ISO2022_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J")
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
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

# A reading fits when it costs at most this per non-ASCII byte (``charset_scores``), and beats another
# reading for sure when it costs at least MARGIN less (two glaring misfits: a symbol glued to a word).
FIT = 0.25
MARGIN = 2.0
WIDE_MARGIN = 0.2  # the same, per character, between UTF-16 and a reading of the words


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the Python codec that read it
    warnings: tuple[str, ...] = ()


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_by_nuls(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM. Latin text has a NUL in every other byte; CJK or Cyrillic text only where
    ASCII spaces and digits are (and in a few characters such as 一), so both byte orders are judged."""
    even, odd = data[0::2], data[1::2]
    if not even or not odd:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    pairs = data[: len(data) // 2 * 2]
    if odd_nul > 0.3 and even_nul < 0.05:
        text = _strict(pairs, "utf-16-le")
        return None if text is None else Decoded(text, "utf-16-le")
    if even_nul > 0.3 and odd_nul < 0.05:
        text = _strict(pairs, "utf-16-be")
        return None if text is None else Decoded(text, "utf-16-be")
    best: tuple[float, str, str] | None = None
    for codec in UTF16:
        text = _strict(pairs, codec)
        if text:
            head = text[:16_384]
            ratio = wide_cost(head) / len(head)
            if ratio <= FIT and (best is None or ratio < best[0]):
                best = (ratio, codec, text)
    return None if best is None else Decoded(best[2], best[1])


def _nearly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a stray byte or two (a bad paste): keep it UTF-8 rather than guess another codec."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if good < 20 or bad > good / 50:
        return None
    return Decoded(text, "utf-8", (f"{bad} byte{'s are' if bad != 1 else ' is'} not valid UTF-8 and show"
                                   f"{'' if bad != 1 else 's'} as \ufffd",))


def _clearly_better(best: Reading, rival: Reading) -> bool:
    if best.wide != rival.wide:
        return rival.ratio - best.ratio >= WIDE_MARGIN
    return rival.cost - best.cost >= MARGIN


def _choose(readings: list[Reading], declared: str | None) -> tuple[Reading, bool]:
    """The reading to use, and whether it is sure."""
    best = readings[0]
    rivals = [r for r in readings[1:] if r.sample != best.sample]
    sure = best.ratio <= FIT and (not rivals or _clearly_better(best, rivals[0]))
    said = next((r for r in readings if r.codec == declared), None)
    if said is None:
        return best, sure
    if said.sample == best.sample:
        return said, best.ratio <= FIT  # the declaration and the bytes agree
    if said.ratio <= FIT and not _clearly_better(best, said):
        return said, True  # it fits about as well: the declaration settles it
    log.info("declared %s does not fit the bytes (cost %.1f); read as %s (cost %.1f)",
             declared, said.cost, best.codec, best.cost)
    return best, sure


def _best_reading(data: bytes, declared: str | None) -> Decoded:
    readings = rank(data, sample_words(data), (declared,) if declared else ())
    if not readings:
        raise ReadProblem(BINARY)
    chosen, sure = _choose(readings, declared)
    warnings: list[str] = []
    if not sure:
        warnings.append(f"the text encoding could not be told for sure; read as {describe(chosen.codec)} "
                        f"— {check_hint(chosen.codec)}")
    text = _strict(data, chosen.codec)
    if text is None:  # a byte past the sample that this codec lacks
        for other in readings:
            text = _strict(data, other.codec) if other.ratio <= FIT else None
            if text is not None:
                chosen = other
                break
        else:
            text = data.decode(chosen.codec, "replace")
            warnings.append(f"some bytes are not valid {describe(chosen.codec)} and show as \ufffd")
    return Decoded(text, chosen.codec, tuple(warnings))


def _ascii(data: bytes) -> Decoded:
    if b"\x1b" in data and any(escape in data for escape in _ISO2022_ESCAPES):
        text = _strict(data, "iso2022_jp")
        if text is not None:
            return Decoded(text, "iso2022_jp")
    return Decoded(data.decode("ascii"), "utf-8")


def decode_text(data: bytes, declared: str | None = None, prose: bool = True) -> Decoded:
    """Decode a file's bytes, raising ReadProblem when they are not text.

    ``declared``: the charset label the file itself names, if any. ``prose``: check that the text reads
    like prose (not for markup, whose scripts and long attribute values would fail the word checks)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], encoding)
            if text is None:
                raise ReadProblem(f"is not valid {encoding.upper()} text despite its byte-order mark")
            return _checked(Decoded(text, encoding), prose)
    if b"\x00" in data:
        decoded = _utf16_by_nuls(data)
        if decoded is None:
            raise ReadProblem(BINARY)
        return _checked(decoded, prose)
    if data.isascii():
        return _checked(_ascii(data), prose)
    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(Decoded(text, "utf-8"), prose)
    decoded = _nearly_utf8(data)
    if decoded is None:
        decoded = _best_reading(data, codec_for_label(declared) if declared else None)
    return _checked(decoded, prose)


def decode_bytes(data: bytes) -> str:
    """Decode a text file's bytes, raising ReadProblem when they are not text."""
    return decode_text(data).text


def _checked(decoded: Decoded, prose: bool) -> Decoded:
    text = _check_text(decoded.text, prose)
    return decoded if text is decoded.text else Decoded(text, decoded.encoding, decoded.warnings)


_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # category Cc minus tab, newlines, \v, \f


def _check_text(text: str, prose: bool = True) -> str:
    controls = len(_CONTROLS.findall(text)) if _CONTROLS.search(text) else 0
    if "\x00" in text or controls > max(2, len(text) // 200):
        raise ReadProblem(BINARY)
    if controls:
        text = "".join(ch for ch in text if ch in _ALLOWED_CONTROLS or unicodedata.category(ch) != "Cc")
    if prose and not _plausible(text):
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
