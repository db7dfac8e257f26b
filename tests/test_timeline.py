"""The timeline: dated facts in date order, each event linked to its fact; the seeds' dates end to end."""

from __future__ import annotations

from app.domain import DateMention, Fact
from app.extract.timeline import build_timeline, short_text


def _fact(fid: str, text: str, *dates: tuple[str, str]) -> Fact:
    return Fact(id=fid, text=text, section="other",
                dates=[DateMention(t, v, {4: "year", 7: "month", 10: "day"}[len(v)]) for t, v in dates])


def test_events_are_ordered_by_date_then_coarser_first_then_fact_order():
    facts = [
        _fact("F001", "The command launches in March.", ("March", "2025-03")),
        _fact("F002", "No date here."),
        _fact("F003", "On Sunday, July 28th 2024, they met.", ("Sunday, July 28th 2024", "2024-07-28")),
        _fact("F004", "Japan gave missiles in December.", ("December", "2023-12")),
        _fact("F005", "In 2024 and in July they talked.", ("2024", "2024"), ("July", "2024-07")),
        _fact("F006", "Today they met.", ("Today", "2024-07-28")),
    ]
    timeline = build_timeline(facts)
    assert [(e.date, e.fact_id) for e in timeline] == [
        ("2023-12", "F004"), ("2024", "F005"), ("2024-07", "F005"), ("2024-07-28", "F003"),
        ("2024-07-28", "F006"), ("2025-03", "F001"),
    ]
    assert [e.granularity for e in timeline] == ["month", "year", "month", "day", "day", "month"]
    assert timeline[0].text == "Japan gave missiles"  # the date column says December


def test_one_event_per_fact_and_date():
    facts = [_fact("F001", "Today, yes today, they met.", ("Today", "2024-07-28"), ("today", "2024-07-28"))]
    assert len(build_timeline(facts)) == 1


def test_short_text_drops_connectives_and_cuts_long_sentences():
    assert short_text("Furthermore, the U.S. and Japan struck a deal.") == "The U.S. and Japan struck a deal"
    long = "word " * 80
    cut = short_text(long, 60)
    assert len(cut) <= 60 and "\u2026" not in cut and cut.split() == ["Word"] + ["word"] * (len(cut.split()) - 1)


def test_seed_timeline(seed_paths):
    from app.run.pipeline import build_briefing

    briefing = build_briefing(seed_paths).briefing
    facts = {f.id: f for f in briefing.facts}
    timeline = briefing.timeline
    assert timeline == sorted(timeline, key=lambda e: e.date)
    assert all(e.fact_id in facts for e in timeline)
    by_date = {e.date: facts[e.fact_id].text for e in timeline}
    assert "2024-07-28" in by_date  # the meeting
    assert "set to launch in March" in by_date["2025-03"]
    assert "December" in by_date["2023-12"]  # PAC-3 missiles provided: past tense, last year
    assert "Kishida" in by_date["2024-04"]
    assert "Tomahawk" in by_date["2024-01"]
    for fact in briefing.facts:  # no "2+2", "15 years" or modal "may" as a date
        assert all(d.text not in ("2+2", "15", "may") for d in fact.dates)


def test_timeline_dates_print_in_words_and_odd_ones_as_they_are():
    from app.memo.extras import when

    assert when("2024-07-28", "day") == "July 28, 2024"
    assert when("2024-07", "month") == "July 2024"
    assert when("2024", "year") == "2024"
    # A hand-edited project may hold impossible dates: printed as written, never as another month.
    assert when("2024-00", "month") == "2024-00"
    assert when("2024-13", "month") == "2024-13"
    assert when("2024-02-30", "day") == "2024-02-30"
