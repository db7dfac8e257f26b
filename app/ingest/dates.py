"""Find calendar dates in article text: full dates, standalone date lines and agency datelines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

# The same, written so that each regex opens with a character class: the engine then jumps between
# candidate characters instead of trying the whole pattern at every position (several times faster).
# ``\b`` before a digit or letter becomes a look-behind after it; the month's first letter is a
# case-sensitive class listing every character that matches one of "jfmasond" ignoring case (ſ is an
# "s"), and a look-behind on it picks the month exactly as the plain alternation would.
_MONTH_AT_WORD = (r"(?P<month>(?-i:[JjFfMmAaSsſOoNnDd])(?<!\w\w)(?:(?<=j)an(?:uary)?|(?<=f)eb(?:ruary)?"
                  r"|(?<=m)ar(?:ch)?|(?<=a)pr(?:il)?|(?<=m)ay|(?<=j)une?|(?<=j)uly?|(?<=a)ug(?:ust)?"
                  r"|(?<=s)ep(?:t(?:ember)?)?|(?<=o)ct(?:ober)?|(?<=n)ov(?:ember)?|(?<=d)ec(?:ember)?))\.?")
_DAY_AT_WORD = r"(?P<day>\d(?<!\w\d)\d?)"
_YEAR_AT_WORD = r"(?P<year>(?:1(?<!\w1)9|2(?<!\w2)0)\d{2})"

# Each pattern names month/day/year; a numeric month is a digit string, a named one a word.
_FULL_DATES = [
    # July 28th 2024, Jul. 28, 2024: \b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b
    re.compile(rf"{_MONTH_AT_WORD}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    # 28 July 2024, 28th of July, 2024: \b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b
    re.compile(rf"{_DAY_AT_WORD}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.I),
    # 2024-07-28, 2024/7/28: \b{_YEAR}[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})\b
    re.compile(rf"{_YEAR_AT_WORD}[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})\b"),
    re.compile(rf"{_YEAR}\s*年\s*(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*日"),  # 2024年7月28日
    # 28.07.2024 (European): \b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.{_YEAR}\b
    re.compile(rf"{_DAY_AT_WORD}\.(?P<month>\d{{1,2}})\.{_YEAR}\b"),
]
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")  # every full date holds one: a cheap test first
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b", re.I)

_TIME = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?(?=\W|$)|\d{1,2}\s*時\s*(?:\d{1,2}\s*分)?",
    re.I,
)
# "Updated 2 hours ago", "2 min read": page furniture that shares a line with the date.
_RELATIVE = re.compile(
    r"\b\d+\s*(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?)\s+(?:ago|read)\b|\bGMT\s*[+-]\s*\d+", re.I
)
# Words a date line may carry besides the date itself.
_LABEL_WORDS = re.compile(
    r"\b(?:first\s+published|last\s+updated|last\s+modified|published|updated|modified|posted|released|date[ds]?"
    r"|on|at|as\s+of|time|local|today|am|pm|a\.m\.|p\.m\."
    r"|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
    r"|jst|kst|gmt|utc|bst|cet|cest|est|edt|cst|cdt|pst|pdt|et|pt|aest|aedt|hkt|sgt|ist)\b\.?",
    re.I,
)
_UPDATED = re.compile(r"\b(?:updated|modified)\b", re.I)
_PUBLISHED = re.compile(r"\b(?:published|posted|released)\b", re.I)


@dataclass(frozen=True)
class FoundDate:
    value: date
    start: int
    end: int


def _month_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    return _MONTHS.get(text[:3].lower(), 0)


def _to_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), _month_number(month), int(day))
    except ValueError:
        return None


def find_full_dates(text: str) -> list[FoundDate]:
    """Every explicit day-month-year date in ``text``, in reading order, overlaps dropped."""
    found: list[FoundDate] = []
    if _ANY_YEAR.search(text) is None:
        return found
    for pattern in _FULL_DATES:
        for m in pattern.finditer(text):
            value = _to_date(m["year"], m["month"], m["day"])
            if value and not any(f.start < m.end() and m.start() < f.end for f in found):
                found.append(FoundDate(value, m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def first_full_date(text: str) -> date | None:
    found = find_full_dates(text)
    return found[0].value if found else None


_AGENCIES = {
    "ap": "Associated Press", "the associated press": "Associated Press", "reuters": "Reuters",
    "afp": "AFP", "kyodo": "Kyodo News", "kyodo news": "Kyodo News", "jiji": "Jiji Press",
    "jiji press": "Jiji Press", "yonhap": "Yonhap", "xinhua": "Xinhua", "bloomberg": "Bloomberg",
    "upi": "UPI", "dpa": "dpa", "efe": "EFE", "ani": "ANI", "pti": "PTI", "cna": "CNA", "nhk": "NHK",
}


@dataclass(frozen=True)
class DateLine:
    value: date
    updated: bool  # the line says "Updated"/"Modified" rather than published
    outlet: str = ""  # a news agency named on the line ("KYODO NEWS - Jul 28, 2024")


def standalone_date(line: str) -> DateLine | None:
    """The date of a line that holds nothing but a date (plus labels, time, zone, place or byline)."""
    text = line.strip()
    if not text or len(text) > 120:
        return None
    found = find_full_dates(text)
    if not found:
        return None
    rest = text
    for f in reversed(found):
        rest = rest[: f.start] + " " + rest[f.end :]
    rest = _RELATIVE.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    rest = _LABEL_WORDS.sub(" ", rest)
    words = re.findall(r"[^\W\d_][\w'’.-]*", rest)
    # What is left may be a place, an outlet or an author ("Tokyo", "KYODO NEWS", "By Jane Doe"),
    # never running prose: any lower-case word means this is a sentence that merely mentions a date.
    if len(words) > 5 or any(w[0].islower() for w in words):
        return None
    updated = bool(_UPDATED.search(text)) and not _PUBLISHED.search(text)
    named = " ".join(words[:2]).lower()
    outlet = _AGENCIES.get(named) or _AGENCIES.get(words[0].lower(), "") if words else ""
    return DateLine(found[0].value, updated, outlet)



# "TOKYO, July 28 (Reuters) - ", "WASHINGTON (AP) — ", "TOKYO (Kyodo) -- ", "SEOUL, South Korea (AP) —".
_AGENCY_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}?|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})"
    r"(?:\s*,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)(?=\s*[,(–—-]))?"
    r"(?:\s*,\s*(?P<when>(?i:" + _MONTH.replace("?P<month>", "?:") + r")\s+\d{1,2}(?:st|nd|rd|th)?"
    r"(?:,?\s+(?:19|20)\d{2})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&/-]{0,30})\))?"
    r"\s*(?:--?|–|—)\s*"
)


_DAY_DATELINE = re.compile(
    r"^(?P<when>(?i:" + _MONTH.replace("?P<month>", "?:") + r")\.?\s+\d{1,2})\s*\((?P<agency>[A-Za-z][\w .&/-]{0,30})\)"
    r"\s*(?:--?|–|—)\s*")


@dataclass(frozen=True)
class AgencyDateline:
    end: int  # length of the prefix to cut from the line
    outlet: str
    month: int | None
    day: int | None
    year: int | None


def agency_dateline(line: str) -> AgencyDateline | None:
    """A wire-style dateline at the start of ``line`` (the place must be ALL CAPS or name an agency)."""
    m = _AGENCY_DATELINE.match(line)
    if m is None or not m["when"] and not m["agency"]:
        day_first = _DAY_DATELINE.match(line)  # "Nov. 14 (UPI) -- ": a wire's day and agency, no place
        if day_first is not None and day_first.end() < len(line.rstrip()):
            md = month_and_day(day_first["when"])
            agency = day_first["agency"].strip()
            return AgencyDateline(day_first.end(), _AGENCIES.get(agency.lower(), agency),
                                  *(md if md else (None, None)), None)
    if not m:
        return None
    place, agency = m["place"].strip(), (m["agency"] or "").strip()
    caps_place = len(re.sub(r"[^A-Z]", "", place)) >= 3 and place == place.upper()
    # "Woodside, California - President ...": a town and its state or country before a dash
    town_and_region = bool(m["region"]) and m.group(0).rstrip()[-1:] in "-–—"
    if not (caps_place or agency or town_and_region):
        return None
    if m.end() >= len(line.rstrip()):  # a bare "TOKYO -" line is not a dateline prefix of a sentence
        return None
    month = day = year = None
    if m["when"]:
        md = month_and_day(m["when"])
        if md:
            month, day = md
        y = re.search(r"(?:19|20)\d{2}", m["when"])
        year = int(y.group()) if y else None
    outlet = _AGENCIES.get(agency.lower(), agency)
    return AgencyDateline(m.end(), outlet, month, day, year)


def month_and_day(text: str) -> tuple[int, int] | None:
    """(month, day) of the first "July 29" or "Jul. 29" in ``text``."""
    md = _MONTH_DAY.search(text)
    return (_month_number(md["month"]), int(md["day"])) if md else None


def complete_date(month: int | None, day: int | None, year: int | None) -> date | None:
    if not (month and day and year):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


_FILENAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")


def date_from_filename(name: str) -> date | None:
    """``2024-07-28_talks.txt`` -> 2024-07-28: analysts often file articles by date."""
    m = _FILENAME_DATE.search(name)
    if not m:
        return None
    return _to_date(*m.groups())
