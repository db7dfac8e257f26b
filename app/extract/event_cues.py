"""The cue words of ``resources/events.yaml``, compiled, and the tests on one sentence that use them: which
kinds of meeting it names, whether it names a recurring meeting, whether it puts its people at the table."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from app.shared.paths import resource_path


@dataclass(frozen=True)
class Cues:
    kinds: re.Pattern[str]  # one group per phrase; ``kind_of`` maps the phrase to its kind
    kind_of: dict[str, str]
    generic: re.Pattern[str]
    names: list[tuple[re.Pattern[str], str, str]]  # (pattern, own name, kind)
    preview: re.Pattern[str]
    labels: dict[str, str]
    short_names: dict[str, str]
    demonyms: dict[str, str]
    taking_part: re.Pattern[str] = re.compile(r"(?!x)x")  # "hosted", "met", "talks with": at the table
    misnamed: re.Pattern[str] = re.compile(r"(?!x)x")  # "mistakenly called X Y": names that prove nothing
    framing: re.Pattern[str] = re.compile(r"(?!x)x")  # "ahead of the visit": the kind word frames other news
    buildings: frozenset[str] = frozenset()  # words of a venue one meets "at" ("Camp David", "the Pentagon")


def _alternation(phrases: Sequence[str]) -> re.Pattern[str]:
    # Longest first so "bilateral talks" wins over "talks"; no word characters or "+" either side.
    ordered = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(p) for p in ordered) or "(?!x)x"
    return re.compile(rf"(?<![\w+])(?:{body})(?![\w+])")


def parse_cues(data: Any) -> Cues:
    data = data if isinstance(data, dict) else {}
    kind_of: dict[str, str] = {}
    for kind, phrases in (data.get("kinds") or {}).items():
        for phrase in phrases or ():
            kind_of.setdefault(str(phrase).lower(), str(kind))
    names = [(_alternation([str(n["name"])]), str(n["name"]), str(n.get("kind", "meeting")))
             for n in data.get("names") or () if isinstance(n, dict) and n.get("name")]
    return Cues(_alternation(list(kind_of)), kind_of, _alternation([str(p) for p in data.get("generic") or ()]),
                names, _alternation([str(p) for p in data.get("preview") or ()]),
                {str(k): str(v) for k, v in (data.get("labels") or {}).items()},
                {str(k): str(v) for k, v in (data.get("short_names") or {}).items()},
                {str(k): str(v) for k, v in (data.get("demonyms") or {}).items()},
                _alternation([str(p) for p in data.get("taking_part") or ()]),
                _alternation([str(p) for p in data.get("misnamed") or ()]),
                _alternation([str(p) for p in data.get("framing") or ()]),
                frozenset(str(w).lower() for w in data.get("buildings") or ()))


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    path = resource_path("events.yaml")
    return parse_cues(yaml.safe_load(path.read_text(encoding="utf-8")))


def kinds_in(cues: Cues, low: str) -> list[str]:
    """The kinds a sentence names, in order: the last is what it is about ("Prior to the 2+2 talks, …
    the first trilateral talks"); the others are the frame it happens in."""
    found: list[str] = []
    last_end = -99
    for m in cues.kinds.finditer(low):
        kind = cues.kind_of.get(m.group(0))
        if kind is None:
            continue
        if found and m.start() - last_end <= ADJACENT and _SPECIFIC.get(found[-1], 9) < _SPECIFIC.get(kind, 9):
            last_end = m.end()
            continue  # "2+2 ministerial dialogue", "trilateral summit": one meeting, by its more specific name
        found.append(kind)
        last_end = m.end()
    return list(dict.fromkeys(reversed(found)))[::-1] if found else []


ADJACENT = 3  # characters between two kind words of one noun phrase ("2+2 ministerial", "trilateral summit")
_SPECIFIC = {"two_plus_two": 0, "trilateral": 1, "bilateral": 2, "multilateral": 3, "summit": 4,
             "ministerial": 5, "visit": 6, "call": 7, "press_conference": 8}


def own_name(cues: Cues, low: str) -> tuple[str, str] | None:
    for pattern, name, kind in cues.names:
        if name.lower() in low and pattern.search(low):  # the substring test spares most regex searches
            return name, kind
    return None


def takes_part(cues: Cues, text: str) -> bool:
    """The sentence puts the people it names at the meeting: "hosted", "met", "talks with", "attended by"
    or the meeting's own kind word."""
    low = text.lower()
    if cues.misnamed.search(low):
        return False
    if cues.taking_part.search(low):
        return True
    # "Sullivan heads to India ahead of Modi's state visit": the kind word dates other news
    return bool(cues.kinds.search(low)) and not cues.framing.search(low)
