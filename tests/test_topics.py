"""The section taxonomy: YAML loading and keyword matching."""

from __future__ import annotations

import pytest

from app.extract.topics import default_taxonomy, load_taxonomy_file, parse_taxonomy, tokens
from app.shared.errors import BriefingError


def tax(*sections: tuple[str, list[str]]):
    return parse_taxonomy({"sections": [{"key": k, "title": k.title(), "keywords": kw} for k, kw in sections]})


def test_default_taxonomy_has_the_documented_keys_in_order():
    assert default_taxonomy().keys == ["participants", "date_venue", "command_and_control", "defence_industry",
                                       "deterrence", "alliances_regional", "threats", "economy_trade",
                                       "political_context",
                                       "other"]


@pytest.mark.parametrize(
    ("keywords", "sentence", "hits"),
    [
        (["deter*"], "Deterrence and deterring", 2),
        (["deter*"], "undeterred", 0),  # a stem matches at word start only
        (["command and control"], "Command-and-control is not command and control", 1),
        (["2+2"], "the 2+2 talks", 1),
        (["2+2"], "the 12+2 talks", 0),
        (["china's"], "China’s coast guard", 1),  # curly apostrophe folds to straight
        (["co-production"], "co‐production of missiles", 1),  # Unicode hyphen folds too
        (["command and control", "command*"], "command and control", 1),  # one section: no overlap count
        (["east china sea"], "the East China", 0),
    ],
)
def test_keyword_matching(keywords, sentence, hits):
    assert tax(("s", keywords)).section_hits(sentence) == [hits, 0]


def test_most_hits_wins_ties_go_to_the_earlier_section():
    t = tax(("a", ["missile*"]), ("b", ["production", "japan"]))
    assert t.classify("missile production in Japan") == "b"
    assert t.classify("missile production") == "a"
    assert t.classify("nothing relevant here") == "other"


def test_other_is_added_when_missing_and_titles_fall_back():
    t = tax(("a", ["x"]))
    assert t.keys == ["a", "other"]
    assert t.title("unknown_key") == "Unknown key"
    assert t.order("a") == 0 and t.order("nope") == 2


def test_bad_yaml_is_a_clear_error(tmp_path):
    bad = tmp_path / "topics.yaml"
    bad.write_text("sections: [unclosed", encoding="utf-8")
    with pytest.raises(BriefingError, match="topics.yaml"):
        load_taxonomy_file(bad)
    with pytest.raises(BriefingError, match="key"):
        parse_taxonomy({"sections": [{"title": "No key"}]})


def test_tokens_split_words_and_marks():
    assert tokens("U.S.–Japan 2+2") == ["u", ".", "s", ".", "-", "japan", "2", "+", "2"]


def test_the_section_model_loads_and_decides_for_the_default_taxonomy():
    from app.extract.sections import default_model, features

    model = default_model()
    assert model is not None and set(model.sections) == set(default_taxonomy().keys)
    tax = default_taxonomy()
    sentence = "The ministers discussed tariffs, investment and semiconductor supply chains."
    toks = tokens(sentence)
    hits = tax.section_hits(sentence)
    # the fast path and the training-time features agree
    assert model.classify(toks, hits, tax.keys) == model.predict(features(toks, hits, tax.keys))
    assert tax.classify(sentence) == model.classify(toks, hits, tax.keys)


def test_a_custom_taxonomy_keeps_keyword_voting():
    tax = parse_taxonomy({"sections": [{"key": "boats", "keywords": ["ship*"]}, {"key": "other"}]})
    assert tax.classify("Two ships sailed.") == "boats"
    assert tax.classify("Nothing here.") == "other"
