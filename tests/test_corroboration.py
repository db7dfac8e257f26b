"""Cross-source merging of paraphrases, on synthetic articles about meetings other than the seeds'."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain import Article, Fact
from app.extract import corroboration
from app.extract.corroboration import Weights, absorbable, candidate_pairs, corroborate, linked
from app.extract.engine import run_extraction
from app.extract.lexicon import build_lexicon, default_lexicon, stem
from app.extract.merging import Candidate, cluster
from app.extract.signatures import signature, vocabulary

DAY = date(2025, 6, 25)


def art(aid: str, outlet: str, *sentences: str, published: date | None = DAY) -> Article:
    return Article(id=aid, path=f"{aid}.txt", title=outlet, outlet=outlet, published=published,
                   text=" ".join(sentences))


def facts_of(*articles: Article) -> list[Fact]:
    return run_extraction(list(articles)).facts


def merged_with(facts: list[Fact], needle: str) -> set[str]:
    """Article ids of the fact whose text or sources mention ``needle``."""
    for fact in facts:
        if needle in fact.text:
            return {s.article_id for s in fact.sources}
    raise AssertionError(f"no fact mentions {needle!r}")


NATO_A = art(
    "a", "Outlet A",
    ("NATO leaders agreed on Wednesday in The Hague to raise their"
        " defence spending target to 5% of GDP by 2035."),
    "Secretary General Mark Rutte said the decision would make the alliance stronger and fairer.",
    "The summit lasted only one day at the request of the Dutch hosts.",
    "Ukraine's President Volodymyr Zelensky attended a dinner with the leaders on Tuesday evening.",
)
NATO_B = art(
    "b", "Outlet B",
    "Allied heads of government committed in The Hague to spending 5% of GDP on defence by 2035.",
    "Spain said it would not meet the new goal and secured a flexible arrangement.",
    ("The alliance's Secretary General, Mark Rutte, hailed the"
        " decision as one that makes the alliance stronger."),
    "Protesters gathered outside the venue to oppose higher military budgets.",
)


def test_paraphrases_from_two_outlets_merge():
    facts = facts_of(NATO_A, NATO_B)
    assert merged_with(facts, "5% of GDP") == {"a", "b"}
    assert merged_with(facts, "Rutte") == {"a", "b"}
    # Unrelated sentences stay alone.
    assert merged_with(facts, "Spain") == {"b"}
    assert merged_with(facts, "Zelensky") == {"a"}
    assert merged_with(facts, "Protesters") == {"b"}


def test_merged_fact_keeps_every_source_and_the_most_complete_wording_first():
    facts = facts_of(NATO_A, NATO_B)
    fact = next(f for f in facts if "5% of GDP" in f.text)
    assert len(fact.sources) == 2
    first = fact.sources[0]
    text = {"a": NATO_A.text, "b": NATO_B.text}[first.article_id][first.start:first.end]
    assert text == fact.text
    assert "NATO leaders agreed" in fact.text  # names NATO and the day too: the fuller sentence


def test_different_figures_never_merge():
    a = art("a", "A", "Germany will deploy 5,000 troops to Lithuania under the new plan.")
    b = art("b", "B", "Germany will deploy 4,800 troops to Lithuania under the new plan.")
    facts = facts_of(a, b)
    assert len(facts) == 2
    assert all(len(f.sources) == 1 for f in facts)


def test_different_dates_and_people_never_merge():
    a = art("a", "A", ("Defence ministers of Japan and Australia will meet"
        " in Canberra in March to sign a pact."))
    b = art("b", "B", "Defence ministers of Japan and Australia will meet in Canberra in May to sign a pact.")
    assert all(len(f.sources) == 1 for f in facts_of(a, b))
    c = art("c", "C", "Foreign Minister Penny Wong met Wang Yi in Beijing to discuss trade barriers.")
    d = art("d", "D", "Foreign Minister Penny Wong met Ahmad Faisal in Beijing to discuss trade barriers.")
    assert all(len(f.sources) == 1 for f in facts_of(c, d))


def test_negated_statement_does_not_merge_with_the_positive_one():
    a = art("a", "A", "The two ministers signed the maritime security agreement in Manila on Tuesday.")
    b = art("b", "B", "The two ministers did not sign the maritime security agreement in Manila on Tuesday.")
    assert all(len(f.sources) == 1 for f in facts_of(a, b))


def test_same_article_paraphrases_are_not_merged():
    a = art("a", "A", "The ministers agreed to upgrade the command structure of their forces.",
            "The ministers agreed to modernize the command structure of their forces.")
    assert len(facts_of(a)) == 2


def test_short_subset_sentence_alone_is_not_enough():
    # Shares two words with the long sentence: not the same fact.
    a = art("a", "A", ("The talks in Jakarta covered maritime security,"
        " fisheries and the South China Sea code."))
    b = art("b", "B", "Indonesia hosted the talks on Monday for the third year running.")
    assert all(len(f.sources) == 1 for f in facts_of(a, b))


def test_withdraw_and_drop_out_are_the_same_idea():
    lex = default_lexicon()
    a = signature("President Joe Biden decided to withdraw from the presidential race.")
    b = signature("President Biden dropped out of the race.")
    assert lex.concept(stem("withdraw")) in a.concepts & b.concepts
    assert "person:joe biden" in a.names & b.names or "name:biden" in a.names & b.names


def test_stemming_and_paraphrase_table():
    assert stem("upgrading") == stem("upgrade") == stem("upgraded")
    assert stem("modernise") == stem("modernize")
    assert stem("meetings") == stem("meeting")
    lex = build_lexicon({"synonyms": [["upgrade", "modernize", "drop out"]],
                         "demonyms": {"us": "United States"}})
    assert lex.concept(stem("modernizing")) == lex.concept(stem("upgrades"))
    assert ("drop", "out") in lex.phrases
    assert lex.demonyms["united states"] == "United States"


def test_signature_reads_figures_dates_and_recipients():
    sig = signature("In January, Japan agreed to buy 400 Tomahawk missiles for $1.7 billion.", DAY)
    assert 400.0 in sig.values and 1.7e9 in sig.values
    assert (None, 1, None) in sig.dates
    assert signature("Today the 2+2 talks began.", DAY).dates == ((2025, 6, 25),)
    assert not signature("The 2+2 talks may resume.").dates  # neither "2+2" nor "may" is a date
    assert not signature("The 2+2 talks may resume.").values
    export = signature("Japan will export PAC-3 interceptors to the United States.")
    assert export.recipients == {"United States"}
    assert signature("They will make more missiles for Ukraine.").recipients == {"Ukraine"}
    assert not signature("It cut its stock because of its support for Ukraine.").recipients


def test_absorbing_never_loses_a_specific_detail():
    host = signature("Leaders met in Tokyo and agreed to upgrade the command of their forces.")
    part = signature("Leaders will upgrade the command of their forces, said Lloyd Austin.")
    assert not absorbable(part, host)  # the host never names Austin
    assert absorbable(host, signature("Lloyd Austin said leaders met in Tokyo to upgrade their command."))


def test_linking_is_symmetric_and_needs_different_articles():
    texts = ["NATO leaders agreed in The Hague to raise defence spending to 5% of GDP by 2035.",
             "Allied leaders committed in The Hague to spending 5% of GDP on defence by 2035.",
             "Spain won an exemption from the spending goal."]
    sigs = [signature(t, DAY, vocabulary(texts)) for t in texts]
    w = Weights(sigs)
    assert linked(sigs[0], sigs[1], w) == linked(sigs[1], sigs[0], w) > 0
    same_article = candidate_pairs(sigs, [frozenset({0}), frozenset({0}), frozenset({1})], w)
    assert (0, 1) not in same_article


@pytest.mark.parametrize("budget", [None, 40])
def test_corroborate_on_a_large_corpus_only_links_plausible_pairs(budget, monkeypatch):
    if budget:  # force the large-corpus path (cheap blocking, then full signatures for a few)
        monkeypatch.setattr(corroboration, "MAX_SIGNED", budget)
    # 300 articles of distinct filler plus one paraphrase pair: the pair merges and nothing else does.
    words = [f"topic{i}" for i in range(2000)]
    articles = []
    for n in range(300):
        body = [f"Officials discussed {words[(n * 7 + k) % 2000]} and {words[(n * 13 + k) % 2000]} "
                f"with {words[(n * 17 + k) % 2000]} partners on day {k}." for k in range(5)]
        articles.append(art(f"x{n}", f"X{n}", *body))
    articles.append(art("p", "P", "The ministers agreed to upgrade the command of US Forces Japan by March."))
    articles.append(art("q", "Q", "Ministers decided to modernise the command of US Forces Japan by March."))
    cands = []
    for ai, a in enumerate(articles):
        for pos, sentence in enumerate(a.text.split(". ")):
            start = a.text.index(sentence)
            cands.append(Candidate(ai, pos, a.id, start, start + len(sentence), sentence))
    groups = corroborate(cluster(cands), articles)
    multi = [g for g in groups if len({m.article_index for m in g.members}) > 1]
    touching = [sorted(m.article_id for m in g.members) for g in multi
                if {m.article_id for m in g.members} & {"p", "q"}]
    assert touching == [["p", "q"]]


def test_single_article_input_is_left_alone():
    a = art("a", "A", "The ministers agreed to upgrade the command of their forces.")
    facts = facts_of(a)
    assert len(facts) == 1 and len(facts[0].sources) == 1


AUSMIN_A = art(
    "a", "Wire",
    "Australian Defence Minister Richard Marles and Foreign Minister Penny Wong hosted Secretary of State "
    "Antony Blinken and Defense Secretary Lloyd Austin in Annapolis on Tuesday.",
    "The ministers agreed to expand the rotation of US submarines through HMAS Stirling from 2027.",
    "Australia will begin producing guided missiles domestically by 2025, Marles said.",
    "China criticised the talks as a threat to regional stability.",
)
AUSMIN_B = art(
    "b", "Broadcaster",
    "US Secretary of State Antony Blinken and Secretary of Defense Lloyd Austin met Richard Marles and "
    "Penny Wong in Annapolis, Maryland.",
    "Under the deal, US submarine rotations through HMAS Stirling will increase from 2027.",
    "Beijing condemned the meeting, calling it a danger to stability in the region.",
    "Australia will start manufacturing guided missiles at home in 2026, according to officials.",
)


def test_ministerial_meeting_paraphrases_across_outlets():
    facts = facts_of(AUSMIN_A, AUSMIN_B)
    assert merged_with(facts, "Blinken") == {"a", "b"}  # one names Australia, the other the US
    assert merged_with(facts, "HMAS Stirling") == {"a", "b"}
    assert merged_with(facts, "stability") == {"a", "b"}  # criticised a threat = condemned a danger
    assert merged_with(facts, "2025") == {"a"}  # 2025 vs 2026: never one fact
    assert merged_with(facts, "2026") == {"b"}
    first = next(f for f in facts if "2025" in f.text)
    assert [c.reason for c in first.conflicts] == ["Date differs: 2025 (Wire) vs 2026 (Broadcaster)"]


def test_naming_the_same_office_holder_is_not_saying_the_same_thing():
    # Titles describe who speaks: "Secretary of State" in both must not make a roll call and a quote alike.
    a = art("a", "Wire", "U.S. Secretary of State Antony Blinken, Japanese Foreign Minister Yoko Kamikawa, Australian"
            " Foreign Minister Penny Wong and Indian External Affairs Minister Subrahmanyam Jaishankar met in"
            " Tokyo for the ninth Quad foreign ministers' meeting.")
    b = art("b", "Agency", 'U.S. Secretary of State Antony Blinken said the Quad was delivering "real results"'
            " for the region.")
    facts = facts_of(a, b)
    assert merged_with(facts, "ninth Quad") == {"a"}
    assert merged_with(facts, "real results") == {"b"}
    vocab = vocabulary([a.text, b.text])
    keys = signature(a.text, DAY, vocab).keys
    assert "person:antony blinken" in keys and "country:united states" in keys  # the name and country stay
    assert not {"secretary", stem("state"), "name:affairs"} & keys  # the titles go


def test_an_outcome_hosts_its_announcement_even_when_the_announcement_says_more():
    preview = art("a", "Preview", "Joining the talks will be Secretary of State Antony Blinken and Defense Secretary"
                  " Lloyd Austin, along with their Japanese counterparts, Yoko Kamikawa and Minoru Kihara.",
                  "The ministers are expected to discuss the command structure of U.S. forces in Japan.",
                  "Officials said the weather in Tokyo had delayed several flights on Saturday.")
    report = art("b", "Report", "The meeting took place with Secretary of Defense Lloyd Austin and Secretary of State"
                 " Antony Blinken, and Foreign Minister Yoko Kamikawa with Defense Minister Minoru Kihara.",
                 "Protesters gathered near the ministry to oppose a new runway at the base.",
                 "The two sides also discussed the production of missiles in Japan.")
    facts = facts_of(preview, report)
    fact = next(f for f in facts if "Kihara" in f.text)
    assert {s.article_id for s in fact.sources} == {"a", "b"}
    assert fact.text.startswith("The meeting took place") and fact.status == "reported"


def test_compass_words_are_not_names_that_set_sentences_apart():
    a = art("a", "AP", "Foreign ministers from the United States, Japan, Australia and India on Monday pledged to"
            " strengthen maritime security cooperation in the Indo-Pacific, as China's growing assertiveness in"
            " the region loomed over their talks.",
            "Wong said the group was not against anyone.",
            "The meeting came a day after security talks with Japanese counterparts.")
    b = art("b", "Kyodo", "The foreign ministers of Japan, the United States, Australia and India agreed Monday to"
            " step up cooperation on maritime security, launching a new legal dialogue amid China's assertive"
            " moves in the East and South China seas.",
            "India is scheduled to host the next leaders' summit later this year.",
            "The ministers also expressed concern over missile launches.")
    facts = facts_of(a, b)
    assert merged_with(facts, "pledged to strengthen maritime security") == {"a", "b"}
