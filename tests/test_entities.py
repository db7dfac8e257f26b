"""Entities: gazetteer matching, people found by pattern, money and quantities, the briefing's entity list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.domain import Article, Fact, Mention, SourceSpan
from app.extract.entities import annotate, find_mentions, scan
from app.extract.gazetteer import default_gazetteer, parse_gazetteer
from app.shared.errors import BriefingError

# (text, [(type, value), ...] that must appear in this order among the mentions,
#  [(type, value), ...] that must not appear)
MENTION_CASES = [
    ("Secretary of State Antony Blinken arrived.",
     [("role", "Secretary of State"), ("person", "Antony Blinken")], []),
    ("Lloyd J. Austin III met Lloyd Austin and Austin.", [("person", "Lloyd Austin")] * 3, []),
    ("Defense Minister Minoru Kihara spoke.",
     [("role", "Defense Minister"), ("person", "Minoru Kihara")], []),
    ("Kihara Minoru spoke.", [("person", "Minoru Kihara")], []),
    ("Japanese Foreign Minister Yoko Kamikawa",
     [("country", "Japan"), ("role", "Foreign Minister"), ("person", "Yoko Kamikawa")], []),
    ("South Korean Defense Minister Shin Won-sik",
     [("country", "South Korea"), ("person", "Shin Won-sik")], []),
    ("Kihara also met with Shin.", [("person", "Minoru Kihara"), ("person", "Shin Won-sik")], []),
    ("the US, the U.S and the U.S. and America", [("country", "United States")] * 4, []),
    ("let us meet; it is up to us", [], [("country", "United States")]),
    ("U.S. Forces Japan (USFJ) and Indo-Pacific Command (INDOPACOM)",
     [("organisation", "U.S. Forces Japan"), ("organisation", "U.S. Forces Japan"),
      ("organisation", "Indo-Pacific Command"), ("organisation", "Indo-Pacific Command")], []),
    ("JSDF units under the Joint Operations Command",
     [("organisation", "Japan Self-Defense Forces"), ("organisation", "Joint Operations Command")], []),
    ("from Tokyo to Yokota, Hawaii and the East China Sea",
     [("place", "Tokyo"), ("place", "Yokota"), ("place", "Hawaii"), ("place", "East China Sea")], []),
    ("PAC-3 MSE, Patriot batteries and patriot missiles", [("system", "PAC-3")] * 3, []),
    ("a true patriot", [], [("system", "PAC-3")]),
    ("Tomahawk and AMRAAM stocks", [("system", "Tomahawk"), ("system", "AMRAAM")], []),
    ("at the cost of $1.7 billion", [("money", "1700000000 USD")], []),
    ("Japan agreed to purchase 400 Tomahawk missiles",
     [("country", "Japan"), ("quantity", "400 Tomahawk"), ("system", "Tomahawk")], []),
    ("Philippine Defense Secretary Gilberto C. Teodoro, Jr. said",
     [("country", "Philippines"), ("role", "Secretary of Defense"), ("person", "Gilberto Teodoro")], []),
    # people no list knows
    ("Indonesian Defense Minister Sjafrie Sjamsoeddin met Minister Sjamsoeddin",
     [("country", "Indonesia"), ("role", "Defense Minister"), ("person", "Sjafrie Sjamsoeddin"),
      ("role", "Minister"), ("person", "Sjafrie Sjamsoeddin")], []),
    ("\"We agree,\" said Maria Dela Cruz. Dela Cruz added more.",
     [("person", "Maria Dela Cruz"), ("person", "Maria Dela Cruz")], []),
    ("Pedro Reyes, the Philippine foreign secretary, spoke.",
     [("person", "Pedro Reyes"), ("country", "Philippines"), ("role", "Foreign Secretary")], []),
    ("Mr. Tanaka declined to comment.", [("person", "Tanaka")], []),
    ("Adviser Daniel Blinken met Blinken. If Kihara agrees, Kenji Kamikawa will.",
     [("person", "Daniel Blinken"), ("person", "Antony Blinken"), ("person", "Minoru Kihara"),
      ("person", "Kenji Kamikawa")], [("person", "Yoko Kamikawa")]),
    ("The General Assembly voted.", [], [("person", "Assembly")]),
    ("The Joint Chiefs said so, Kyodo News said, and Nikkei Asia said.", [], [("person", "Chiefs"),
                                                                              ("person", "Asia")]),
    ("NATO Secretary General Mark Rutte and the Quad and AUKUS partners",
     [("organisation", "NATO"), ("person", "Mark Rutte"), ("organisation", "Quad"),
      ("organisation", "AUKUS")], []),
    ("British Defence Secretary John Healey and Australian Deputy Prime Minister Richard Marles",
     [("country", "United Kingdom"), ("person", "John Healey"), ("country", "Australia"),
      ("person", "Richard Marles")], []),
    ("the talks in Manila on the South China Sea and Second Thomas Shoal",
     [("place", "Manila"), ("place", "South China Sea"), ("place", "Second Thomas Shoal")], []),
    ("G7 foreign ministers met; the EU and ASEAN observed.",
     [("organisation", "G7"), ("organisation", "European Union"), ("organisation", "ASEAN")], []),
    ("China's PLA and Chinese ships near Taiwan",
     [("country", "China"), ("organisation", "People's Liberation Army"), ("country", "China"),
      ("country", "Taiwan")], []),
    ("2+2 talks after 15 years", [("quantity", "15 years")], [("quantity", "2 talks")]),
]


@pytest.mark.parametrize(("text", "expected", "absent"), MENTION_CASES)
def test_mentions(text, expected, absent):
    got = [(m.type, m.value) for m in find_mentions(text)]
    it = iter(got)
    assert all(e in it for e in expected), got  # in order, as a subsequence
    for a in absent:
        assert a not in got


def test_mentions_keep_the_source_text_and_come_in_order_of_appearance():
    text = "In January, Japan agreed to buy 400 Tomahawk missiles for $1.7 billion from the US."
    assert find_mentions(text) == [
        Mention("Japan", "country", "Japan"),
        Mention("400 Tomahawk missiles", "quantity", "400 Tomahawk"),
        Mention("Tomahawk missiles", "system", "Tomahawk"),
        Mention("$1.7 billion", "money", "1700000000 USD"),
        Mention("US", "country", "United States"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$1.7 billion", "1700000000 USD"),
        ("US$5bn", "5000000000 USD"),
        ("USD 3 million", "3000000 USD"),
        ("¥300 billion", "300000000000 JPY"),
        ("1 trillion yen", "1000000000000 JPY"),
        ("€2.5m", "2500000 EUR"),
        ("£40 million", "40000000 GBP"),
        ("A$368 billion", "368000000000 AUD"),
        ("3.5 billion won", "3500000000 KRW"),
        ("5兆円", "5000000000000 JPY"),
        ("$1,250,000", "1250000 USD"),
        ("$0.5 million", "500000 USD"),
    ],
)
def test_money_values(text, value):
    assert [(m.type, m.value) for m in find_mentions(f"It costs {text} in total.")] == [("money", value)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("28,000 troops", "28000 troops"),
        ("two destroyers", "2 destroyers"),
        ("2% of GDP", "2 percent"),
        ("1.5 percent", "1.5 percent"),
        ("four new F-35 fighters", "4 F-35"),
        ("1.2 million soldiers", "1200000 soldiers"),
    ],
)
def test_quantity_values(text, value):
    assert ("quantity", value) in [(m.type, m.value) for m in find_mentions(f"They sent {text} there.")]


@pytest.mark.parametrize("text", ["In 2023 the ships sailed.", "the 2+2 dialogue", "won 3 seats",
                                  "at 10:30 am"])
def test_not_amounts(text):
    assert not [m for m in find_mentions(text) if m.type in ("money", "quantity")]


def test_former_titles_and_countries_before_an_organisation():
    found = {f.value: f for f in scan("Former Dutch Prime Minister Mark Rutte met China's Foreign Ministry "
                                      "spokesperson Lin Jian.") if f.type == "person"}
    assert (found["Mark Rutte"].role, found["Mark Rutte"].country) == ("Former Prime Minister", "Netherlands")
    assert (found["Lin Jian"].role, found["Lin Jian"].country) == ("Spokesperson", "China")


def test_role_and_country_come_from_the_text_next_to_the_name():
    text = ("Philippine Defense Secretary Juan R. Ponce, Jr. met South Korea's defense minister Kim Min-jun "
            "and Tokyo's mayor.")
    found = {f.value: f for f in scan(text) if f.type == "person"}
    assert found["Juan Ponce"].role == "Defense Secretary"  # the title as written
    assert found["Juan Ponce"].country == "Philippines"
    assert found["Juan Ponce"].text == "Juan R. Ponce, Jr."
    assert found["Kim Min-jun"].role == "Defense Minister"
    assert found["Kim Min-jun"].country == "South Korea"


def _article(aid: str, text: str, published: date | None = date(2024, 7, 28)) -> Article:
    return Article(id=aid, path=f"{aid}.txt", title=aid, text=text, published=published)


def _fact(fid: str, art: Article, sentence: str) -> Fact:
    start = art.text.index(sentence)
    return Fact(id=fid, text=sentence, section="other",
                sources=[SourceSpan(art.id, start, start + len(sentence))])


def test_annotate_merges_name_variants_and_keeps_the_best_role():
    a = _article("a", "Kihara also met with Austin. Lloyd J. Austin III thanked him.")
    b = _article("b", "Defense Minister Minoru Kihara hosted U.S. Defense Secretary Lloyd Austin. "
                      "Juan Ponce said so. Philippine Defense Secretary Juan R. Ponce, Jr. agreed.")
    facts = [_fact("F001", a, "Kihara also met with Austin."), _fact("F002", b, "Juan Ponce said so.")]
    entities = {e.name: e for e in annotate(facts, [a, b])}
    kihara, austin, ponce = entities["Minoru Kihara"], entities["Lloyd Austin"], entities["Juan Ponce"]
    assert (kihara.role, kihara.country, kihara.native_name, kihara.mentions) == ("Defense Minister", "Japan",
                                                                                  "木原稔", 2)
    assert set(kihara.aliases) == {"Kihara"}
    assert set(austin.aliases) == {"Austin", "Lloyd J. Austin III"}
    assert (austin.role, austin.country, austin.mentions) == ("Defense Secretary", "United States", 3)
    assert (ponce.role, ponce.country, ponce.mentions) == ("Defense Secretary", "Philippines", 2)
    assert "Juan R. Ponce, Jr." in ponce.aliases
    assert [m.value for m in facts[0].entities] == ["Minoru Kihara", "Lloyd Austin"]
    assert facts[1].entities == [Mention("Juan Ponce", "person", "Juan Ponce")]
    types = [e.type for e in entities.values()]
    assert types == sorted(types, key=["person", "organisation", "country", "place", "system"].index)


def test_one_person_spelt_with_and_without_accents():
    a = _article("a", "Spanish Prime Minister Pedro Sánchez met Chancellor Friedrich Merz. Sanchez spoke first.")
    b = _article("b", "Prime Minister Pedro Sanchez of Spain hosted the talks. Sánchez said Spain agreed.")
    facts = [_fact("F001", a, "Sanchez spoke first."), _fact("F002", b, "Sánchez said Spain agreed.")]
    people = [e for e in annotate(facts, [a, b]) if e.type == "person"]
    assert [e.name for e in people] == ["Pedro Sánchez", "Friedrich Merz"]  # the first spelling names him
    assert set(people[0].aliases) >= {"Pedro Sanchez", "Sanchez", "Sánchez"} and people[0].mentions == 4
    assert [m.value for f in facts for m in f.entities if m.type == "person"] == ["Pedro Sánchez"] * 2


def test_annotate_lists_system_aliases_without_the_generic_noun():
    a = _article("a", "Japan makes PAC-3 interceptors. The US got patriot missiles. PAC-3 MSE too.")
    pac3 = next(e for e in annotate([], [a]) if e.name == "PAC-3")
    assert pac3.type == "system"
    assert "Patriot" in pac3.aliases and "PAC-3 MSE" in pac3.aliases and pac3.mentions == 3


def test_annotate_can_be_cancelled_and_leaves_garbage_collection_on():
    import gc

    from app.shared.errors import Cancelled

    arts = [_article("a", "Kihara met Austin."), _article("b", "Shin met Kihara.")]
    calls: list[tuple[int, int, str]] = []
    with pytest.raises(Cancelled):
        annotate([], arts, progress=lambda *a: calls.append(a), is_cancelled=lambda: True)
    assert calls and calls[0][:2] == (0, 2)
    assert gc.isenabled()


def test_gazetteer_yaml_is_validated_and_case_rules_apply():
    with pytest.raises(BriefingError):
        parse_gazetteer({"people": [{"role": "President"}]})
    with pytest.raises(BriefingError):
        parse_gazetteer(["not", "a", "mapping"])
    gaz = parse_gazetteer({"systems": [{"name": "Widget", "aliases": ["WDG", "widget launchers"]}],
                           "people": [{"name": "Ann Lee", "family_first": False}]})
    text = "The WDG, wdg and widget launchers; Widget Launchers."
    found = [(f.text, f.value) for f in scan(text, gazetteer=gaz)]
    assert found == [("WDG", "Widget"), ("widget launchers", "Widget"), ("Widget Launchers", "Widget")]
    # "Lee" is also a word-like, common family name: alone it names Ann Lee only once she is named in full
    assert [f.value for f in scan("Lee Ann met Lee.", gazetteer=gaz) if f.type == "person"] == ["Ann Lee"] * 2
    assert [f for f in scan("Lee said so.", gazetteer=gaz) if f.type == "person"] == []


def test_a_shared_family_name_goes_to_the_one_named_in_full():
    gaz = parse_gazetteer({"people": [{"name": "Penny Wong", "country": "Australia"},
                                      {"name": "Lawrence Wong", "country": "Singapore"}]})
    assert [f.value for f in scan("Penny Wong arrived. Wong said.", gazetteer=gaz)] == ["Penny Wong"] * 2
    assert [f.value for f in scan("Wong said.", gazetteer=gaz)] == []
    both = "Penny Wong met Lawrence Wong. Wong said."
    assert [f.value for f in scan(both, gazetteer=gaz)] == ["Penny Wong", "Lawrence Wong"]


def test_default_gazetteer_is_broad():
    gaz = default_gazetteer()
    for name, type_ in [("Penny Wong", "person"), ("Cho Tae-yul", "person"), ("NATO", "organisation"),
                        ("Philippines", "country"), ("Taiwan Strait", "place"), ("THAAD", "system"),
                        ("Foreign Minister", "role")]:
        entry = gaz.lookup(name, type_)
        assert entry is not None and entry.name == name


def test_seed_briefing_entities(seed_paths):
    from app.run.pipeline import build_briefing

    briefing = build_briefing(seed_paths).briefing
    people = {e.name: e for e in briefing.entities if e.type == "person"}
    expected = {
        "Antony Blinken": ("Secretary of State", "United States"),
        "Lloyd Austin": ("Secretary of Defense", "United States"),
        "Yoko Kamikawa": ("Foreign Minister", "Japan"),
        "Minoru Kihara": ("Defense Minister", "Japan"),
        "Shin Won-sik": ("Defense Minister", "South Korea"),
        "Fumio Kishida": ("Prime Minister", "Japan"),
        "Joe Biden": ("President", "United States"),
    }
    for name, (role, country) in expected.items():
        assert (people[name].role, people[name].country) == (role, country), name
    assert "Lloyd J. Austin III" in people["Lloyd Austin"].aliases
    systems = {e.name: e for e in briefing.entities if e.type == "system"}
    assert "Patriot" in systems["PAC-3"].aliases
    money = [m for f in briefing.facts for m in f.entities if m.type == "money"]
    assert Mention("$1.7 billion", "money", "1700000000 USD") in money
    quantities = [m.value for f in briefing.facts for m in f.entities if m.type == "quantity"]
    assert "400 Tomahawk" in quantities
    assert all(f.entities for f in briefing.facts if "Kihara" in f.text)


def _norm(text: str) -> str:
    table = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-",
                           "\u2011": "-", "\u2013": "-", "\u2014": "-"})
    return " ".join(text.translate(table).lower().split())


def test_seed_reference_people_are_entities_of_their_facts(seed_paths):
    """Each person the reference lists for a fact is among its person mentions (by canonical name)."""
    import yaml

    from app.run.pipeline import build_briefing

    data = Path(__file__).parent / "data"  # copies of the reference lists, so the suite needs nothing outside
    refs = [f for name in ("eval_seed_preview.yaml", "eval_seed_report.yaml")
            for f in yaml.safe_load((data / name).read_text(encoding="utf-8"))["facts"] if f["people"]]
    if not refs:
        pytest.skip("no reference facts")
    facts = build_briefing(seed_paths).briefing.facts
    gaz = default_gazetteer()
    checked = 0
    for ref in refs:
        match = next((f for f in facts if all(t in _norm(f.text) for t in ref["must_mention"])), None)
        if match is None:
            continue  # finding the fact is the fact extractor's test, not this one
        people = {m.value for m in match.entities if m.type == "person"}
        for person in ref["people"]:
            entry = gaz.lookup(person.split("|")[0].strip(), "person")
            assert entry is not None and entry.name in people, (person, match.text)
        checked += 1
    assert checked >= 3
