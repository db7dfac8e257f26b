"""A fact cut to its main clause: no leading date or connective, no trailing subordinate clause.

Used where a memo needs the gist of a sentence rather than the whole of it (the drafted summary)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

RESOURCE = Path(__file__).resolve().parents[2] / "resources" / "summary.yaml"
MIN_WORDS = 5  # a cut that leaves fewer words than this keeps the sentence whole
MIN_CUT_WORDS = 3  # a summary clause cut at a trailing phrase keeps at least subject, verb and object

_WEEKDAYS = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# "On Sunday, July 28th 2024," "In January," "Last week," "Earlier this month," "On 28 July,"
_LEAD_DATE = re.compile(
    rf"^(?:(?:on|in|by|since|during|earlier|later|last|this|early|late)\s+)?(?:this\s+|last\s+|next\s+)?"
    rf"(?:{_WEEKDAYS},?\s*)?(?:(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}"
    rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?|{_WEEKDAYS}|week|month|year|\d{{4}})"
    rf"(?:,?\s+\d{{4}})?\s*,\s+", re.IGNORECASE)


@lru_cache(maxsize=1)
def rules() -> dict:
    try:
        data = yaml.safe_load(RESOURCE.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=1)
def _lead_pattern() -> re.Pattern[str]:
    words = sorted((str(w) for w in rules().get("lead_phrases", []) or []), key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words) or r"(?!x)x"
    return re.compile(rf"^(?:{alternatives})\s*,\s+", re.IGNORECASE)


# "With North Korea and China in mind, the leaders ...": an opening phrase the gist does without.
_LEAD_PHRASE = re.compile(r"^(?:with|amid|following|after|before|during|despite|under|in line with|as part of|"
                          r"in a (?:joint )?(?:statement|press conference|speech|call)|at the (?:meeting|talks|summit))"
                          r"\b[^,;:]{2,70},\s+(?=(?:the|a|an|both|they|[A-Z]))", re.IGNORECASE)
_ALSO = re.compile(r"^((?:[^\s,;:]+\s+){1,6}?)(?<!but )(?<!not only )also\s+")
_OPENS_PHRASE = frozenset("""with as in on at for after before amid while although though because if when despite
    following to of from by including especially such which who where whose""".split())


_LEFT_OPEN = frozenset("""particularly especially notably including mainly mostly largely chiefly even also
    such the a an and or nor but of to than very more most""".split())


def _sound(kept: str) -> bool:
    """A cut leaves a clause, not a phrase: it opens with no preposition or subordinator, and its last part
    is not an aside left open ("Japan has decided, as a means of support")."""
    words = kept.split()
    if len(words) < MIN_CUT_WORDS or words[0].lower() in _OPENS_PHRASE:
        return False
    if words[-1].lower().strip(",;:") in _LEFT_OPEN:
        return False  # "unity going forward, particularly" promised more than it gives
    last = kept.rsplit(", ", 1)
    return len(last) == 1 or last[1].split()[0].lower() not in _OPENS_PHRASE


def _leaves_clause(rest: str) -> bool:
    """The cut of an opening phrase ended at its own comma, not inside an apposition: "After talks with the
    Ukrainian president, Volodymyr Zelensky, at the summit, Starmer said" must not lose only its first part.
    What is left opens with a run of capitalised words (a name) closed by a comma: the phrase went on."""
    head = rest.split(",", 1)
    if len(head) == 1:
        return True
    words = head[0].split()
    return not (words and len(words) <= 4 and all(w[:1].isupper() for w in words))


def _trailing_markers() -> list[str]:
    return [str(m) for m in rules().get("trailing_clauses", []) or [] if str(m).strip()]


def main_clause(sentence: str) -> str:
    """``"On Sunday, July 28, the ministers agreed to X, which will Y."`` -> ``"The ministers agreed to X."``"""
    text = " ".join(sentence.split()).rstrip()
    end = text[-1] if text[-1:] in ".!?" else "."
    text = text.rstrip(".!? ")
    for _ in range(3):  # "Furthermore, on Sunday, ..." sheds both
        cut = _lead_pattern().sub("", text, count=1)
        cut = _LEAD_DATE.sub("", cut, count=1)
        phrase = _LEAD_PHRASE.sub("", cut, count=1)
        if _leaves_clause(phrase):
            cut = phrase
        if cut == text:
            break
        if len(cut.split()) >= MIN_WORDS:
            text = cut
        else:
            break
    text = _ALSO.sub(r"\1", text, count=1)  # "the leaders also agreed": the summary has no antecedent
    lowered = text.lower()
    best = len(text)
    for marker in _trailing_markers():
        at = lowered.find(marker.lower())
        if at > 0 and len(text[:at].split()) >= MIN_WORDS:
            best = min(best, at)
    text = text[:best].rstrip(" ,;:")
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text + end if text else ""


def is_outcome(text: str) -> bool:
    """True when the wording reports an outcome (agreed, signed, announced, ...) per resources/summary.yaml."""
    return bool(_outcome_pattern().search(text))


@lru_cache(maxsize=1)
def _outcome_pattern() -> re.Pattern[str]:
    cues = sorted((str(c) for c in rules().get("outcome_cues", []) or []), key=len, reverse=True)
    alternatives = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues) or r"(?!x)x"
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


_TRAILING_PHRASE = re.compile(r"\s(?:in|at|on|for|with|from|during|after|before|by|over|under|near|amid|about)\s",
                              re.IGNORECASE)


def shorter_clause(sentence: str) -> str:
    """The main clause, cut further when that leaves the sentence whole: the last trailing phrase ("... in
    Tokyo", "..., and X") goes, so a summary sentence never repeats a bullet word for word. "" when no cut
    keeps MIN_WORDS words."""
    whole = " ".join(sentence.split())
    clause = main_clause(whole)
    if _words(clause) != _words(whole):
        return clause
    body = clause.rstrip(".!? ")
    cuts = [m.start() for m in _TRAILING_PHRASE.finditer(body)]
    # not inside a name or a list of capitalised words: "Roles, Missions, Capabilities (RMC) Working Group"
    cuts += [i for i, step in ((body.rfind(", "), 2), (body.rfind(" and "), 5))
             if i > 0 and not body[i + step:i + step + 1].isupper()]
    for at in sorted(cuts, reverse=True):
        kept = body[:at].rstrip(" ,;:")
        if _sound(kept):
            return kept + "."
    return ""


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
