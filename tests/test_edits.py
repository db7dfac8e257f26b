"""Qt-free edits: each one changes the briefing as described and its inverse restores it exactly."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from app.domain import (
    Article,
    Briefing,
    Conflict,
    DateMention,
    Entity,
    Fact,
    Mention,
    SourceSpan,
    TimelineEvent,
)
from app.edits import CompositeEdit, Edit, EditError, new_fact_id, plural
from app.edits.facts import (
    ArrangeFacts,
    InsertFacts,
    RemoveFacts,
    ReplaceContent,
    ReplaceFacts,
    SetFactText,
    SetTicks,
    add_fact,
    default_split_point,
    merge_facts,
    move_facts,
    normalise_text,
    split_fact,
)

TEXT = "Kihara met Austin in Tokyo on 28 July. They agreed to upgrade US Forces Japan. Critics doubted it."


def _briefing() -> Briefing:
    art = Article("A1", "/x/a1.txt", "Allies meet", TEXT, "Daily Wire", date(2024, 7, 28))
    art2 = Article("A2", "/x/a2.txt", "Command upgrade", "US Forces Japan will be upgraded.", "Harbour News")
    facts = [
        Fact("F001", "Kihara met Austin in Tokyo on 28 July.", "participants", 0.9, True,
             [SourceSpan("A1", 0, 38)],
             entities=[Mention("Kihara", "person", "Minoru Kihara"),
                       Mention("Austin", "person", "Lloyd Austin")],
             dates=[DateMention("28 July", "2024-07-28", "day")]),
        Fact("F002", "They agreed to upgrade US Forces Japan.", "command_and_control", 0.8, True,
             [SourceSpan("A1", 39, 78)], entities=[Mention("US Forces Japan", "organisation", "USFJ")],
             conflicts=[Conflict("F003", "different timing")]),
        Fact("F003", "US Forces Japan will be upgraded.", "command_and_control", 0.6, False,
             [SourceSpan("A2", 0, 33)], conflicts=[Conflict("F002", "different timing")]),
        Fact("F004", "Critics doubted it.", "political_context", 0.2, False, [SourceSpan("A1", 79, 98)],
             status="opinion"),
        Fact("F005", "The ministers met in Tokyo.", "participants", 0.5, True, [SourceSpan("A1", 0, 38)]),
    ]
    return Briefing([art, art2], facts, entities=[Entity("person", "Minoru Kihara")],
                    timeline=[TimelineEvent("2024-07-28", "day", "Meeting", "F001")])


def _roundtrip(edit: Edit, briefing: Briefing | None = None) -> tuple[Briefing, Briefing, Edit]:
    """Apply, check something changed, apply the inverse, check the briefing is back exactly; then redo."""
    b = briefing or _briefing()
    before = copy.deepcopy(b)
    inverse = edit.apply(b)
    after = copy.deepcopy(b)
    assert after != before, "the edit changed nothing"
    assert inverse.text == edit.text
    redo = inverse.apply(b)
    assert b == before
    redo.apply(b)
    assert b == after  # redo after undo gives the same result again
    return before, after, inverse


def _ids(b: Briefing) -> list[str]:
    return [f.id for f in b.facts]


def test_set_fact_text_roundtrip_and_merge_key():
    before, after, _ = _roundtrip(SetFactText("F002", "They agreed to upgrade USFJ."))
    # The memo wording changes and becomes the analyst's; the source wording stays as it was.
    assert after.facts[1].memo_text == "They agreed to upgrade USFJ." and after.facts[1].memo_edited
    assert after.facts[1].text == before.facts[1].text
    assert SetFactText("F001", "x").text == "Edit fact" and SetFactText("F001", "x").merge_key is None
    typing = SetFactText("F001", "x", typing=True)
    assert typing.merge_key == ("fact-text", "F001")
    assert typing.apply(_briefing()).merge_key == typing.merge_key
    assert SetFactText("F001", "Kihara met Austin in Tokyo on 28 July.").is_noop(_briefing())


def test_set_ticks_roundtrip_and_texts():
    _, after, _ = _roundtrip(SetTicks({"F003": True, "F004": True}))
    assert after.facts[2].included and after.facts[3].included
    assert SetTicks({"F001": True}).text == "Tick fact"
    assert SetTicks({"F001": False, "F002": False, "F005": False}).text == "Untick 3 facts"
    assert SetTicks({"F001": False, "F003": True}).text == "Change ticks of 2 facts"
    assert SetTicks({"F001": True}, "Tick all in Participants").text == "Tick all in Participants"
    assert SetTicks({"F001": True}).is_noop(_briefing())


def test_move_within_section_and_to_another_section():
    b = _briefing()
    up = move_facts(b, ["F005"], "participants", before_id="F001", text="Move fact up")
    assert up.text == "Move fact up"
    _, after, _ = _roundtrip(up, b)
    assert _ids(after) == ["F005", "F001", "F002", "F003", "F004"]
    b = _briefing()
    edit = move_facts(b, ["F001", "F004"], "deterrence")
    assert edit.text == "Move 2 facts to Deterrence"
    _, after, _ = _roundtrip(edit, b)
    assert [f.section for f in after.facts if f.id in ("F001", "F004")] == ["deterrence", "deterrence"]
    # Into a section after one of its facts, keeping the block's order.
    b = _briefing()
    edit = move_facts(b, ["F004", "F001"], "command_and_control", after_id="F002")
    assert edit.text == "Move 2 facts to Command and control"
    edit.apply(b)
    assert _ids(b) == ["F002", "F001", "F004", "F003", "F005"]
    assert move_facts(b, ["F002"], text="Move fact").text == "Move fact"


def test_move_refuses_missing_facts_and_stale_orders():
    b = _briefing()
    with pytest.raises(EditError):
        move_facts(b, ["F404"], "threats")
    stale = ArrangeFacts(["F001", "F002"], {}, "Move fact")
    with pytest.raises(EditError):
        stale.apply(b)
    assert b == _briefing()
    noop = move_facts(b, ["F005"], "participants")
    assert noop.is_noop(b)


def test_add_and_delete_roundtrip():
    b = _briefing()
    edit, fid = add_fact(b, "threats", "Missile launches continued.")
    assert fid == "F006" and edit.text == "Add fact"
    _, after, _ = _roundtrip(edit, b)
    new = next(f for f in after.facts if f.id == fid)
    assert (new.section, new.text, new.sources, new.included) == \
        ("threats", "Missile launches continued.", [], True)
    b = _briefing()
    edit, fid = add_fact(b, "participants", after_id="F001")
    edit.apply(b)
    assert _ids(b)[1] == fid
    _, after, inverse = _roundtrip(RemoveFacts(["F002", "F004"]))
    assert _ids(after) == ["F001", "F003", "F005"] and isinstance(inverse, InsertFacts)
    assert RemoveFacts(["F002"]).text == "Delete fact" and RemoveFacts(["F1", "F2"]).text == "Delete 2 facts"
    with pytest.raises(EditError):
        RemoveFacts(["F404"]).apply(_briefing())


def test_merge_joins_text_and_unites_sources():
    b = _briefing()
    edit = merge_facts(b, ["F002", "F003"])
    assert edit.text == "Merge 2 facts"
    _, after, _ = _roundtrip(edit, b)
    merged = after.facts[1]
    assert merged.id == "F002" and len(after.facts) == 4
    assert merged.text == "They agreed to upgrade US Forces Japan. US Forces Japan will be upgraded."
    assert merged.sources == [SourceSpan("A1", 39, 78), SourceSpan("A2", 0, 33)]
    assert merged.included and merged.score == 0.8
    assert merged.conflicts == []  # the two disagreeing versions are now one fact
    b = _briefing()
    merged3 = merge_facts(b, ["F001", "F005", "F004"])
    assert merged3.text == "Merge 3 facts"
    merged3.apply(b)
    assert b.facts[0].sources == [SourceSpan("A1", 0, 38), SourceSpan("A1", 79, 98)]  # duplicates dropped
    with pytest.raises(EditError):
        merge_facts(_briefing(), ["F001"])


def test_split_keeps_sources_on_both():
    b = _briefing()
    text = b.facts[0].text
    edit, second = split_fact(b, "F001", text.index("in Tokyo"))
    assert edit.text == "Split fact" and second == "F006"
    _, after, _ = _roundtrip(edit, b)
    one, two = after.facts[0], after.facts[1]
    assert (one.id, one.text) == ("F001", "Kihara met Austin")
    assert (two.id, two.text) == ("F006", "in Tokyo on 28 July.")
    assert one.sources == two.sources == [SourceSpan("A1", 0, 38)]
    assert [m.text for m in one.entities] == ["Kihara", "Austin"] and two.dates[0].value == "2024-07-28"
    # Splitting the wording being edited, not the stored one.
    b = _briefing()
    edit, _ = split_fact(b, "F004", 8, text="Critics doubted it.")
    edit.apply(b)
    assert [f.text for f in b.facts[3:5]] == ["Critics", "doubted it."]
    with pytest.raises(EditError):
        split_fact(_briefing(), "F004", 0)


def test_replace_content_and_composite():
    b = _briefing()
    art = Article("A3", "/x/a3.txt", "Third", "More text.")
    facts = b.facts[:2] + [Fact("F010", "More text.", "other", 0.1, True, [SourceSpan("A3", 0, 10)])]
    edit = ReplaceContent(b.articles + [art], facts, [], [], "Add 1 article")
    _, after, _ = _roundtrip(edit, b)
    assert [a.id for a in after.articles] == ["A1", "A2", "A3"] and _ids(after) == ["F001", "F002", "F010"]
    both = CompositeEdit("Edit and tick", [SetFactText("F004", "Critics were sceptical."),
                                           SetTicks({"F004": True})])
    _, after, _ = _roundtrip(both)
    assert after.facts[3].included and after.facts[3].memo_wording() == "Critics were sceptical."
    broken = CompositeEdit("Broken", [SetTicks({"F004": True}), SetFactText("F404", "x")])
    b = _briefing()
    with pytest.raises(EditError):
        broken.apply(b)
    assert b == _briefing()  # the first part was rolled back
    _roundtrip(ReplaceFacts(list(reversed(_briefing().facts)), "Reorder facts"))


def test_helpers():
    assert plural(1, "fact") == "fact" and plural(3, "fact") == "3 facts"
    assert new_fact_id(_briefing()) == "F006"
    assert new_fact_id(Briefing()) == "F001"
    assert normalise_text("  One   line \n\n  two  ") == "One line\ntwo"
    assert default_split_point("First part. Second part.") == len("First part. ")
    assert default_split_point("No sentence end here") is None
