"""Transcript noise: speaker labels ("SECRETARY BLINKEN:", "Q:") and stage notes ("(Applause.)").

Both are cut from inside a line, never the whole paragraph: the speech after a label is the text.
Patterns and word lists live in the ``transcript`` section of resources/boilerplate.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.shared.paths import resource_path

MAX_LABEL_CHARS = 60
MAX_LABEL_WORDS = 6

# A line opening "WORD WORD:" (up to six words), followed by speech or the end of the line.
_LABEL = re.compile(r"([^\W\d_][\w.'\u2019&-]*(?:[ \t]+(?:\(?[\w.'\u2019&-]+\)?)){0,5})[ \t]*:(?=\s|$)")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class TranscriptRules:
    speaker_reason: str
    roles: frozenset[str]
    not_speakers: frozenset[str]
    notes: tuple[tuple[re.Pattern[str], str], ...]  # (bracketed-note regex, reason)


def load_rules(path: Path) -> TranscriptRules:
    """The ``transcript`` section of a boilerplate file (read afresh)."""
    from .boilerplate import read_rules_file

    return _compile_rules(path, read_rules_file.__wrapped__(path))


def _compile_rules(path: Path, whole: dict) -> TranscriptRules:
    from .boilerplate import BoilerplateError

    try:
        data = whole.get("transcript") or {}
        notes = []
        for entry in data.get("notes", []):
            words = "|".join(f"(?:{p})" for p in entry.get("patterns", []))
            if words:
                pattern = re.compile(r"[(\[]\s*(?:" + words + r")\s*[.!]?\s*[)\]]\.?", re.IGNORECASE)
                notes.append((pattern, str(entry["reason"])))
        return TranscriptRules(
            speaker_reason=str(data.get("speaker_reason", "speaker label")),
            roles=frozenset(str(w).lower() for w in data.get("speaker_roles", [])),
            not_speakers=frozenset(str(w).lower() for w in data.get("not_speakers", [])),
            notes=tuple(notes),
        )
    except (KeyError, TypeError, ValueError, AttributeError, re.error) as exc:
        raise BoilerplateError(f"{path.name} has an invalid transcript section: {exc}") from exc


@lru_cache(maxsize=1)
def default_rules() -> TranscriptRules:
    from .boilerplate import read_rules_file

    path = resource_path("boilerplate.yaml")
    return _compile_rules(path, read_rules_file(path))


@dataclass(frozen=True)
class Label:
    end: int  # offset just after the colon
    name: str  # the label as written, without the colon
    upper: bool  # written in capitals ("SECRETARY BLINKEN")


def find_label(line: str, rules: TranscriptRules | None = None) -> Label | None:
    """The speaker label opening ``line``, if any (case is judged later, see ``is_speaker``)."""
    rules = rules or default_rules()
    m = _LABEL.match(line)
    if not m or len(m.group(1)) > MAX_LABEL_CHARS:
        return None
    name = m.group(1).strip()
    if name.lower() in rules.not_speakers or name.lower().rstrip(".") in rules.not_speakers:
        return None
    words = name.split()
    letters = _LETTER.findall(name)
    upper = all(ch.isupper() for ch in letters if ch.isalpha() and ch.lower() != ch.upper())
    if not upper:
        # Mixed case: every word capitalised (bar "of"/"the") and a role word first ("Foreign Minister X").
        if len(words) > MAX_LABEL_WORDS - 2 or words[0].lower().rstrip(".") not in {
                r.rstrip(".") for r in rules.roles}:
            return None
        if not all(w[:1].isupper() or w in {"of", "the", "for", "and"} for w in words):
            return None
    return Label(m.end(), name, upper)


def is_speaker(label: Label, labels_in_text: int, rules: TranscriptRules | None = None) -> bool:
    """Capitals are a speaker when they name a role or the text is a transcript (two labels or more);
    mixed case only in a transcript. "TOKYO: ..." in an ordinary article stays (a dateline style)."""
    rules = rules or default_rules()
    if labels_in_text >= 2:
        return True
    first = label.name.split()[0].lower()
    return label.upper and (first in rules.roles or first.rstrip(".") in rules.roles)


def find_notes(line: str, rules: TranscriptRules | None = None) -> list[tuple[int, int, str]]:
    """(start, end, reason) of each stage note in ``line``."""
    rules = rules or default_rules()
    if "(" not in line and "[" not in line:
        return []
    found = []
    for pattern, reason in rules.notes:
        found.extend((m.start(), m.end(), reason) for m in pattern.finditer(line))
    return sorted(found)
