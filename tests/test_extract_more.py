"""Long sentences split into claims (exact sub-ranges), status rules from the issue, and default ticking."""

from __future__ import annotations

import pytest

from app.domain import Article
from app.extract.facts import extract_facts, is_chatter
from app.extract.modality import EXPECTED, OPINION, REPORTED, sentence_status
from app.extract.scoring import choose_included
from app.ingest.sentence_split import LONG_SENTENCE_WORDS, split_claims, split_long, split_sentences

JOINED = ("Japan and the United States agreed on Sunday to upgrade the command and control framework of "
          "U.S. Forces Japan into a joint force headquarters that will work with the new Joint Operations "
          "Command in Tokyo, and the ministers also pledged to expand the co-production of PAC-3 "
          "missiles and "
          "AMRAAM missiles in Japan to ease shortages in Ukraine and elsewhere.")
SEMICOLON = ("The ministers condemned North Korea, China and Russia for their deepening military "
             "cooperation, "
             "which they said threatened the region and the wider international order; Japan will host the "
             "next meeting of the four countries in Tokyo in early December to review progress on "
             "the defense "
             "industrial agenda.")
LIST = ("The talks covered missile production, supply chains, shipbuilding, cyber defense, space, "
        "intelligence "
        "sharing, the repair of U.S. Navy ships in Japanese yards, the stationing of Marines in Okinawa, the "
        "relocation of Futenma air base, the training of pilots, and the joint development of interceptors "
        "for hypersonic weapons and long-range missiles.")
QUOTED = ('"We will stand together, and we will not be intimidated by anyone who seeks to change the '
          'status quo by force or coercion in the East China Sea or anywhere else in the region," '
          'Blinken told reporters '
          "after the meeting with his Japanese counterparts in Tokyo on Sunday.")


def words(text: str) -> int:
    return len(text.split())


def parts(text: str) -> list[str]:
    return [text[a:b] for a, b in split_claims(text)]


def test_long_sentence_joined_by_and_is_split_into_claims():
    assert words(JOINED) > LONG_SENTENCE_WORDS
    got = parts(JOINED)
    assert got == [JOINED[: JOINED.index(", and the ministers")],
                   JOINED[JOINED.index("the ministers also pledged"):]]


def test_semicolon_between_clauses_splits():
    got = parts(SEMICOLON)
    assert len(got) == 2
    assert got[0].endswith("international order") and got[1].startswith("Japan will host")


@pytest.mark.parametrize("sentence", [LIST, QUOTED])
def test_lists_and_quotations_stay_whole(sentence):
    assert words(sentence) > LONG_SENTENCE_WORDS
    assert parts(sentence) == [sentence]


def test_short_sentences_are_never_split():
    short = "Japan agreed to buy missiles, and the United States agreed to sell them quickly."
    assert parts(short) == [short]
    assert split_long(short, 0, len(short)) == [(0, len(short))]


def test_split_parts_are_exact_subranges_in_a_longer_text():
    text = "Intro sentence about the talks in Tokyo.\n\n" + JOINED + " " + SEMICOLON + "\n\nThe end came."
    spans = split_claims(text)
    sentences = split_sentences(text)
    assert len(spans) == len(sentences) + 2
    for a, b in spans:
        piece = text[a:b]
        assert piece == piece.strip() and piece
        assert any(sa <= a and b <= sb for sa, sb in sentences)  # inside one sentence
    assert spans == sorted(spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:], strict=False))


def test_long_sentence_gives_two_facts_with_own_spans_and_status():
    text = ("Japan and the United States agreed on Sunday to upgrade the command and control framework of "
            "U.S. Forces Japan into a joint force headquarters in charge of coordinating operations "
            "with the new "
            "Joint Operations Command in Tokyo, and the ministers will meet again in Washington in "
            "December to "
            "review the progress of the co-production of PAC-3 missiles.")
    article = Article(id="a", path="a.txt", title="t", text=text)
    facts = extract_facts([article])
    assert len(facts) == 2
    by_start = sorted(facts, key=lambda f: f.sources[0].start)
    for fact in facts:
        span = fact.sources[0]
        assert text[span.start:span.end] == fact.text
    assert by_start[0].text.startswith("Japan and the United States agreed")
    assert by_start[0].status == REPORTED
    assert by_start[1].text.startswith("the ministers will meet again") and by_start[1].status == EXPECTED


# --- status rules from the issue -----------------------------------------------------------------

STATUS = [
    ("The ministers will meet in Tokyo on Sunday.", EXPECTED),  # "will"
    ("The talks are expected to last two hours.", EXPECTED),  # "expected to"
    ("The new command is set to launch in March.", EXPECTED),  # "set to"
    ("The allies aim to complete the upgrade by 2025.", EXPECTED),  # "aims to"
    ("The meeting is scheduled for Sunday in Tokyo.", EXPECTED),
    ("Blinken is to visit Manila next week.", EXPECTED),
    ("The deal was signed on Sunday.", REPORTED),  # happened
    ("Japan has announced a new defense budget.", REPORTED),  # announced
    ("The meeting was scheduled for Sunday but postponed.", REPORTED),
    ("Kihara warned that China poses the greatest strategic challenge.", REPORTED),
    ("Kihara told reporters that Japan would not hesitate to respond.", REPORTED),  # a stated position
    ("Officials warned the crisis would deepen.", EXPECTED),  # a forecast
    ("Harris would most likely continue the current approach.", OPINION),  # "would most likely"
    ("Critics argue the plan is too costly.", OPINION),  # attributed view
    ("In his view, the alliance has never been stronger.", OPINION),
    ("Experts say the deal could shift the balance of power.", OPINION),
]


@pytest.mark.parametrize("sentence,status", STATUS)
def test_status_rules(sentence, status):
    assert sentence_status(sentence) == status


# --- default ticks: chatter and opinion are not ticked --------------------------------------------

@pytest.mark.parametrize("sentence,chatter", [
    ("Did the ministers discuss North Korea at the meeting?", True),
    ("If you want to watch, tune in to Channel 9 at 7pm tonight.", True),
    ("Stay tuned for more updates from Tokyo on the talks.", True),
    ('"You cannot bully us," Kihara told Chinese officials in Tokyo.', False),  # "you" inside a quotation
    ("Japan agreed to buy 400 Tomahawk missiles for $1.7 billion.", False),
    ("CLICK HERE for the full transcript of the press conference.", True),  # any case
    ("Don\u2019t forget to share this story with colleagues today.", True),  # curly apostrophe
    ("Advertisement: the ministers met in Tokyo on Sunday morning.", True),
    ("The youth delegation met the ministers in Tokyo on Sunday.", False),  # "you" only inside a word
    ("First, Foreign Minister Kamikawa, please.", True),  # a press conference's courtesies
    ("My question is for Secretary Blinken.", True),
    ('"Please stop the provocations," Kamikawa told her Chinese counterpart.', False),  # quoted
    ("Good afternoon, Excellencies, members of the press, and welcome to the joint press conference.", True),
    ("I wish to begin by thanking Secretary Teodoro for hosting the dialogue here in Manila.", True),
    ("The ministers thanked Japan for hosting the dialogue in Tokyo.", False),  # reported, not a courtesy
    ("Good relations with Manila matter to the alliance, Austin said.", False),
    ("Yoko Kamikawa, Foreign Minister of Japan: It was a great pleasure to have invited the ministers to Tokyo.",
     True),
    ("It was an honour for Japan to host the talks, the ministry said in a statement.", True),
    ("The pleasure cruise industry was discussed by the ministers in Tokyo.", False),
])
def test_is_chatter(sentence, chatter):
    assert is_chatter(sentence) is chatter


def test_chatter_and_opinion_are_not_ticked_even_when_they_score_high():
    chatter = [
        "If you follow the talks, Defense Minister Minoru Kihara and Secretary Lloyd Austin agreed on 400 "
        "PAC-3 missiles, the first such deal.",
        "Did Foreign Minister Yoko Kamikawa and Secretary Antony Blinken sign the first deal on 400 Tomahawk "
        "missiles in Tokyo?",
    ]
    opinion = ["Analysts believe Prime Minister Fumio Kishida and President Joe Biden agreed the first major "
               "upgrade of U.S. Forces Japan in 2024."]
    good = [
        f"{who} signed the first agreement on {what} in {where} on Sunday, officials said."
        for who, what, where in [
            ("Defense Minister Minoru Kihara", "PAC-3 co-production", "Tokyo"),
            ("Secretary Lloyd Austin", "a joint force headquarters", "Yokota"),
        ]
    ]
    text = "\n\n".join(chatter + opinion + good)
    article = Article(id="a", path="a.txt", title="t", text=text)
    facts = extract_facts([article])
    by_text = {f.text: f for f in facts}
    for sentence in chatter + opinion:
        assert sentence in by_text and not by_text[sentence].included, sentence
    assert by_text[opinion[0]].status == OPINION
    assert min(by_text[s].score for s in chatter) >= 0.5  # they would be ticked on score alone
    assert all(by_text[s].included for s in good)  # room to tick more: 60% of five facts is three


def test_choose_included_never_ticks_opinion():
    ticks = choose_included([0.9] * 5, [OPINION, REPORTED, REPORTED, OPINION, EXPECTED])
    assert ticks == [False, True, True, False, True]  # 60% of five, opinions skipped


def test_a_japanese_article_gives_one_fact_per_sentence():
    text = ("日米両政府は28日、東京で外務・防衛担当閣僚協議を開いた。両国は在日米軍を統合軍司令部に改編することで"
            "合意した。木原稔防衛相は「同盟の抑止力が強化される。」と述べた。")
    art = Article(id="ja", path="ja.txt", title="日米2プラス2", text=text)
    facts = extract_facts([art])
    assert sorted(f.text for f in facts) == sorted([
        "日米両政府は28日、東京で外務・防衛担当閣僚協議を開いた。",
        "両国は在日米軍を統合軍司令部に改編することで合意した。",
        "木原稔防衛相は「同盟の抑止力が強化される。」と述べた。"])

