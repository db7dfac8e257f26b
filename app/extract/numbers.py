"""Money and counted quantities, with a canonical value to compare across articles.

Value formats (``Mention.value``):
- money: ``"<amount as a plain integer> <ISO 4217 code>"``: "$1.7 billion" → "1700000000 USD",
  "¥300 billion" → "300000000000 JPY", "€2.5m" → "2500000 EUR". A fractional amount keeps its decimals.
- quantity: ``"<number> <unit>"``: "400 Tomahawk missiles" → "400 Tomahawk" (the canonical weapon system when
  one is named in the phrase), "28,000 troops" → "28000 troops", "two destroyers" → "2 destroyers",
  "2% of GDP" → "2 percent". The unit is the counted noun as written, in lower case.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a dozen": 12, "dozen": 12, "a thousand": 1000,
}
NUMBER_WORDS = _WORD_NUMBERS
_WORD_NUM = "|".join(sorted((w.replace(" ", r"\s+") for w in _WORD_NUMBERS), key=len, reverse=True))
_SCALES = {"thousand": 10**3, "k": 10**3, "million": 10**6, "mn": 10**6, "mln": 10**6, "m": 10**6,
           "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12, "crore": 10**7,
           "lakh": 10**5}
_SCALE_WORD = (r"\s*(?P<scale>trillion|billion|million|thousand|crore|lakh)\b"
               r"|(?P<abbr>bn|mn|mln|tn|m|b|k)(?!\w)")
_PREFIX_CURRENCY = {
    "$": "USD", "us$": "USD", "usd": "USD", "a$": "AUD", "au$": "AUD", "aud": "AUD", "c$": "CAD",
    "ca$": "CAD",
    "cad": "CAD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "nt$": "TWD", "€": "EUR", "eur": "EUR", "£": "GBP",
    "gbp": "GBP", "¥": "JPY", "jp¥": "JPY", "jpy": "JPY", "₩": "KRW", "krw": "KRW", "₹": "INR", "inr": "INR",
    "₱": "PHP", "php": "PHP", "cn¥": "CNY", "rmb": "CNY", "cny": "CNY", "₽": "RUB", "rub": "RUB", "₴": "UAH",
}
_SUFFIX_CURRENCY = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD",
    "australian dollars": "AUD", "canadian dollars": "CAD", "new zealand dollars": "NZD",
    "taiwan dollars": "TWD", "new taiwan dollars": "TWD", "singapore dollars": "SGD",
    "hong kong dollars": "HKD",
    "yen": "JPY", "euros": "EUR", "euro": "EUR", "pounds": "GBP", "pounds sterling": "GBP", "won": "KRW",
    "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "pesos": "PHP", "rubles": "RUB", "roubles": "RUB",
    "hryvnias": "UAH", "hryvnia": "UAH",
}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_CURRENCY_SYMBOLS = "$€£¥₩₹₱₽₴"
# All patterns below are matched at a known start (a digit, a currency sign or a number word), never
# searched: one cheap scan for digits and signs finds every place an amount can begin.
_TRIGGER = re.compile(rf"[\d{_CURRENCY_SYMBOLS}][\d,.]*")
_MONEY_PREFIX = re.compile(
    rf"(?P<cur>(?:{_alternation(k.upper() for k in _PREFIX_CURRENCY if not k.isalpha() and len(k) > 1)}"
    rf"|[{_CURRENCY_SYMBOLS}])|(?:{_alternation(k.upper() for k in _PREFIX_CURRENCY if k.isalpha())})\s)\s?"
    rf"(?P<num>{_NUM})(?![\d+])(?:{_SCALE_WORD})?"
)
_CJK = {"兆": 10**12, "億": 10**8, "万": 10**4, "円": "JPY", "ドル": "USD", "ウォン": "KRW", "元": "CNY"}
_WS = re.compile(r"\s+")
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
_CODE_BEFORE = re.compile(r"(?:[A-Z]{1,3}|CN|JP)$")
# Words that end a count's modifiers: "2023 the ships" is not a count of ships.
_SKIP_WORDS = ("the|a|an|and|or|but|to|in|on|at|for|with|by|from|that|which|who|were|was|is|are|be|been"
               "|have|has|had|will|would|of|its|their|his|her|this|these|those|as|than|more\\s+than")


class Amount(NamedTuple):
    start: int
    end: int
    text: str
    type: str  # money | quantity
    value: str


@lru_cache(maxsize=4096)
def _decimal(num: str) -> Decimal | None:
    """The number written ``num`` (cached: Decimals are immutable and the same figures recur)."""
    low = _WS.sub(" ", num.lower())
    if low in _WORD_NUMBERS:
        return Decimal(_WORD_NUMBERS[low])
    try:
        return Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None


def _fmt(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _scaled(m: re.Match[str]) -> Decimal | None:
    value = _decimal(m.group("num"))
    if value is None:
        return None
    return value * _SCALES.get((m.group("scale") or m.group("abbr") or "").lower(), 1)


class AmountFinder:
    """Money and counted quantities. Quantities are a number, up to three modifiers, then a unit noun from
    the gazetteer's list ("400 Tomahawk missiles")."""

    def __init__(self, units: Sequence[str]) -> None:
        units_re = _alternation(units) if units else r"(?!x)x"
        currencies = _alternation(_SUFFIX_CURRENCY) + "|USD|EUR|JPY|KRW|GBP|AUD|CNY"
        # Everything that can follow a number, in one regex tried once per number.
        self.at_number = re.compile(
            rf"(?P<num>{_NUM}|{_WORD_NUM})(?![\d+])(?:"
            r"(?P<pct>\s*(?:%|per\s*cent\b|pct\b))"
            r"|\s*(?P<cjs>兆|億|万)?\s*(?P<cjc>円|ドル|ウォン|元)"
            rf"|(?:{_SCALE_WORD})?\s+(?P<cur>{currencies})(?!\w)"
            rf"|(?:\s+(?P<qscale>million|billion|thousand))?\s+"
            rf"(?P<mods>(?:(?!(?:{_SKIP_WORDS})\b)[A-Za-z][\w-]*\s+){{0,3}}?)(?P<unit>{units_re})(?!\w))",
            re.IGNORECASE,
        )

    def find(self, text: str, number_words: Sequence[int] = (),
             systems: Sequence[tuple[int, int, str]] = ()) -> list[Amount]:
        """``number_words``: where number words ("two") start; ``systems``: (start, end, canonical name) of
        weapon systems already found, in text order, to name the unit of "400 Tomahawk missiles"."""
        found: list[Amount] = []
        system_starts = [s for s, _, _ in systems]
        for m in _TRIGGER.finditer(text):
            pos = m.start()
            if text[pos] in _CURRENCY_SYMBOLS:
                code = _CODE_BEFORE.search(text, max(0, pos - 3), pos)
                start = code.start() if code else pos
                if start == 0 or not text[start - 1].isalnum():
                    self._money_prefix(text, start, found)
            elif pos == 0 or text[pos - 1] not in "+/-" and not text[pos - 1].isalnum() and (
                    text[pos - 1] not in ".," or pos < 2 or not text[pos - 2].isdigit()):
                if pos > 3 and text[pos - 1] == " " and text[pos - 2].isupper():  # "USD 5 million"
                    code = _CODE_BEFORE.search(text, pos - 4, pos - 1)
                    if code and self._money_prefix(text, code.start(), found):
                        continue
                self._at_number(text, pos, systems, system_starts, found)
        for pos in number_words:
            self._at_number(text, pos, systems, system_starts, found)
        return _non_overlapping(found)

    @staticmethod
    def _money_prefix(text: str, start: int, found: list[Amount]) -> bool:
        m = _MONEY_PREFIX.match(text, start)
        if not m:
            return False
        value = _scaled(m)
        code = _PREFIX_CURRENCY.get(m.group("cur").strip().lower())
        if value is None or not code:
            return False
        found.append(Amount(m.start(), m.end(), m.group(), "money", f"{_fmt(value)} {code}"))
        return True

    def _at_number(self, text: str, pos: int, systems: Sequence[tuple[int, int, str]],
                   system_starts: Sequence[int], found: list[Amount]) -> None:
        m = self.at_number.match(text, pos)
        if not m:
            return
        num = m.group("num")
        value = _decimal(num)
        if value is None:
            return
        kind = m.lastgroup  # the last group of the branch that matched: pct, cjc, cur or unit
        if kind == "pct":
            found.append(Amount(m.start(), m.end(), m.group(), "quantity", f"{_fmt(value)} percent"))
        elif kind == "cjc":
            value *= _CJK[m.group("cjs")] if m.group("cjs") else 1  # type: ignore[operator]
            code = _CJK[m.group("cjc")]
            found.append(Amount(m.start(), m.end(), m.group(), "money", f"{_fmt(value)} {code}"))
        elif kind == "cur":
            scale = m.group("scale") or m.group("abbr")
            value *= _SCALES.get((scale or "").lower(), 1)
            cur = _WS.sub(" ", m.group("cur").lower())
            code = _SUFFIX_CURRENCY.get(cur) or cur.upper()
            if cur == "won" and not scale and value < 1000:
                return  # "3 won": too small to be a sum in a briefing; more likely a count of wins
            found.append(Amount(m.start(), m.end(), m.group(), "money", f"{_fmt(value)} {code}"))
        else:
            if m.group("mods") and _YEARLIKE.fullmatch(num):
                return  # "2023 the ships": a year, not a count
            start, end = m.span()
            qscale = m.group("qscale")
            if qscale:
                value *= _SCALES.get(qscale.lower(), 1)
            unit = _WS.sub(" ", m.group("unit").lower())
            # The first system inside the phrase; a bisect, since a long text names thousands.
            for s, e, name in systems[bisect_left(system_starts, start):]:
                if s >= end:
                    break
                if e <= end:
                    unit = name
                    break
            found.append(Amount(start, end, m.group(), "quantity", f"{_fmt(value)} {unit}"))


def _non_overlapping(items: list[Amount]) -> list[Amount]:
    items.sort(key=lambda a: (a.start, -(a.end - a.start)))
    out: list[Amount] = []
    for a in items:
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    return out
