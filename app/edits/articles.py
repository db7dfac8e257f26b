"""Edits to articles and their sources: restore text the cleaner removed, add a fact from a selected span.

Qt-free. Where a removed part goes back: the cleaned text is the raw text minus the removed parts, with
whitespace normalised, so walking both texts in step (ignoring whitespace) maps each removed part's raw offset
to the cleaned position right after the last kept character before it. Restoring inserts the part there and
shifts every later SourceSpan of that article, so all other facts still cite the same sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain import Article, Briefing, Fact, RemovedPart, SourceSpan
from app.edits.base import Edit, EditError, new_fact_id

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACE_END = re.compile(r"[^\S\n]+\Z")  # spaces (any kind but newline) at the end
_SPACE_START = re.compile(r"\A[^\S\n]+")


def _skippable(ch: str) -> bool:
    return ch.isspace() or ch in _INVISIBLE


@dataclass(frozen=True)
class Placement:
    """Removed part ``index`` goes back as ``insert`` at ``pos`` of the cleaned text."""

    index: int
    part: RemovedPart
    pos: int
    insert: str  # the part's text with the separator it needs (newline(s) or a space)
    lead: int  # characters of ``insert`` before the part's own text


def _locatable(raw: str, part: RemovedPart) -> bool:
    return part.start >= 0 and raw[part.start : part.start + len(part.text)] == part.text


def _insertion(text: str, raw: str, part: RemovedPart, pos: int) -> tuple[int, str, int]:
    """Move ``pos`` and add separators so the restored part reads as it did in the raw text."""
    if not _locatable(raw, part):  # unknown origin: a paragraph at the end
        return len(text), ("\n\n" if text else "") + part.text, 2 if text else 0
    before = _SPACE_END.sub("", raw[: part.start])
    after = _SPACE_START.sub("", raw[part.start + len(part.text) :])
    at_start = not before or before.endswith("\n")
    at_end = not after or after.startswith("\n")
    if at_start and at_end:  # a whole line or paragraph
        if pos == 0:
            return 0, part.text + ("\n\n" if text else ""), 0
        sep = "\n\n" if before.endswith("\n\n") else "\n"
        return pos, sep + part.text, len(sep)
    if at_start:  # e.g. a dateline prefix: it opens its line
        while pos < len(text) and _skippable(text[pos]):
            pos += 1
        return pos, part.text + " ", 0
    if pos > 0 and not text[pos - 1].isspace():
        return pos, " " + part.text, 1
    return pos, part.text + " ", 0


def placements(article: Article) -> list[Placement]:
    """Every removed part of ``article`` with its insertion point in the cleaned text, in text order."""
    raw, text = article.raw_text, article.text
    order = sorted(range(len(article.removed)),
                   key=lambda k: (not _locatable(raw, article.removed[k]), article.removed[k].start))
    rank = {k: n for n, k in enumerate(order)}
    out: list[Placement] = []
    i = j = 0  # i walks the raw text; j is just after the last cleaned character matched
    for k in order:
        part = article.removed[k]
        if _locatable(raw, part):
            while i < part.start:
                ch = raw[i]
                i += 1
                if _skippable(ch):
                    continue
                m = j
                while m < len(text) and _skippable(text[m]):
                    m += 1
                if m < len(text) and text[m] == ch:
                    j = m + 1
                # else: a raw character dropped without a record (e.g. normalised away): skip it
            i = max(i, part.start + len(part.text))
        pos, insert, lead = _insertion(text, raw, part, j)
        out.append(Placement(k, part, pos, insert, lead))
    return sorted(out, key=lambda p: (p.pos, rank[p.index]))


def placement(article: Article, index: int) -> Placement:
    for place in placements(article):
        if place.index == index:
            return place
    raise EditError(f"Nothing was removed there from {article.title or article.id}")


# -- spans and fact placement ------------------------------------------------------------------------------
def shift_spans(facts: list[Fact], article_id: str, pos: int, delta: int) -> None:
    """``delta`` characters were inserted (> 0) or cut (< 0) at ``pos`` of an article: move its spans."""
    for fact in facts:
        if any(s.article_id == article_id for s in fact.sources):
            fact.sources = [
                SourceSpan(article_id, s.start + delta if s.start >= pos else s.start,
                           s.end + delta if s.end > pos else s.end) if s.article_id == article_id else s
                for s in fact.sources
            ]


def insert_position(facts: list[Fact], fact: Fact) -> int:
    """In its section, before the first fact drawn from later in the same article, else at its end."""
    same = [i for i, f in enumerate(facts) if f.section == fact.section]
    if not same:
        return len(facts)
    if fact.sources:
        span = fact.sources[0]
        for i in same:
            first = facts[i].sources[0] if facts[i].sources else None
            if first is not None and first.article_id == span.article_id and first.start > span.start:
                return i
    return same[-1] + 1


def facts_for_text(article: Article, start: int, end: int) -> list[Fact]:
    """Facts the extractor draws from ``article.text[start:end]`` alone, with spans into the whole text."""
    from app.extract.facts import extract_facts

    piece = Article(id=article.id, path=article.path, title=article.title, text=article.text[start:end],
                    outlet=article.outlet, published=article.published)
    found = extract_facts([piece])
    for fact in found:
        fact.sources = [SourceSpan(s.article_id, s.start + start, s.end + start) for s in fact.sources]
    return found


def fact_for_span(article: Article, start: int, end: int) -> Fact:
    """One ticked fact whose text is ``article.text[start:end]`` (whitespace tidied), citing that span."""
    text = " ".join(article.text[start:end].split())
    found = facts_for_text(article, start, end)
    if len(found) == 1:
        section, score, status = found[0].section, found[0].score, found[0].status
    else:  # several sentences, or too short for the extractor: classify the whole selection
        from app.extract.modality import sentence_status
        from app.extract.topics import default_taxonomy

        section, score, status = default_taxonomy().classify(text), 0.0, sentence_status(text)
    return Fact(id="", text=text, section=section, score=score, included=True,
                sources=[SourceSpan(article.id, start, end)], status=status)


# -- edits -------------------------------------------------------------------------------------------------
class RemoveFactsById(Edit):
    """Take facts out (the inverse of adding them); the inverse puts them back where they were."""

    def __init__(self, fact_ids: list[str], text: str) -> None:
        self.fact_ids, self.text = list(fact_ids), text

    def apply(self, briefing: Briefing) -> Edit:
        wanted = set(self.fact_ids)
        placed = [(i, f) for i, f in enumerate(briefing.facts) if f.id in wanted]
        briefing.facts[:] = [f for f in briefing.facts if f.id not in wanted]
        return InsertFacts([f for _, f in placed], self.text, [i for i, _ in placed])


class InsertFacts(Edit):
    """Put facts in at ``positions`` (ascending), or where their section and source say when None."""

    def __init__(self, facts: list[Fact], text: str, positions: list[int] | None = None) -> None:
        self.facts, self.text, self.positions = list(facts), text, positions

    def apply(self, briefing: Briefing) -> Edit:
        if self.positions is None:
            for fact in self.facts:
                briefing.facts.insert(insert_position(briefing.facts, fact), fact)
        else:
            for pos, fact in zip(self.positions, self.facts, strict=True):
                briefing.facts.insert(min(pos, len(briefing.facts)), fact)
        return RemoveFactsById([f.id for f in self.facts], self.text)


class AddFactFromSpan(Edit):
    """A new ticked fact citing ``article.text[start:end]`` ("Add as fact" on a selection in the viewer)."""

    text = "Add fact from selection"

    def __init__(self, article_id: str, start: int, end: int) -> None:
        self.article_id, self.start, self.end = article_id, start, end
        self.fact: Fact | None = None  # made on first apply; redo re-adds the same fact

    def apply(self, briefing: Briefing) -> Edit:
        if self.fact is None:
            article = briefing.article(self.article_id)
            if article is None or not 0 <= self.start < self.end <= len(article.text):
                raise EditError("The selection is not inside a loaded article")
            if not article.text[self.start : self.end].strip():
                raise EditError("Select some words of the article first")
            self.fact = fact_for_span(article, self.start, self.end)
            self.fact.id = new_fact_id(briefing)
        return InsertFacts([self.fact], self.text).apply(briefing)


class RestoreRemovedText(Edit):
    """Put removed part ``index`` back into its article, shift later spans, add the facts drawn from it.

    The new facts start unticked: restoring says the text belongs in the article, not yet in the memo.
    """

    text = "Restore removed text"

    def __init__(self, article_id: str, index: int, new_facts: list[Fact] | None = None) -> None:
        self.article_id, self.index = article_id, index
        self.new_facts = new_facts  # fixed on first apply so redo brings back the same ids

    def apply(self, briefing: Briefing) -> Edit:
        article = briefing.article(self.article_id)
        if article is None or not 0 <= self.index < len(article.removed):
            raise EditError("That removed text is no longer there to restore")
        place = placement(article, self.index)
        article.text = article.text[: place.pos] + place.insert + article.text[place.pos :]
        del article.removed[self.index]
        shift_spans(briefing.facts, article.id, place.pos, len(place.insert))
        if self.new_facts is None:
            begin = place.pos + place.lead
            self.new_facts = facts_for_text(article, begin, begin + len(place.part.text))
            taken: set[str] = set()
            for fact in self.new_facts:
                fact.id, fact.included = new_fact_id(briefing, taken), False
                taken.add(fact.id)
        InsertFacts(self.new_facts, self.text).apply(briefing)
        return _UnrestoreRemovedText(self, place)


class _UnrestoreRemovedText(Edit):
    """Cut the restored text out again and drop the facts drawn from it."""

    def __init__(self, restore: RestoreRemovedText, place: Placement) -> None:
        self.restore, self.place, self.text = restore, place, restore.text

    def apply(self, briefing: Briefing) -> Edit:
        article = briefing.article(self.restore.article_id)
        if article is None:
            raise EditError("The article is no longer loaded")
        RemoveFactsById([f.id for f in self.restore.new_facts or []], self.text).apply(briefing)
        pos, length = self.place.pos, len(self.place.insert)
        article.text = article.text[:pos] + article.text[pos + length :]
        shift_spans(briefing.facts, article.id, pos + length, -length)
        article.removed.insert(self.restore.index, self.place.part)
        return self.restore
