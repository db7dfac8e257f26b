"""How plausible a file's bytes are as text in each candidate encoding: a cost, lower is better.

Each reading is judged on a sample: the words that hold non-ASCII bytes (where encodings differ). A reading
costs more for every sign that it is not what its writer typed:

- single-byte pages: control characters; a symbol glued to a letter ("£odzi", "ce³"); upper case after
  lower case inside a word ("siÊ"); Latin and another script in one word; letters of that page's script that
  never form a word; letters that no one language of that page writes together ("ê", "ñ", "æ" in one text);
- CJK pages: characters that text in that language rarely has (rare ideographs, half-width katakana, box
  drawing, private-use code points), kana in Chinese, Japanese without kana, Korean mostly in hanja;
- UTF-16 without a byte-order mark: the same character costs over the whole of Unicode.

``app.ingest.charset_rank`` samples the file and ranks the readings by these costs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from .alphabets import CODE_PAGE_LANGUAGES, LATIN, letters

# Costs, in "implausible characters".
CONTROL = 8.0
GLUED_SYMBOL = 3.0  # "£odzi", "ce³"
GLUED_SIGN = 1.5  # a currency or degree sign against a letter instead of a digit
MIXED_SCRIPT = 3.0  # "Cafщ"
CASE_FLIP = 2.0  # "siÊ", "мИНИСТР"
CAPS_WORD = 0.5  # a word in capitals: fine now and then, not for most words
LONE_LETTER = 2.0  # a letter of the page's script that never meets another one
FOREIGN_LETTER = 1.0  # a letter the page's best-fitting language does not write
LETTER_DIGIT = 1.0  # "Ђ5"
LOWER_AFTER_INVERTED = 1.0  # "¿e" (Polish "że" read as Windows-1252)
UNWRITTEN_LETTER = 2.0  # a letter the language of the file's ASCII words does not write (beyond the best)
GLUED_TO_LATIN = 1.0  # an ideograph against a lower-case ASCII letter: "Gda駍ku"


# -- single-byte code pages ------------------------------------------------------------------------------
#
# Each byte maps to a class letter, and the sample becomes a string of classes that bytes.count and regular
# expressions judge at C speed: a ASCII lower, A ASCII upper, d digit, w space, p punctuation, c control,
# x undefined, l/u Latin lower/upper beyond ASCII, y/Y/o another script's lower/upper/caseless letter,
# f a letter that only ends words (Greek ς, Hebrew final forms), v a Thai vowel written before its
# consonant, n a digit of another script (Thai ๑), m combining mark, k a sign at home next to digits
# (€ ° § ©), s any other symbol (³ ¹ ¦ ¶ ˇ), q ¿ ¡.

_OTHER_SCRIPTS = ("GREEK", "CYRILLIC", "HEBREW", "ARABIC", "THAI")
_SIGNS = frozenset("€£¥¢$§©®™°×÷±‰µ%")
_PUNCT_CATEGORIES = frozenset({"Pd", "Pi", "Pf", "Ps", "Pe"})
_WORD_FINAL = frozenset("ςךםןףץ")
_THAI_LEADING_VOWELS = frozenset("เแโใไ")
_LONE_WORDS = frozenset("àèéóÀÈÉÓ")  # accented letters that are words by themselves (French à, Italian è)


def _char_class(ch: str) -> str:
    if ch.isascii():
        if ch.islower():
            return "a"
        if ch.isupper():
            return "A"
        if ch.isdigit():
            return "d"
        if ch.isspace():
            return "w"
        return "c" if unicodedata.category(ch) == "Cc" else "p"
    cat = unicodedata.category(ch)
    if ch.isspace():
        return "w"
    if ch in "¿¡":
        return "q"
    if ch in _SIGNS:
        return "k"
    if ch in _WORD_FINAL:
        return "f"
    if ch in _THAI_LEADING_VOWELS:
        return "v"
    if cat[0] == "L":
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            return "u" if cat in ("Lu", "Lt") else "l" if cat == "Ll" else "s"
        if name.startswith(_OTHER_SCRIPTS):
            return "Y" if cat in ("Lu", "Lt") else "y" if cat == "Ll" else "o"
        return "s"  # ª º: letters by category, ordinal signs in use
    if cat == "Mn" or cat == "Mc":
        return "m"
    if cat == "Nd":
        return "n"  # a digit of another script
    if cat in _PUNCT_CATEGORIES or ch in "…•·" or ch == "\xad":
        return "p"
    if cat in ("Cc", "Co", "Cn", "Cs"):
        return "c"
    return "s"


@cache
def _class_table(codec: str) -> bytes:
    out = bytearray()
    for b in range(256):
        try:
            out += _char_class(bytes([b]).decode(codec)).encode()
        except UnicodeDecodeError:
            out += b"x"
    return bytes(out)


@dataclass(frozen=True)
class _Letters:
    """A page's letters beyond ASCII, as byte values."""

    high: frozenset[int]
    per_language: tuple[frozenset[int], ...]  # those each of the page's languages writes
    other_script: bool  # the page's letters are not Latin
    latin: bool  # the page is for Latin-script languages


@cache
def page_letters(codec: str) -> _Letters:
    table = _class_table(codec)
    high = frozenset(b for b in range(0x80, 0x100) if table[b] in b"luyYofv")
    per_language = []
    for language in CODE_PAGE_LANGUAGES.get(codec, ()):
        per_language.append(_written(codec, high, language))
    other = any(table[b] in b"yYofv" for b in high)
    return _Letters(high, tuple(per_language), other, not other and bool(high))


@cache
def _written(codec: str, high: frozenset[int], language: str) -> frozenset[int]:
    alphabet = set(letters(language))
    return frozenset(b for b in high if bytes([b]).decode(codec).lower() in alphabet)


_ANY_LETTER = bytes.maketrans(b"aAluyYofvm", b"LLLLLLLLLL")
_SCRIPT = bytes.maketrans(b"aAluyYofvm", b"LLLLOOOOOO")
_FLIP = re.compile(rb"[al]u|lA|yY")
_LETTER_DIGIT = re.compile(rb"d[luyYofv]|[luyYofv]d")
_CAPS = re.compile(rb"(?<![aluyoAYfvm])[AuY]{3,}(?![aluyoAYfvm])")
_OTHER_WORD = re.compile(rb"[yYofv][yYofvm]")
_LONE = re.compile(rb"(?<![aAluyYofvm])[lu](?![aAluyYofvm])")
# Script rules: a final form inside a word; a mark with no letter before it (or a third one in a row);
# a Thai leading vowel not followed by its consonant.
_MISPLACED = re.compile(rb"f(?=[aAluyYofvm])|(?<![aAluyYofvm])m|(?<=mm)m|v(?![yYo])")
MISPLACED = 3.0


@dataclass(frozen=True)
class SingleByteCost:
    cost: float
    unwritten: int  # letters the identified language does not write


def single_byte_cost(sample: bytes, counts: dict[int, int], codec: str,
                     language: str | None = None) -> SingleByteCost | None:
    """The cost of reading ``sample`` in a single-byte code page, None if it has bytes the page lacks.
    ``language``: the language the file's ASCII words show, if any."""
    cls = sample.translate(_class_table(codec))
    if b"x" in cls:
        return None
    letters_only = cls.translate(_ANY_LETTER)
    scripts = cls.translate(_SCRIPT)
    cost = CONTROL * cls.count(b"c")
    cost += GLUED_SYMBOL * (letters_only.count(b"Ls") + letters_only.count(b"sL")
                            + letters_only.count(b"Ln") + letters_only.count(b"nL"))
    cost += GLUED_SIGN * (letters_only.count(b"Lk") + letters_only.count(b"kL"))
    cost += MIXED_SCRIPT * (scripts.count(b"LO") + scripts.count(b"OL"))
    cost += CASE_FLIP * len(_FLIP.findall(cls))
    cost += LETTER_DIGIT * len(_LETTER_DIGIT.findall(cls))
    cost += LOWER_AFTER_INVERTED * (cls.count(b"qa") + cls.count(b"ql"))
    cost += CAPS_WORD * sum(1 for w in _CAPS.findall(cls) if b"u" in w or b"Y" in w)
    cost += MISPLACED * len(_MISPLACED.findall(cls))
    page = page_letters(codec)
    total = sum(n for b, n in counts.items() if b in page.high)
    if page.other_script and total and not _OTHER_WORD.search(cls):
        cost += LONE_LETTER * total
    if page.latin:
        lone = [m.start() for m in _LONE.finditer(cls)]
        cost += LONE_LETTER * sum(1 for i in lone if sample[i : i + 1].decode(codec) not in _LONE_WORDS)
    if page.per_language and total:
        written = max(sum(n for b, n in counts.items() if b in allowed) for allowed in page.per_language)
        cost += FOREIGN_LETTER * (total - written)
    unwritten = 0
    if page.latin and language in LATIN:
        allowed = _written(codec, page.high, language)
        unwritten = sum(n for b, n in counts.items() if b in page.high and b not in allowed)
    return SingleByteCost(cost, unwritten)


# -- CJK code pages and UTF-16 -------------------------------------------------------------------------

_LANGUAGE = {"cp932": "ja", "euc_jp": "ja", "gb18030": "zh", "big5": "zh", "euc_kr": "ko", "cp949": "ko"}


def _pairs(codec: str, leads: range, trails: list[int]) -> frozenset[str]:
    out = set()
    for lead in leads:
        for trail in trails:
            try:
                out.add(bytes([lead, trail]).decode(codec))
            except UnicodeDecodeError:
                pass
    return frozenset(out)


@cache
def common_ideographs(language: str) -> frozenset[str]:
    """The ideographs that make up nearly all running text: the first levels of the national standards
    (JIS X 0208 level 1 for Japanese; GB 2312 level 1 and Big5 level 1 for Chinese; all for any)."""
    euc = list(range(0xA1, 0xFF))
    japanese = _pairs("euc_jp", range(0xB0, 0xD0), euc)
    if language == "ja":
        return japanese
    chinese = _pairs("gb2312", range(0xB0, 0xD8), euc) | _pairs("big5", range(0xA4, 0xC7), _BIG5_TRAILS)
    return chinese if language == "zh" else chinese | japanese


@cache
def standard_ideographs(language: str) -> frozenset[str]:
    """Every ideograph of the basic national standard (levels 1 and 2): beyond it, text seldom goes."""
    euc = list(range(0xA1, 0xFF))
    if language == "ja":
        return _pairs("euc_jp", range(0xB0, 0xF5), euc)
    return _pairs("gb2312", range(0xB0, 0xF8), euc) | _pairs("big5", range(0xA4, 0xFA), _BIG5_TRAILS)


_BIG5_TRAILS = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]


@cache
def common_hangul() -> frozenset[str]:
    """The 2,350 syllables of KS X 1001, which Korean prose keeps to."""
    return _pairs("euc_kr", range(0xB0, 0xC9), list(range(0xA1, 0xFF)))


def _is_ideograph(o: int) -> bool:
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def _is_kana(o: int) -> bool:
    return 0x3041 <= o <= 0x30FF


def _is_hangul(o: int) -> bool:
    return 0xAC00 <= o <= 0xD7A3


@cache
def _cjk_char_cost(ch: str, language: str) -> float:
    o = ord(ch)
    if o < 0x80:
        return CONTROL if unicodedata.category(ch) == "Cc" and not ch.isspace() else 0.0
    if _is_ideograph(o):
        if language == "ko":
            return 0.5  # hanja: seen in Korean, but seldom
        return 0.0 if ch in common_ideographs(language) else 0.5 if ch in standard_ideographs(language) else 2.0
    if _is_kana(o):
        return 0.0 if language == "ja" else 1.0
    if _is_hangul(o):
        return (0.0 if ch in common_hangul() else 1.0) if language == "ko" else 3.0
    if 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E or 0x2010 <= o <= 0x203B:
        return 0.0  # CJK and full-width punctuation, quotes, dashes
    if 0xFF61 <= o <= 0xFF9F:
        return 1.5  # half-width katakana: old terminals, not articles
    if 0x3131 <= o <= 0x318E:
        return 1.0  # hangul letters standing alone
    if 0x2460 <= o <= 0x24FF:
        return 0.5  # circled numbers
    if 0x2500 <= o <= 0x257F:
        return 2.0  # box drawing
    if 0xE000 <= o <= 0xF8FF or unicodedata.category(ch) in ("Cn", "Co", "Cc"):
        return 4.0
    return 1.0  # Latin, Greek and Cyrillic letters of the CJK sets, other symbols


_GLUED = re.compile(r"[a-z][\u3041-\u30ff\u3400-\u9fff\uac00-\ud7a3]|[\u3041-\u30ff\u3400-\u9fff\uac00-\ud7a3][a-z]")


def cjk_cost(text: str, codec: str, spaced: int = 0) -> float:
    """``spaced``: how often the file puts a space between two non-ASCII characters."""
    language = _LANGUAGE[codec]
    counts = Counter(text)
    cost = sum(n * _cjk_char_cost(ch, language) for ch, n in counts.items())
    cost += GLUED_TO_LATIN * len(_GLUED.findall(text))
    ideographs = sum(n for ch, n in counts.items() if _is_ideograph(ord(ch)))
    if language == "ja":
        cost += spaced  # Japanese runs its words together
        kana = sum(n for ch, n in counts.items() if _is_kana(ord(ch)))
        if ideographs + kana >= 8 and kana < 0.05 * (ideographs + kana):
            cost += 0.5 * ideographs  # Japanese is hardly written without kana: this is Chinese
    elif language == "zh":
        cost += spaced
    else:
        hangul = sum(n for ch, n in counts.items() if _is_hangul(ord(ch)))
        if ideographs > 0.2 * hangul:
            cost += 0.5 * ideographs  # Korean is written in hangul
    return cost


@cache
def _wide_char_cost(ch: str) -> float:
    o = ord(ch)
    if o < 0x80:
        return CONTROL if unicodedata.category(ch) == "Cc" and not ch.isspace() else 0.0
    cat = unicodedata.category(ch)
    if cat in ("Cn", "Co", "Cc", "Cs"):
        return 4.0
    if o <= 0x24F or 0x370 <= o <= 0xE7F:  # Latin, Greek, Cyrillic, Hebrew, Arabic, Indic, Thai
        return 0.0 if cat[0] in "LMNZ" or cat in _PUNCT_CATEGORIES else 0.5
    if _is_ideograph(o):
        return 0.0 if ch in common_ideographs("any") else 1.0 if o >= 0x4E00 else 2.0
    if _is_kana(o) or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E or 0x2010 <= o <= 0x203B:
        return 0.0
    if _is_hangul(o):
        return 0.0 if ch in common_hangul() else 1.0
    return 1.0


def wide_cost(text: str) -> float:
    return sum(n * _wide_char_cost(ch) for ch, n in Counter(text).items())
