"""Dates: normalisation with granularity, the year from tense, relative words, and what is not a date."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain import Article, DateMention, Fact, SourceSpan
from app.extract.dates import annotate_dates, find_dates
from app.extract.tense import tense_near

SUNDAY = date(2024, 7, 28)  # the seeds' publication date, a Sunday

# (text, reference, [(phrase, value, granularity), ...])
CASES = [
    ("Japan's unified command, which is set to launch in March.", SUNDAY, [("March", "2025-03", "month")]),
    ("Japan provided the US with PAC-3 missiles in December to replenish stocks.", SUNDAY,
     [("December", "2023-12", "month")]),
    ("The agreement was signed by Kishida and Biden in April.", SUNDAY, [("April", "2024-04", "month")]),
    ("On Sunday, July 28th 2024, the officials announced steps.", SUNDAY,
     [("Sunday, July 28th 2024", "2024-07-28", "day")]),
    ("Today in Tokyo, leaders will come together.", SUNDAY, [("Today", "2024-07-28", "day")]),
    ("The ministers met on Sunday.", SUNDAY, [("Sunday", "2024-07-28", "day")]),
    ("They met on Tuesday.", SUNDAY, [("Tuesday", "2024-07-23", "day")]),
    ("They will meet on Tuesday.", SUNDAY, [("Tuesday", "2024-07-30", "day")]),
    # wire style, no "on": a weekday after a verb
    ("The ministers agreed Monday to step up cooperation.", SUNDAY, [("Monday", "2024-07-22", "day")]),
    ("Blinken said Tuesday that the talks went well.", SUNDAY, [("Tuesday", "2024-07-23", "day")]),
    ("Ministers will meet Tuesday in Tokyo.", SUNDAY, [("Tuesday", "2024-07-30", "day")]),
    ("Super Tuesday results came in.", SUNDAY, []),
    # after a noun, before a preposition: when the talks took place
    ("The leaders agreed to restore contacts in talks Wednesday at a country estate.", SUNDAY,
     [("Wednesday", "2024-07-24", "day")]),
    ("They pledged to steer away from conflict Wednesday as they met.", SUNDAY,
     [("Wednesday", "2024-07-24", "day")]),
    ("The envoys meet each Monday in Geneva.", SUNDAY, []),
    ("The Monday session in Geneva was tense.", SUNDAY, []),
    ("The envoys meet every Monday.", SUNDAY, []),
    ("The Monday meeting was tense.", SUNDAY, []),
    ("In January, Japan agreed to purchase 400 Tomahawk missiles.", SUNDAY,
     [("January", "2024-01", "month")]),
    ("They signed a memorandum based on their agreement in June in Singapore.", SUNDAY,
     [("June", "2024-06", "month")]),
    ("The new headquarters will be launched in March.", SUNDAY, [("March", "2025-03", "month")]),
    ("They'll meet in March.", SUNDAY, [("March", "2025-03", "month")]),
    ("The summit is scheduled for May 5.", SUNDAY, [("May 5", "2025-05-05", "day")]),
    ("Elections in 2025 follow reforms since 2022.", SUNDAY,
     [("2025", "2025", "year"), ("2022", "2022", "year")]),
    ("Talks were held last year and resume next month.", SUNDAY,
     [("last year", "2023", "year"), ("next month", "2024-08", "month")]),
    ("Yesterday officials said the vote is tomorrow.", SUNDAY,
     [("Yesterday", "2024-07-27", "day"), ("tomorrow", "2024-07-29", "day")]),
    ("The drill ran from 2024-07-01 to 28/07/2024.", SUNDAY,
     [("2024-07-01", "2024-07-01", "day"), ("28/07/2024", "2024-07-28", "day")]),
    ("2024年7月28日に東京で会談した。", None, [("2024年7月28日", "2024-07-28", "day")]),
    ("They met last March and will meet again next March.", SUNDAY,
     [("last March", "2024-03", "month"), ("next March", "2025-03", "month")]),
    ("The deal, signed 28 July 2024, runs until March 2027.", None,
     [("28 July 2024", "2024-07-28", "day"), ("March 2027", "2027-03", "month")]),
    ("Talks on Feb. 3, 2025 in Manila.", None, [("Feb. 3, 2025", "2025-02-03", "day")]),
    ("A meeting in mid-September is planned.", SUNDAY, [("September", "2024-09", "month")]),
    ("The treaty was signed on Jan 9.", date(2025, 1, 20), [("Jan 9", "2025-01-09", "day")]),
    ("The treaty was signed on December 20.", date(2025, 1, 20), [("December 20", "2024-12-20", "day")]),
    # a relative clause without a tense marker does not borrow "said" from the main clause
    ("Jens Stoltenberg, who hands over to Mark Rutte on Oct. 1, said allies had sent jets.",
     date(2024, 7, 11),
     [("Oct. 1", "2024-10-01", "day")]),
    ("The deal, signed in March, runs for years.", SUNDAY, [("March", "2024-03", "month")]),
    # not dates
    ('"Ukraine today may be East Asia tomorrow," Kishida warned.', SUNDAY, []),
    ("The 2+2 talks may resume; ministers may meet.", SUNDAY, []),
    ("It is the first visit in 15 years.", SUNDAY, []),
    ("They marked the March 1st Movement anniversary.", SUNDAY, []),
    ("The Paris 2024 Olympics and the 1950s.", SUNDAY, []),
    ("Joe Biden left the November presidential race.", SUNDAY, []),
    ("Troops will march. May peace prevail.", SUNDAY, []),
    ("The talks are set for 7/8/2024.", SUNDAY, []),  # month-first or day-first cannot be told
    ("The defense ministers met in Tokyo.", None, []),
]


@pytest.mark.parametrize(("text", "reference", "expected"), CASES)
def test_find_dates(text, reference, expected):
    assert [(d.text, d.value, d.granularity) for d in find_dates(text, reference)] == expected


def test_without_a_reference_only_dates_with_a_year_are_kept():
    text = "They met in April and on Sunday; the pact of July 28, 2024 stands."
    assert find_dates(text) == [DateMention("July 28, 2024", "2024-07-28", "day")]


def test_a_day_is_never_invented():
    assert all(d.granularity == "month" for d in find_dates("It starts in March or early April.", SUNDAY))


def test_tense_hint_decides_when_the_sentence_shows_no_tense():
    text = "Ministers: talks in October."
    assert find_dates(text, SUNDAY, "future")[0].value == "2024-10"
    assert find_dates(text, SUNDAY, "reported")[0].value == "2023-10"
    assert find_dates(text, SUNDAY, "expected")[0].value == "2024-10"
    assert find_dates("Talks in October.", SUNDAY, None)[0].value == "2024-10"  # nearest October


def test_tense_near_uses_the_closest_marker_in_the_clause():
    text = "Japan eased rules, and its command, which will launch in March, grew."
    s = text.index("March")
    assert tense_near(text, s, s + 5) == "future"
    text = "The plan agreed last year will be launched in March."
    s = text.index("March")
    assert tense_near(text, s, s + 5) == "future"  # "launched" after "be" is passive, not past


def test_weekday_needs_a_tense_unless_it_is_the_publication_day():
    assert find_dates("Ministers on Tuesday: talks.", SUNDAY) == []
    assert find_dates("Sunday's meeting was tense.", SUNDAY)[0].value == "2024-07-28"


def test_annotate_dates_counts_from_the_first_source_article():
    art = Article(id="a", path="a.txt", title="a", text="They met in April. It opens in March.",
                  published=date(2024, 7, 28))
    old = Article(id="b", path="b.txt", title="b", text="x", published=None)
    facts = [
        Fact(id="F001", text="They met in April.", section="other", sources=[SourceSpan("a", 0, 18)]),
        Fact(id="F002", text="It opens in March.", section="other", status="expected",
             sources=[SourceSpan("a", 19, 37)]),
        Fact(id="F003", text="It opens in March.", section="other", sources=[SourceSpan("b", 0, 1)]),
    ]
    annotate_dates(facts, [art, old])
    assert facts[0].dates == [DateMention("April", "2024-04", "month")]
    assert facts[1].dates == [DateMention("March", "2025-03", "month")]
    assert facts[2].dates == []  # no publication date: no year to give "March"


def test_annotate_dates_takes_dates_found_ahead_for_a_facts_first_source():
    art = Article(id="a", path="a.txt", title="a", text="They met in April. It opens in March.",
                  published=date(2024, 7, 28))
    facts = [
        Fact(id="F001", text="They met in April.", section="other", sources=[SourceSpan("a", 0, 18)]),
        Fact(id="F002", text="It opens in March.", section="other", status="expected",
             sources=[SourceSpan("a", 19, 37)]),
    ]
    ahead = [DateMention("April", "2024-04", "month")]
    annotate_dates(facts, [art], {("a", 0, 18): ahead})
    assert facts[0].dates is ahead  # looked up, not found again
    assert facts[1].dates == [DateMention("March", "2025-03", "month")]  # not known: found here


def test_an_abbreviation_does_not_end_the_clause_that_gives_the_tense() -> None:
    # "U.S." is no full stop: "announced" is the weekday's verb, whatever the fact's status says
    text = ("On Thursday, India and the U.S. announced a slew of agreements, including a deal which could "
            "pave the way for a transfer of jet engine technology.")
    for hint in (None, "reported", "expected"):
        assert [d.value for d in find_dates(text, date(2023, 6, 23), hint)] == ["2023-06-22"]


def test_ahead_of_a_date_looks_forward_even_in_a_reported_sentence() -> None:
    text = "A spokesperson said Sullivan would meet Indian officials ahead of Modi's June 22 state visit."
    assert [d.value for d in find_dates(text, date(2023, 6, 8), "reported")] == ["2023-06-22"]
