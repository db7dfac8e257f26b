"""Loading articles in the window sets the event frame in the same undo step as the facts."""

from __future__ import annotations


def test_load_sets_events_in_one_undo_step(seeded_window):
    win = seeded_window
    briefing = win.briefing
    main = briefing.main_event()
    assert main is not None and main.kind == "two_plus_two" and main.main
    assert briefing.memo.subject == "U.S.–Japan “2+2” ministerial dialogue, Tokyo, 28 July 2024"
    assert win.undo_stack.count() == 1  # articles, facts, events and subject: one "Add 2 articles"
    win.undo_stack.undo()
    assert briefing.facts == [] and briefing.events == [] and briefing.memo.subject == ""
    win.undo_stack.redo()
    assert briefing.facts and briefing.main_event().kind == "two_plus_two"
    assert briefing.memo.subject.startswith("U.S.–Japan")
