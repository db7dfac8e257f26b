"""A frozen briefing is independent of every edit the app makes to the live one."""

from __future__ import annotations

import copy
import dataclasses

from app.domain import Article, Briefing, Entity, Event, Fact, MemoMeta, RemovedPart, SourceSpan, TimelineEvent
from app.domain.snapshot import freeze


def _briefing() -> Briefing:
    art = Article("a1", "a.txt", "Title", "One sentence here. Two.", removed=[RemovedPart("Ad", "promotion", 0)])
    fact = Fact("F001", "One sentence here.", "other", sources=[SourceSpan("a1", 0, 18)])
    return Briefing([art], [fact], MemoMeta(subject="S"), [Entity("person", "Jane Doe")],
                    [TimelineEvent("2024-07-28", "day", "One sentence", "F001")],
                    [Event("E1", "summit", parties=["Japan"], main=True, fact_ids=["F001"])])


def test_edits_to_the_live_briefing_never_reach_the_snapshot():
    live = _briefing()
    frozen = freeze(live)
    before = copy.deepcopy(frozen)
    live.facts[0].text = "Edited"
    live.facts[0].included = False
    live.facts[0].sources.append(SourceSpan("a1", 19, 23))
    live.facts.append(Fact("F002", "New", "other"))
    live.articles[0].text = "Restored text. " + live.articles[0].text
    del live.articles[0].removed[0]
    live.memo.subject = "Changed"
    live.entities[0].included = False
    live.entities[0].aliases.append("J. Doe")
    assert frozen == before


def test_the_snapshot_equals_the_briefing_and_shares_immutable_parts():
    live = _briefing()
    frozen = freeze(live)
    assert frozen == live
    assert frozen.facts[0] is not live.facts[0]
    assert frozen.facts[0].sources[0] is live.facts[0].sources[0]  # frozen dataclasses are shared


def test_every_part_of_the_briefing_is_in_the_snapshot():
    """A field left out (the events once were) silently changes what the preview draws."""
    live = _briefing()
    frozen = freeze(live)
    for f in dataclasses.fields(Briefing):
        assert getattr(live, f.name), f"the sample briefing should fill {f.name}"
        assert getattr(frozen, f.name) == getattr(live, f.name), f.name
    assert frozen.main_event() is not None and frozen.events[0] is not live.events[0]
