"""Disagreements across sources: both facts stay, each points at the other with a one-line reason."""

from __future__ import annotations

from datetime import date

from app.domain import Article, Conflict, Fact, SourceSpan
from app.extract.conflicts import find_conflicts
from app.extract.engine import run_extraction

DAY = date(2025, 2, 10)


def art(aid: str, outlet: str, *sentences: str) -> Article:
    return Article(id=aid, path=f"{aid}.txt", title=f"Title {aid}", outlet=outlet, published=DAY,
                   text=" ".join(sentences))


def run(*articles: Article) -> list[Fact]:
    return run_extraction(list(articles)).facts


def with_text(facts: list[Fact], needle: str) -> Fact:
    return next(f for f in facts if needle in f.text)


def assert_mutual(a: Fact, b: Fact) -> tuple[Conflict, Conflict]:
    ca = [c for c in a.conflicts if c.fact_id == b.id]
    cb = [c for c in b.conflicts if c.fact_id == a.id]
    assert len(ca) == 1 and len(cb) == 1, (a.conflicts, b.conflicts)
    return ca[0], cb[0]


def test_recipient_of_the_same_weapons_differs():
    a = art("a", "Kyodo", ("Japan will export more PAC-3 interceptors to the"
        " United States to refill its stocks."))
    b = art("b", "Daily", "Japan agreed to manufacture more Patriot missiles for Ukraine.")
    facts = run(a, b)
    assert len(facts) == 2  # not merged
    fa, fb = with_text(facts, "PAC-3"), with_text(facts, "Patriot")
    ca, cb = assert_mutual(fa, fb)
    assert ca.reason == "Recipient differs: United States (Kyodo) vs Ukraine (Daily)"
    assert cb.reason == "Recipient differs: Ukraine (Daily) vs United States (Kyodo)"


def test_troop_numbers_differ_is_a_conflict_not_a_merge():
    a = art("a", "Outlet A", "NATO will station 3,000 troops in Romania under the new rotation plan.",
            "The ministers also discussed ammunition stocks.")
    b = art("b", "Outlet B", "NATO will station 5,000 troops in Romania under the new rotation plan.",
            "Weather delayed the arrival of several delegations.")
    facts = run(a, b)
    fa, fb = with_text(facts, "3,000"), with_text(facts, "5,000")
    assert fa is not fb and len(fa.sources) == len(fb.sources) == 1
    ca, _ = assert_mutual(fa, fb)
    assert ca.reason == "Figures differ: 3,000 troops (Outlet A) vs 5,000 troops (Outlet B)"
    assert not with_text(facts, "ammunition").conflicts
    assert not with_text(facts, "Weather").conflicts


def test_money_figures_differ():
    a = art("a", "A", ("Japan agreed to buy 400 Tomahawk missiles at a cost of"
        " $1.7 billion from the United States."))
    b = art("b", "B", ("Japan agreed to buy 400 Tomahawk missiles at a cost of"
        " $2.35 billion from the United States."))
    facts = run(a, b)
    ca, _ = assert_mutual(facts[0], facts[1])
    assert "1,700,000,000 USD" in ca.reason and "2,350,000,000 USD" in ca.reason


def test_dates_differ_for_the_same_event():
    a = art("a", "A", ("The joint force headquarters in Tokyo will begin"
        " operating in March 2025, officials said."))
    b = art("b", "B", ("The joint force headquarters in Tokyo will begin"
        " operating in April 2025, officials said."))
    facts = run(a, b)
    ca, _ = assert_mutual(with_text(facts, "March"), with_text(facts, "April"))
    assert ca.reason.startswith("Date differs: March 2025 (A) vs April 2025 (B)")


def test_negated_outcome_is_flagged():
    a = art("a", "A", "The defence ministers signed the reciprocal access agreement in Manila on Monday.")
    b = art("b", "B", ("The defence ministers did not sign the reciprocal"
        " access agreement in Manila on Monday."))
    facts = run(a, b)
    ca, _ = assert_mutual(with_text(facts, "ministers signed"), with_text(facts, "did not"))
    assert ca.reason.startswith("Negation differs")


def test_different_subjects_are_not_conflicts():
    a = art("a", "A", "Germany pledged 500 million euros for air defence in Poland.",
            "The summit opened on Tuesday in Vilnius.")
    b = art("b", "B", "Canada will send 2,200 troops to Latvia by 2026.",
            "The leaders met in Vilnius on Tuesday.")
    assert all(not f.conflicts for f in run(a, b))


def test_same_article_is_never_in_conflict_with_itself():
    a = art("a", "A", "NATO will station 3,000 troops in Romania under the new rotation plan.",
            "NATO will station 5,000 troops in Romania under a later rotation plan.")
    assert all(not f.conflicts for f in run(a))


def test_find_conflicts_on_prebuilt_facts_uses_source_numbers_without_outlets():
    a = Article(id="x", path="x.txt", title="X", text="The US will send 300 Patriot interceptors to Poland.")
    b = Article(id="y", path="y.txt", title="Y", text="The US will send 300 Patriot interceptors to Ukraine.")
    facts = [Fact("F001", a.text, "defence_industry", sources=[SourceSpan("x", 0, len(a.text))]),
             Fact("F002", b.text, "defence_industry", sources=[SourceSpan("y", 0, len(b.text))])]
    assert find_conflicts(facts, [a, b]) == 1
    assert facts[0].conflicts == [Conflict("F002", ("Recipient differs: Poland (source 1)"
        " vs Ukraine (source 2)"))]
    assert find_conflicts(facts, [a, b]) == 1  # idempotent: no duplicate entries
    assert len(facts[0].conflicts) == 1


def test_two_articles_from_one_outlet_are_told_apart_in_the_reason():
    a = art("a", "Reuters", "NATO will station 3,000 troops in Romania under the new rotation plan.")
    b = art("b", "Reuters", "NATO will station 5,000 troops in Romania under the new rotation plan.")
    facts = run(a, b)
    ca, cb = assert_mutual(with_text(facts, "3,000"), with_text(facts, "5,000"))
    assert ca.reason == "Figures differ: 3,000 troops (Reuters, source 1) vs 5,000 troops (Reuters, source 2)"
    assert cb.reason == "Figures differ: 5,000 troops (Reuters, source 2) vs 3,000 troops (Reuters, source 1)"


def test_large_corpus_path_still_finds_the_conflict(monkeypatch):
    from app.extract import conflicts

    monkeypatch.setattr(conflicts, "MAX_SIGNED", 6)  # force the cheap pre-selection
    words = "harbour archive bridge orchard railway museum stadium factory campus clinic garden".split()
    filler = [art(f"f{n}", f"F{n}", f"Visitors toured the {w} and the {words[n - 1]} before lunch.")
              for n, w in enumerate(words)]
    a = art("a", "Outlet A", "NATO will station 3,000 troops in Romania under the new rotation plan.")
    b = art("b", "Outlet B", "NATO will station 5,000 troops in Romania under the new rotation plan.")
    facts = run(a, b, *filler)
    assert_mutual(with_text(facts, "3,000"), with_text(facts, "5,000"))
    assert sum(bool(f.conflicts) for f in facts) == 2
