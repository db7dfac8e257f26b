"""The briefing's timeline: every dated fact, in date order, each event linked to its fact.

An event's text is a short dated clause, not the sentence: the date phrase goes (the date column has it), so
do the opening connective ("Furthermore,", "This comes after"), trailing ", which …" clauses and, in a long
sentence, a closing purpose clause ("… to replenish their inventory"); what is left stays within MAX_WORDS.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from operator import itemgetter

from app.domain import Fact, TimelineEvent
from app.shared.gc_pause import gc_paused

MAX_CHARS = 160
MAX_WORDS = 14
SLACK_WORDS = 2  # a clause this much over MAX_WORDS is kept whole when it has no boundary to end on
MIN_WORDS = 4  # a cut that would leave fewer words than this is not made
_GRANULARITY_ORDER = {"year": 0, "month": 1, "day": 2}
_GRANULARITY_KEY = {k: chr(v) for k, v in _GRANULARITY_ORDER.items()}  # below any character of a date
# Connectives and framing that open a sentence but say nothing on a timeline.
_LEAD = re.compile(
    r"^(?:(?:Furthermore|Moreover|However|Meanwhile|Additionally|In addition|Overall|Also|Still|Typically"
    r"|Before this|Prior to this|As a result|At the same time|Earlier|Previously|Separately|Currently"
    r"|Last (?:week|month|year)|This (?:week|month|year)),\s*"
    r"|(?:This|That|It|The (?:move|meeting|visit|decision|step))\s+(?:comes?|came)\s+(?:after|as|weeks?\s+after"
    r"|months?\s+after|days?\s+after)\s+)", re.IGNORECASE)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Clauses that hang off the end of the event: ", which …", ", who …", "; …", " — …", ", as …", ", while …".
_TAIL = re.compile(r"(?:,\s+(?:which|who|whom|where|while|as|although|though|after|amid|following|because)\b"
                   r"|;\s|\s[\u2014\u2013]\s|\s--\s|,\s+(?:saying|adding|citing|according)\b)", re.IGNORECASE)
# ", officials said", ", the ministry said": attribution belongs in the citation, not the event.
_SAID = re.compile(r",\s+(?:[\w.'’-]+\s+){0,4}(?:said|says|told reporters|added|noted|reported|announced)$")
_PURPOSE = re.compile(r"\s(?:in order to|so as to|to)\s+(?=[a-z])")
# Words after which "to" belongs to the verb ("agreed to buy"), not a purpose clause.
_GOVERNS = frozenset("""agreed agree agrees plan plans planned set expected going want wants wanted aim aims
    aimed decided decide decides continue continues continued is are was were be been began begin begins need
    needs needed able likely due seek seeks sought pledged pledge promised promise vowed vow hopes hoped hope
    try tries tried committed commit moved move moves intends intend intended ready willing sets used
    prepared voted vote asked ask urged urge allowed allow called call yet order""".split())
_CUT_AT = re.compile(r",\s+(?:and|but)\s|,\s|\s(?:and|but|while|as well as)\s(?=[a-z])")
_CUT_BEFORE = re.compile(r"\s(?:on|in|at|for|with|from|by|over|under|into|against|near)\s")  # a phrase
_DANGLING_END = frozenset("the a an of and or to in on at for with by from as that its their his her "
                          "but while".split())
_ALSO = re.compile(r"\s+also\s+", re.IGNORECASE)


def short_text(text: str, limit: int = MAX_CHARS, dates: Iterable[str] = ()) -> str:
    """A fact's sentence as a short timeline clause: date phrases ``dates`` (as written in the sentence),
    opening connective, trailing clauses and final stop removed, at most MAX_WORDS words (cut at a
    clause or phrase boundary, never with "…") and ``limit`` characters."""
    out = " ".join(text.split())
    for phrase in sorted({" ".join(d.split()) for d in dates if d.strip()}, key=len, reverse=True):
        out = _drop_date(out, phrase)
    for _ in range(2):  # "Furthermore, this comes after …"
        lead = _LEAD.match(out)
        if lead is None:
            break
        out = out[lead.end():]
    if " also " in out or " Also " in out:
        out = _ALSO.sub(" ", out)
    out = out.strip(" ,;:")
    tail = _TAIL.search(out) if ("," in out or ";" in out or " -" in out or "\u2014" in out
                                 or "\u2013" in out) else None
    if tail is not None and _words(out[: tail.start()]) >= MIN_WORDS:
        out = out[: tail.start()]
    out = out.rstrip(" .,;:")
    said = _SAID.search(out) if "," in out else None
    if said is not None and _words(out[: said.start()]) >= MIN_WORDS:
        out = out[: said.start()]
    if _words(out) > MAX_WORDS:
        out = _drop_purpose(out).rstrip(" ,;:")
    if _words(out) > MAX_WORDS or len(out) > limit:
        out = _cut(out, limit)
    return _trim_end(out)


def _trim_end(text: str) -> str:
    """Capitalised, with no article, preposition or conjunction left hanging at the end."""
    parts = text.rstrip(" ,;:").split()
    while len(parts) > MIN_WORDS and parts[-1].lower().strip(",") in _DANGLING_END:
        parts.pop()
    out = " ".join(parts).rstrip(" ,;:")
    return out[:1].upper() + out[1:]


def _words(text: str) -> int:
    return len(text.split())


_FRAME_BEFORE = re.compile(
    rf"(?:\b(?:on|in|since|by|during|from|until|as of|earlier in|late in|early in|last|this|of)\s+)?"
    rf"(?:(?:the\s+)?{_WEEKDAY},?\s+)?(?:the\s+)?$", re.IGNORECASE)
_FRAME_AFTER = re.compile(r"(?:\s+of)?")


def _drop_date(text: str, phrase: str) -> str:
    """``text`` without ``phrase`` and the words that only frame it ("On Sunday, … ,", "in", "last")."""
    at = text.find(phrase)
    if at < 0:
        return text
    window = max(0, at - 40)  # the framing words sit just before the phrase: look no further back
    before = _FRAME_BEFORE.search(text, window, at)
    start = before.start() if before is not None and before.end() == at else at
    after = _FRAME_AFTER.match(text, at + len(phrase))
    end = after.end() if after is not None else at + len(phrase)
    left, right = text[:start].rstrip(), text[end:].lstrip()
    if right.startswith(",") and (not left or left.endswith(",")):
        right = right[1:].lstrip()  # "On Sunday, July 28, the …": the date's own commas go with it
    if not left:
        return right[:1].upper() + right[1:] if right else text
    if left.endswith(",") and (right[:1] in ".;:" or not right):
        left = left[:-1]
    if right[:1] in ".,;:" or not right:
        return left + right
    return f"{left} {right}"


def _drop_purpose(text: str) -> str:
    """A long clause without its closing purpose clause ("… PAC-3 missiles to replenish their stock")."""
    for found in _PURPOSE.finditer(text):
        before = text[: found.start()]
        words = before.split()
        if len(words) >= MIN_WORDS + 2 and words[-1].lower() not in _GOVERNS | _DANGLING_END:
            return before
    return text


def _cut(text: str, limit: int) -> str:
    """At most MAX_WORDS words and ``limit`` characters, ended at the last clause or phrase boundary that
    keeps enough words, else at a word, never on an article or preposition."""
    words = text.split()
    head = " ".join(words[:MAX_WORDS])
    if len(head) > limit:
        head = head[:limit].rsplit(" ", 1)[0]
    if len(words) > MAX_WORDS or len(text) > limit:
        for boundary in (_CUT_AT, _CUT_BEFORE):  # a clause boundary, else before a prepositional phrase
            best = max((m.start() for m in boundary.finditer(text, 0, len(head) + 2)
                        if _words(head[: m.start()]) >= MIN_WORDS + 2), default=-1)
            if best > 0:
                head = head[:best]
                break
            if len(words) <= MAX_WORDS + SLACK_WORDS and len(text) <= limit:
                return text  # one or two words over, with no clause to end on: whole beats cut
    return head


def build_timeline(facts: Sequence[Fact]) -> list[TimelineEvent]:
    """One event per (fact, distinct date), ordered by date ("2024" < "2024-03" < "2024-03-05"), then
    coarser granularity first, then the facts' order."""
    with gc_paused():  # thousands of small acyclic objects: no collector passes over the whole briefing
        return _build(facts)


def _build(facts: Sequence[Fact]) -> list[TimelineEvent]:
    # Sort key: the date then its granularity as one string ("2024" + "\x00" sorts before "2024-03" + "\x01",
    # as the pair would); a stable sort keeps the facts' order among equals.
    rows: list[tuple[str, TimelineEvent]] = []
    rank = _GRANULARITY_KEY
    for fact in facts:
        dates = fact.dates
        if not dates:
            continue
        text = short_text(fact.text, dates=[d.text for d in dates])
        fact_id = fact.id
        seen: set[str] = set()
        for d in dates:
            value = d.value
            if value in seen:
                continue
            seen.add(value)
            rows.append((value + rank.get(d.granularity, "\x03"), TimelineEvent(value, d.granularity, text, fact_id)))
    rows.sort(key=itemgetter(0))
    return [r[1] for r in rows]
