"""Edits to the fact list: wording, ticks, order and section, add, delete, merge, split, reload.

Every edit returns its exact inverse. Structural edits (order, add, delete, merge, split) change
``briefing.facts`` in place (slice assignment), so views holding that list stay attached to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from app.domain import Article, Briefing, Entity, Event, Fact, TimelineEvent
from app.edits.base import Edit, EditError, find_fact, new_fact_id, plural


def section_title(key: str) -> str:
    """The reader's name of a section key ("deterrence" -> "Deterrence")."""
    try:
        from app.extract.topics import default_taxonomy

        return default_taxonomy().title(key)
    except Exception:  # noqa: BLE001 - a title is cosmetic; never fail an edit over it
        return key.replace("_", " ").capitalize()


def normalise_text(text: str) -> str:
    """Collapse runs of spaces inside lines, keep single line breaks the user typed, trim."""
    lines = [" ".join(line.split()) for line in str(text or "").splitlines()]
    return "\n".join(line for line in lines if line)


class SetFactText(Edit):
    """New memo wording for one fact ("Edit fact"): sets ``memo_text`` and marks it the analyst's
    (``memo_edited``), so no redraft rewrites it; ``text`` keeps the source wording. ``typing=True`` lets
    consecutive edits merge into one step."""

    def __init__(self, fact_id: str, text: str, typing: bool = False, edited: bool = True) -> None:
        self.fact_id, self.new_text, self.edited = fact_id, text, edited
        self.source_text: str | None = None
        self.text = "Edit fact"
        self.merge_key = ("fact-text", fact_id) if typing else None

    def apply(self, briefing: Briefing) -> Edit:
        fact = find_fact(briefing, self.fact_id)
        inverse = SetFactText(self.fact_id, fact.memo_text, edited=fact.memo_edited)
        inverse.source_text, inverse.merge_key = fact.text, self.merge_key
        fact.memo_text, fact.memo_edited = self.new_text, self.edited
        if self.source_text is not None:  # undoing the edit of a hand-added fact
            fact.text = self.source_text
        elif not fact.sources:  # a fact added by hand has no source wording: its words are the analyst's
            fact.text = self.new_text or fact.text
        return inverse

    def is_noop(self, briefing: Briefing) -> bool:
        return find_fact(briefing, self.fact_id).memo_wording() == self.new_text


class SetTicks(Edit):
    """Tick or untick facts: ``ticks`` maps fact id -> included. Text "Tick fact" / "Untick 3 facts"."""

    def __init__(self, ticks: Mapping[str, bool], text: str | None = None) -> None:
        self.ticks = dict(ticks)
        self.text = text or self._describe()

    def _describe(self) -> str:
        values = set(self.ticks.values())
        verb = "Change ticks of" if len(values) > 1 else ("Tick" if values == {True} else "Untick")
        return f"{verb} {plural(len(self.ticks), 'fact')}"

    def apply(self, briefing: Briefing) -> Edit:
        by_id = {f.id: f for f in briefing.facts} if len(self.ticks) > 1 else None
        old: dict[str, bool] = {}
        for fid in self.ticks:
            fact = by_id.get(fid) if by_id is not None else None
            if fact is None:
                fact = find_fact(briefing, fid)  # raises before anything changed for a lone missing fact
            old[fid] = fact.included
        for fid, value in self.ticks.items():
            (by_id[fid] if by_id is not None else find_fact(briefing, fid)).included = value
        return SetTicks(old, self.text)

    def is_noop(self, briefing: Briefing) -> bool:
        by_id = {f.id: f for f in briefing.facts}
        return all(fid in by_id and by_id[fid].included == v for fid, v in self.ticks.items())


class ArrangeFacts(Edit):
    """Put the facts in ``order`` (all fact ids, a permutation) and give some a new section."""

    def __init__(self, order: Sequence[str], sections: Mapping[str, str], text: str) -> None:
        self.order, self.sections, self.text = list(order), dict(sections), text

    def apply(self, briefing: Briefing) -> Edit:
        by_id = {f.id: f for f in briefing.facts}
        if len(self.order) != len(briefing.facts) or set(self.order) != set(by_id):
            raise EditError("The fact list has changed since this move; it cannot be undone")
        missing = [fid for fid in self.sections if fid not in by_id]
        if missing:
            raise EditError(f"The fact {missing[0]} is no longer in the briefing")
        old_order = [f.id for f in briefing.facts]
        old_sections = {fid: by_id[fid].section for fid in self.sections}
        for fid, key in self.sections.items():
            by_id[fid].section = key
        briefing.facts[:] = [by_id[fid] for fid in self.order]
        return ArrangeFacts(old_order, old_sections, self.text)

    def is_noop(self, briefing: Briefing) -> bool:
        """True when every section would list the same facts in the same order (what the memo shows)."""
        by_id = {f.id: f for f in briefing.facts}
        if set(self.order) != set(by_id):
            return False
        if any(by_id[fid].section != key for fid, key in self.sections.items()):
            return False
        now: dict[str, list[str]] = {}
        for fact in briefing.facts:
            now.setdefault(fact.section, []).append(fact.id)
        then: dict[str, list[str]] = {}
        for fid in self.order:
            then.setdefault(by_id[fid].section, []).append(fid)
        return now == then


def move_facts(briefing: Briefing, ids: Iterable[str], section: str | None = None,
               before_id: str | None = None, after_id: str | None = None, text: str | None = None) -> Edit:
    """Move ``ids`` (kept in their current order) as a block into ``section`` (default: the first one's).

    The block lands before ``before_id`` or after ``after_id`` (facts outside the block), else after the last
    fact of the section.
    """
    wanted = set(ids)
    block = [f for f in briefing.facts if f.id in wanted]
    if not block or len(block) != len(wanted):
        raise EditError("Some of the facts to move are no longer in the briefing")
    target = section or block[0].section
    rest = [f for f in briefing.facts if f.id not in wanted]
    position = len(rest)
    anchor = before_id or after_id
    if anchor is not None:
        at = next((i for i, f in enumerate(rest) if f.id == anchor), None)
        if at is None:
            raise EditError(f"The fact {anchor} is no longer in the briefing")
        position = at if before_id is not None else at + 1
    else:
        last = [i for i, f in enumerate(rest) if f.section == target]
        if last:
            position = last[-1] + 1
    order = [f.id for f in rest[:position]] + [f.id for f in block] + [f.id for f in rest[position:]]
    changed = {f.id: target for f in block if f.section != target}
    if text is None:
        what = plural(len(block), "fact")
        text = f"Move {what} to {section_title(target)}" if changed else f"Move {what}"
    return ArrangeFacts(order, changed, text)


class InsertFacts(Edit):
    """Insert facts at list positions (``items`` ascending by position, positions in the final list)."""

    def __init__(self, items: Sequence[tuple[int, Fact]], text: str) -> None:
        self.items, self.text = sorted(items, key=lambda item: item[0]), text

    def apply(self, briefing: Briefing) -> Edit:
        taken = {f.id for f in briefing.facts}
        clash = [fact.id for _, fact in self.items if fact.id in taken]
        if clash:
            raise EditError(f"A fact with the id {clash[0]} is already in the briefing")
        for position, fact in self.items:
            briefing.facts.insert(min(position, len(briefing.facts)), fact)
        return RemoveFacts([fact.id for _, fact in self.items], self.text)


class RemoveFacts(Edit):
    """Delete facts ("Delete 3 facts"); the inverse puts the same objects back where they were."""

    def __init__(self, ids: Iterable[str], text: str | None = None) -> None:
        self.ids = list(ids)
        self.text = text or f"Delete {plural(len(self.ids), 'fact')}"

    def apply(self, briefing: Briefing) -> Edit:
        wanted = set(self.ids)
        removed = [(i, f) for i, f in enumerate(briefing.facts) if f.id in wanted]
        if len(removed) != len(wanted):
            raise EditError("Some of the facts to delete are no longer in the briefing")
        briefing.facts[:] = [f for f in briefing.facts if f.id not in wanted]
        return InsertFacts(removed, self.text)


class ReplaceFacts(Edit):
    """Swap the whole fact list for another (merge, split): the inverse swaps the old objects back."""

    def __init__(self, facts: Sequence[Fact], text: str) -> None:
        self.facts, self.text = list(facts), text

    def apply(self, briefing: Briefing) -> Edit:
        old = list(briefing.facts)
        briefing.facts[:] = self.facts
        return ReplaceFacts(old, self.text)


def add_fact(briefing: Briefing, section: str, text: str = "New fact",
             after_id: str | None = None) -> tuple[Edit, str]:
    """A manual fact (no sources) after ``after_id`` or at the end of ``section``; returns (edit, new id)."""
    fid = new_fact_id(briefing)
    fact = Fact(fid, text, section, score=0.0, included=True, sources=[], status="reported")
    facts = briefing.facts
    if after_id is not None:
        position = next((i + 1 for i, f in enumerate(facts) if f.id == after_id), len(facts))
    else:
        last = [i for i, f in enumerate(facts) if f.section == section]
        position = last[-1] + 1 if last else len(facts)
    return InsertFacts([(position, fact)], "Add fact"), fid


def _unique(items: Iterable) -> list:
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def merge_facts(briefing: Briefing, ids: Iterable[str]) -> Edit:
    """Two or more facts become one, where the first was: texts joined, sources, mentions and dates united."""
    wanted = set(ids)
    parts = [f for f in briefing.facts if f.id in wanted]
    if len(parts) < 2 or len(parts) != len(wanted):
        raise EditError("Select two or more facts to merge")
    first = parts[0]
    merged = replace(
        first,
        text=" ".join(p.text.strip() for p in parts if p.text.strip()),
        memo_text=" ".join(p.memo_wording().strip() for p in parts if p.memo_wording().strip()),
        memo_edited=any(p.memo_edited for p in parts), needs_context=False,
        score=max(p.score for p in parts),
        included=any(p.included for p in parts),
        sources=_unique(s for p in parts for s in p.sources),
        entities=_unique(m for p in parts for m in p.entities),
        dates=_unique(d for p in parts for d in p.dates),
        conflicts=_unique(c for p in parts for c in p.conflicts if c.fact_id not in wanted),
    )
    out = [merged if f is first else f for f in briefing.facts if f is first or f.id not in wanted]
    return ReplaceFacts(out, f"Merge {plural(len(parts), 'fact')}")


_SENTENCE_END = re.compile(r"[.!?](?:[\"'”’)\]]*)\s+")


def default_split_point(text: str) -> int | None:
    """Where to split a fact when no cursor says: the sentence end nearest the middle, if any."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if 0 < m.end() < len(text.rstrip())]
    if not ends:
        return None
    middle = len(text) / 2
    return min(ends, key=lambda e: abs(e - middle))


def split_fact(briefing: Briefing, fact_id: str, at: int, text: str | None = None) -> tuple[Edit, str]:
    """Split a fact's text (``text`` if given: the wording being edited) at ``at`` into two facts that keep
    the same sources; the second gets a new id, returned with the edit."""
    fact = find_fact(briefing, fact_id)
    whole = fact.memo_wording() if text is None else text
    head, tail = normalise_text(whole[:at]), normalise_text(whole[at:])
    if not head or not tail:
        raise EditError("Put the cursor inside the text where the fact should be split")
    second_id = new_fact_id(briefing)

    def keep(mentions: list, part: str) -> list:
        return [m for m in mentions if m.text in part] or []

    # The halves are the analyst's: both wordings are the split memo wording.
    one = replace(fact, text=head, memo_text=head, memo_edited=True, needs_context=False,
                  entities=keep(fact.entities, head), dates=keep(fact.dates, head),
                  sources=list(fact.sources), conflicts=list(fact.conflicts))
    two = replace(fact, id=second_id, text=tail, memo_text=tail, memo_edited=True, needs_context=False,
                  entities=keep(fact.entities, tail), dates=keep(fact.dates, tail),
                  sources=list(fact.sources), conflicts=list(fact.conflicts))
    out: list[Fact] = []
    for f in briefing.facts:
        out.extend((one, two) if f is fact else (f,))
    return ReplaceFacts(out, "Split fact"), second_id


class ReplaceContent(Edit):
    """Articles, facts, entities, timeline and events all at once (loading articles: "Add 2 articles").

    ``memo`` sets memo header fields in the same step (a load fills an empty subject and date), so no moment
    exists at which the new articles are in the briefing but the header that goes with them is not.
    """

    def __init__(self, articles: Sequence[Article], facts: Sequence[Fact], entities: Sequence[Entity],
                 timeline: Sequence[TimelineEvent], text: str, memo: Mapping[str, object] | None = None,
                 events: Sequence[Event] = ()) -> None:
        self.articles, self.facts = list(articles), list(facts)
        self.entities, self.timeline, self.text = list(entities), list(timeline), text
        self.memo = dict(memo or {})
        self.events = list(events)

    def apply(self, briefing: Briefing) -> Edit:
        old_memo = {name: getattr(briefing.memo, name) for name in self.memo}
        inverse = ReplaceContent(briefing.articles, briefing.facts, briefing.entities, briefing.timeline,
                                 self.text, old_memo, briefing.events)
        # New lists, not slice assignment: a loader worker may still be reading the old article list.
        briefing.articles, briefing.facts = list(self.articles), list(self.facts)
        briefing.entities, briefing.timeline = list(self.entities), list(self.timeline)
        briefing.events = list(self.events)
        for name, value in self.memo.items():
            setattr(briefing.memo, name, value)
        return inverse


__all__ = [
    "ArrangeFacts", "InsertFacts", "RemoveFacts", "ReplaceContent", "ReplaceFacts", "SetFactText", "SetTicks",
    "add_fact", "default_split_point", "merge_facts", "move_facts", "normalise_text", "section_title",
    "split_fact",
]
