"""Fact extraction: exact spans, sections, status, scores, ticking, merging, progress and cancel."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import pytest
import yaml

from app.domain import Article, Fact
from app.extract.facts import extract_facts
from app.extract.merging import normalise
from app.extract.modality import EXPECTED, OPINION, REPORTED, article_statuses, sentence_status
from app.extract.scoring import INCLUDE_SHARE
from app.extract.topics import default_taxonomy
from app.ingest.sentence_split import split_sentences
from app.shared.errors import Cancelled

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent
PREVIEW = ROOT / "seeds" / "2024-07-28_preview_us-japan-2plus2-tokyo.txt"
REPORT = ROOT / "seeds" / "2024-07-28_report_us-japan-2plus2-command-upgrade.txt"


def art(aid: str, text: str, title: str = "") -> Article:
    return Article(id=aid, path=f"{aid}.txt", title=title or aid, text=text)


def raw_seed(aid: str, path: Path) -> Article:
    return art(aid, path.read_text(encoding="utf-8"), path.stem)


def facts_of(facts: list[Fact], article_id: str) -> list[Fact]:
    return [f for f in facts if any(s.article_id == article_id for s in f.sources)]


def statuses_in(article: Article) -> dict[str, str]:
    """Status of every sentence of an article as the extractor judges it, before cross-source merging."""
    sentences = [article.text[a:b] for a, b in split_sentences(article.text)]
    return dict(zip(sentences, article_statuses(sentences), strict=True))


def status_of(statuses: dict[str, str], needle: str) -> str:
    hits = [status for sentence, status in statuses.items() if needle.lower() in sentence.lower()]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def cited_sentences(articles: list[Article], facts: list[Fact], article_id: str) -> list[str]:
    by_id = {a.id: a for a in articles}
    return [by_id[s.article_id].text[s.start:s.end] for f in facts for s in f.sources if s.article_id == article_id]


def find(facts: list[Fact], needle: str) -> Fact:
    hits = [f for f in facts if needle.lower() in f.text.lower()]
    assert len(hits) == 1, (needle, [f.text for f in hits])
    return hits[0]


def check_invariants(articles: list[Article], facts: list[Fact]) -> None:
    by_id = {a.id: a for a in articles}
    tax = default_taxonomy()
    assert [f.id for f in facts] == [f"F{i:03d}" for i in range(1, len(facts) + 1)]
    orders = [tax.order(f.section) for f in facts]
    assert orders == sorted(orders)
    for f in facts:
        assert f.section in tax.keys
        assert 0.0 <= f.score <= 1.0
        assert f.status in (REPORTED, EXPECTED, OPINION)
        assert f.sources
        assert f.text == by_id[f.sources[0].article_id].text[f.sources[0].start:f.sources[0].end]
        for s in f.sources:
            sentence = by_id[s.article_id].text[s.start:s.end]
            assert sentence == sentence.strip() and sentence
            assert normalise(sentence)  # every source is a real sentence
        if f.status == OPINION:
            assert not f.included
    # A source sentence backs one fact only (a fact may merge several sentences, never cite one twice).
    spans = [s for f in facts for s in f.sources]
    assert len(spans) == len(set(spans))


# --- whole-article behaviour on the two seeds (raw text: works without the ingest package) ---------


@pytest.fixture(scope="module")
def seed_facts() -> tuple[list[Article], list[Fact]]:
    articles = [raw_seed("pre", PREVIEW), raw_seed("rep", REPORT)]
    return articles, extract_facts(articles)


def test_seed_invariants(seed_facts) -> None:
    articles, facts = seed_facts
    check_invariants(articles, facts)
    # Within a section, facts follow article order, then position in the article.
    tax = default_taxonomy()
    index = {a.id: i for i, a in enumerate(articles)}
    keys = [(tax.order(f.section), index[f.sources[0].article_id], f.sources[0].start) for f in facts]
    assert keys == sorted(keys)


def test_preview_is_mostly_expectations(seed_facts) -> None:
    articles, facts = seed_facts
    statuses = statuses_in(articles[0])
    assert status_of(statuses, "will gather in Tokyo") == EXPECTED
    assert status_of(statuses, "expected to discuss") == EXPECTED
    assert status_of(statuses, "Joining the talks will be") == EXPECTED
    assert status_of(statuses, "Another important topic on the agenda is") == EXPECTED  # preview context
    assert status_of(statuses, "They signed a memorandum") == REPORTED  # past stays reported
    assert status_of(statuses, "Kihara also met with Shin") == REPORTED
    expected = sum(v == EXPECTED for v in statuses.values())
    assert expected * 2 >= len(statuses) - 4  # the raw text still has its boilerplate and counter lines
    # Facts worded from the preview keep those statuses; the report is mostly outcomes.
    preview_first = [f for f in facts if f.sources[0].article_id == "pre"]
    assert sum(f.status == EXPECTED for f in preview_first) * 3 >= len(preview_first)
    report = facts_of(facts, "rep")
    assert sum(f.status == EXPECTED for f in report) * 4 < len(report)


def test_report_opinions_are_not_ticked(seed_facts) -> None:
    articles, facts = seed_facts
    statuses = statuses_in(articles[1])
    assert status_of(statuses, "would most likely") == OPINION
    assert status_of(statuses, "views alliances such as these to be costly") == OPINION
    assert status_of(statuses, "may have different opinions") == OPINION
    # "announced ... that they would take concrete steps" is an announced decision, not a forecast.
    assert status_of(statuses, "that they would take concrete steps") == REPORTED
    harris = find(facts, "would most likely")
    assert harris.status == OPINION and not harris.included
    assert find(facts, "400 Tomahawk missiles").included


def test_report_duplicated_paragraphs_give_one_fact_each(seed_facts) -> None:
    articles, facts = seed_facts
    report = articles[1]
    unique = {normalise(report.text[a:b]) for a, b in split_sentences(report.text)}
    assert len(unique) == 15  # the report pastes its paragraphs twice: 15 distinct sentences
    cited = [normalise(t) for t in cited_sentences(articles, facts, "rep")]
    assert sorted(set(cited)) == sorted(unique)  # every distinct sentence is cited...
    assert len(cited) == len(set(cited))  # ...once: the pasted copy never becomes a second source or fact
    texts = [normalise(f.text) for f in facts]
    assert len(texts) == len(set(texts))


def test_included_share_and_fragments(seed_facts) -> None:
    _, facts = seed_facts
    assert 0 < sum(f.included for f in facts) <= INCLUDE_SHARE * len(facts)
    assert all(len(f.text.split()) >= 5 for f in facts)
    assert not any(f.text.strip() in ("0", "July 28th 2024.") for f in facts)
    promo = find(facts, "Channel 9")
    assert not promo.included and promo.score < 0.4


# --- status on single sentences ------------------------------------------------------------------

STATUS_CASES = [
    ("The ministers will meet in Tokyo on Sunday.", EXPECTED),
    ("The command is set to launch in March next year.", EXPECTED),
    ("The ministers are expected to discuss missile production.", EXPECTED),
    ("The upgrade aims to improve coordination between the forces.", EXPECTED),
    ("Japan plans to buy 400 Tomahawk missiles.", EXPECTED),
    ("Officials announced that they would take concrete steps on command.", REPORTED),
    ("The two sides agreed that Japan would expand production.", REPORTED),
    ("Austin met Kihara in Tokyo on Sunday.", REPORTED),
    ("Japan created a unified command, which is set to launch in March.", REPORTED),
    ("The leaders released the Camp David Principles, a document that will guide their cooperation.", REPORTED),
    ("Harris would most likely follow Biden's approach.", OPINION),
    ("Trump views alliances such as these to be costly.", OPINION),
    ("The incoming president may have different opinions about Japan.", OPINION),
    ("According to analysts, the deal is a turning point.", OPINION),
    ("Kishida believes the alliance is stronger than ever.", OPINION),
    ("The talks took place in May in Singapore.", REPORTED),
    ("A think tank report said the alliance had grown.", REPORTED),
]


@pytest.mark.parametrize("sentence,status", STATUS_CASES)
def test_sentence_status(sentence: str, status: str) -> None:
    assert sentence_status(sentence) == status


# --- merging -------------------------------------------------------------------------------------


def test_identical_sentence_in_two_articles_is_one_fact_with_two_sources() -> None:
    a = art("a", "Intro words go here today.\n\nJapan agreed to buy 400 Tomahawk missiles for $1.7 billion.")
    b = art("b", "Japan  agreed to buy 400 Tomahawk missiles for $1.7 billion.\n\n"
                 "Other news from Tokyo today.")
    facts = extract_facts([a, b])
    check_invariants([a, b], facts)
    merged = find(facts, "Tomahawk")
    assert [s.article_id for s in merged.sources] == ["a", "b"]
    assert b.text[merged.sources[1].start:merged.sources[1].end].startswith("Japan  agreed")


def test_quotes_dashes_and_case_are_normalised_before_merging() -> None:
    a = art("a", "The U.S.–Japan \u201calliance\u201d is the cornerstone of peace in the region.")
    b = art("b", 'The U.S.-Japan "alliance" is the cornerstone of peace in the region.')
    facts = extract_facts([a, b])
    assert len(facts) == 1 and len(facts[0].sources) == 2


def test_near_identical_sentences_merge() -> None:
    tail = "South Korean Defense Minister Shin Won-sik in Tokyo on Sunday."
    a = art("a", "Defense Minister Minoru Kihara met " + tail)
    b = art("b", "Defense Minister Minoru Kihara met with " + tail)
    facts = extract_facts([a, b])
    assert len(facts) == 1 and [s.article_id for s in facts[0].sources] == ["a", "b"]


@pytest.mark.parametrize(
    "other",
    [
        "Japan agreed to buy 500 Tomahawk missiles for $1.7 billion.",
        "Japan agreed to buy 400 Tomahawk missiles for $2.7 billion.",
        "Japan agreed to buy four hundred Tomahawk missiles for $1.7 billion.",
        "Japan agreed not to buy 400 Tomahawk missiles for $1.7 billion.",
        "China agreed to buy 400 Tomahawk missiles for $1.7 billion.",  # names count like numbers
    ],
)
def test_different_numbers_or_negation_never_merge(other: str) -> None:
    a = art("a", "Japan agreed to buy 400 Tomahawk missiles for $1.7 billion.")
    b = art("b", other)
    facts = extract_facts([a, b])
    assert len(facts) == 2
    assert all(len(f.sources) == 1 for f in facts)


def test_near_identical_sentences_about_different_actors_never_merge() -> None:
    a = art("a", "North Korea fired two ballistic missiles into the East Sea on Sunday, the military said.")
    b = art("b", "South Korea fired two ballistic missiles into the East Sea on Sunday, the military said.")
    c = art("c", "Anna Kishida told reporters that maritime activities posed the greatest challenge to the region.")
    d = art("d", "Olaf Suzuki told reporters that maritime activities posed the greatest challenge to the region.")
    facts = extract_facts([a, b, c, d])
    assert len(facts) == 4 and all(len(f.sources) == 1 for f in facts)


def test_same_article_repeat_is_dropped_not_double_sourced() -> None:
    text = "Japan and the U.S. agreed to upgrade their command structure.\n\n" * 2
    facts = extract_facts([art("a", text)])
    assert len(facts) == 1 and len(facts[0].sources) == 1


def test_merge_is_conservative_for_related_but_different_claims() -> None:
    a = art("a", "The ministers agreed to expand missile co-production in Japan next year.")
    b = art("b", "The ministers failed to agree on missile co-production in Japan this year.")
    facts = extract_facts([a, b])
    assert len(facts) == 2


# --- sections, progress, cancel ------------------------------------------------------------------


def test_progress_and_cancel() -> None:
    arts = [art(f"a{i}", f"Article number {i} says Japan and the U.S. met in Tokyo.", f"Title {i}")
            for i in range(3)]
    calls: list[tuple[int, int, str]] = []
    extract_facts(arts, progress=lambda d, t, m: calls.append((d, t, m)))
    assert calls[:3] == [(i, 3, f"Extracting Title {i}") for i in range(3)]
    assert calls[-1][0] == calls[-1][1] == 3
    seen = []

    def cancel_after_first() -> bool:
        seen.append(1)
        return len(seen) > 1

    with pytest.raises(Cancelled):
        extract_facts(arts, is_cancelled=cancel_after_first)


def test_empty_and_junk_articles() -> None:
    assert extract_facts([]) == []
    assert extract_facts([art("a", "\u00a00\n\u00a00\n\nShare this\n\n")]) == []


def test_headings_without_a_verb_are_skipped() -> None:
    text = ("US-Japan Security Talks In Tokyo Amid Regional Tension\n"
            "The ministers met in Tokyo on Sunday to discuss the alliance.\n\n"
            "Japan and US agree to upgrade command\n\nMore text follows here for the reader.")
    facts = extract_facts([art("a", text)])
    texts = [f.text for f in facts]
    assert "US-Japan Security Talks In Tokyo Amid Regional Tension" not in texts
    assert "The ministers met in Tokyo on Sunday to discuss the alliance." in texts
    assert "Japan and US agree to upgrade command" in texts  # a headline with a verb is a claim


def test_deterministic() -> None:
    arts = [raw_seed("pre", PREVIEW), raw_seed("rep", REPORT)]
    assert extract_facts(arts) == extract_facts(arts)


# --- many varied articles (speed is measured by bench/extract_bench.py, not here) ----------------


def test_many_random_articles_keep_their_sentences() -> None:
    rng = random.Random(1)
    vocab = PREVIEW.read_text(encoding="utf-8").split() + [f"w{i}x" for i in range(20000)]
    cum = list(itertools.accumulate(1 / (r + 1) for r in range(len(vocab))))  # Zipf-like word frequencies
    articles = []
    for i in range(40):
        sentences, n = [], 0
        while n < 700:
            words = rng.choices(vocab, cum_weights=cum, k=rng.randint(10, 30))
            sentence = " ".join(words).replace(".", "")
            sentences.append(sentence[:1].upper() + sentence[1:] + f" in {rng.randint(1, 9999)}.")
            n += len(words) + 2
        paras = [" ".join(sentences[j:j + 4]) for j in range(0, len(sentences), 4)]
        articles.append(art(f"a{i}", "\n\n".join(paras)))
    facts = extract_facts(articles)
    assert len(facts) > 25 * len(articles)  # random sentences: (almost) every one is its own fact


# --- the real seeds through the ingest package and the reference facts ---------------------------


def _found(facts: list[Fact], eval_file: Path) -> tuple[int, list[str]]:
    spec = yaml.safe_load(eval_file.read_text(encoding="utf-8"))
    texts = [normalise(f.text) for f in facts]
    found, missing = 0, []
    for ref in spec["facts"]:
        terms = [normalise(t) for t in ref["must_mention"]]
        if any(all(t in text for t in terms) for text in texts):
            found += 1
        else:
            missing.append(ref["id"])
    return found, missing


def test_reference_facts_found_in_raw_seeds(seed_facts) -> None:
    _, facts = seed_facts
    for aid, name in (("pre", "eval_seed_preview.yaml"), ("rep", "eval_seed_report.yaml")):
        found, missing = _found(facts_of(facts, aid), DATA / name)
        assert found >= 12, missing


def test_seeds_through_ingest() -> None:
    ingest = pytest.importorskip("app.ingest")
    if not hasattr(ingest, "load_article"):
        pytest.skip("app.ingest.load_article not available yet")
    articles = [ingest.load_article(PREVIEW), ingest.load_article(REPORT)]
    facts = extract_facts(articles)
    check_invariants(articles, facts)
    junk = re.compile(r"channel 9|generated with ai|don't forget|your feed", re.IGNORECASE)
    assert not [f.text for f in facts if junk.search(f.text)]
    cited = [normalise(t) for t in cited_sentences(articles, facts, articles[1].id)]
    assert len(cited) == len(set(cited))  # the report's repeated paragraphs give no second copy
    totals = {}
    for article, name in ((articles[0], "eval_seed_preview.yaml"), (articles[1], "eval_seed_report.yaml")):
        found, missing = _found(facts_of(facts, article.id), DATA / name)
        totals[name] = found
        assert found >= 12, (name, missing)
    assert sum(totals.values()) >= 24
