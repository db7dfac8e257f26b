"""Cleaning article text: boilerplate, datelines, headlines, repeats, and a faithful record of removals."""

from __future__ import annotations

from datetime import date

import pytest

from app.ingest import clean_text, load_article
from app.ingest.boilerplate import BoilerplateError, classify, default_categories, load_categories
from app.ingest.cleaning import short_title
from app.ingest.sentence_split import split_sentences
from app.ingest.sentences import normalise


def assert_offsets_faithful(result) -> None:
    """Every removed part can be found at its ``start`` in the raw text."""
    for part in result.removed:
        assert part.start >= 0
        assert result.raw[part.start : part.start + len(part.text)] == part.text, part


def sentences_of(text: str) -> list[str]:
    return [normalise(text[a:b]) for a, b in split_sentences(text)]


# ---- the seeds -------------------------------------------------------------------------------

def test_preview_seed(preview_seed):
    art = load_article(preview_seed)
    reasons = {p.text: p.reason for p in art.removed}

    promo = next(t for t in reasons if t.startswith("Don't forget to catch"))
    assert "promotion" in reasons[promo]
    disclaimer = next(t for t in reasons if t.startswith("[This article has been trending"))
    assert "AI-generated" in reasons[disclaimer]
    counters = [p for p in art.removed if p.text == "0"]
    assert len(counters) == 2 and all("counter" in p.reason for p in counters)

    assert art.published == date(2024, 7, 28)
    assert reasons["July 28th 2024."] == "dateline"
    assert "July 28th 2024" not in art.text
    for junk in ("Channel 9", "generated with AI", "feed is customized"):
        assert junk not in art.text
    assert not any(line.strip() in {"0", "\u00a00"} for line in art.text.split("\n"))

    headline = ("US and Japan are talking about how to strengthen their cooperation due to the increasing "
                "threat from China.")
    assert art.title == headline.rstrip(".")
    assert reasons[headline] == "headline"
    assert art.text.count(headline) == 1  # the body keeps its own copy of the headline sentence
    assert art.text.startswith("Japan and US defense leaders")
    assert "Today in Tokyo, Japanese and US leaders" in art.text
    assert art.text.rstrip().endswith("strengthens the Japanese defense industry.")
    assert_offsets_faithful(_result(art))


def test_report_seed(report_seed):
    art = load_article(report_seed)
    assert art.published == date(2024, 7, 28)  # from "On Sunday, July 28th 2024, ..." in the first paragraph
    assert art.text.startswith("On Sunday, July 28th 2024, the U.S and Japanese")  # date text kept

    repeated = [p for p in art.removed if p.reason == "repeated paragraph"]
    assert len(repeated) == 4
    sentences = sentences_of(art.text)
    assert len(sentences) == len(set(sentences))  # every sentence once
    raw_sentences = set(sentences_of(art.raw_text))
    assert set(sentences) == raw_sentences  # and none lost
    assert art.text.count("The meeting took place with the U.S Secretary of Defense") == 1

    # a long first paragraph is not a headline: the title is its first sentence, shortened, and the text stays
    # no headline: named by its file, never by its first sentence
    assert art.title == "Report US Japan 2plus2 Command Upgrade"
    assert not any(p.reason == "headline" for p in art.removed)
    assert_offsets_faithful(_result(art))


def _result(article):
    class R:  # the parts of CleanResult the offset check needs
        removed = article.removed
        raw = article.raw_text
    return R


# ---- boilerplate lines -----------------------------------------------------------------------

MUST_GO = [
    "C. Janith is a Jadetimes news reporter covering science and geopolitics.",
    # official-site banners and notices (found on the evaluation set's government pages)
    "An official website of the United States Government",
    "Here's how you know",
    "Secure .gov websites use HTTPS",
    ".gov website belongs to an official government organization in the United States.",
    "A lock ( lock ) or https:// means you’ve safely connected to the .gov website.",
    "You have accessed part of a historical collection on defense.gov.",
    "top of page",
    "Skip to main content",
    "Don't forget to catch every match of the Asian Cup live and free on SBS and SBS On Demand.",
    "Don’t miss the latest episode of Insiders, streaming now on ABC iview.",
    "Watch the full press conference live and free on 7plus.",
    "[This story was generated with the help of artificial intelligence and reviewed by an editor.]",
    "This article was created with the assistance of AI tools.",
    "Your feed is personalised.",
    "Subscribe",
    "Subscribe to our newsletter",
    "Sign up for our free daily briefing",
    "Click here to read the joint statement",
    "Read more: Japan, US to co-produce missiles",
    "READ MORE",
    "Follow us on Twitter and Facebook",
    "Follow Jane Doe on X",
    "Download the NHK WORLD-JAPAN app",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "\u00a00",
    "12 shares",
    "0 comments",
    "1.2K",
    "Comments (3)",
    "Share this article",
    "Share on Facebook",
    "Facebook Twitter Email",
    "Photo: Reuters",
    "Image credit: Getty Images",
    "(AP Photo/Eugene Hoshiko)",
    "1 of 7 | U.S. President Joe Biden meets with President Xi Jinping in Woodside, California.",
    "Defense Minister Minoru Kihara speaks to reporters in Tokyo on Sunday. | KYODO",
    "U.S. Secretary of State Antony Blinken speaks in Tokyo, Japan, July 28, 2024. REUTERS/Issei Kato/Pool",
    "By Jane Doe",
    "By JANE DOE and JOHN ROE, Associated Press",
    "Reporting by Tim Kelly and Kantaro Komiya; Editing by Lincoln Feast.",
    "Associated Press writer Mari Yamaguchi in Tokyo contributed to this report.",
    "© 2024 Reuters. All rights reserved.",
    "Copyright 2024 The Associated Press. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed.",
    "Related: US and Japan hold 2+2 talks",
    "RELATED COVERAGE",
    "See also: Japan's new defence budget",
    "5 min read",
    "* * *",
    "Home | World | Asia",
]

MUST_STAY = [
    "Kishida is a former foreign minister covering the party's right flank.",
    "Shin is the first South Korean defense chief to visit Japan in 15 years.",
    "Officials said the secure websites of both ministries were attacked.",
    "The summit was held at the top of the page-long agenda's list.",
    "Many officials subscribe to the view that deterrence must be strengthened.",
    "Japan will follow the United States in expanding missile production.",
    "The two countries share concerns about China's maritime activities.",
    "Share prices of Japanese defense firms rose 5% after the announcement.",
    "Kihara said the allies would follow up on the agreement by December.",
    "The ministers will share intelligence more quickly under the new framework.",
    "By March, Japan will launch its unified command.",
    "By contrast, South Korea has been more cautious.",
    "Reporting by Kyodo News showed that the deal was nearly complete.",
    "Copyright protection for defense technology was also discussed.",
    "The talks were broadcast live on NHK.",
    "Related discussions will continue in Washington next month.",
    "Photos released by the ministry show the ministers shaking hands.",
    "2 of 3 ministers agreed on the plan.",
    "Follow-up talks are expected in Washington.",
    "The officials warned that AI-generated disinformation threatens both allies.",
    "This article of the treaty obliges the United States to defend Japan.",
    "\"Do not forget the victims of Hiroshima,\" Kishida told reporters.",
    "Watch for further announcements on missile co-production, officials said.",
    "Japan has roughly 54,000 US troops stationed on its territory.",
    "2024 marks the 70th anniversary of the Self-Defense Forces.",
    "Austin said Washington would subscribe to Japan's plan for a joint headquarters.",
    "Home Minister Amit Shah also attended.",
    "The report was written with input from artificial intelligence experts.",
    "More than 50,000 US troops are based in Japan.",
    "Kamikawa said the two sides would share more information.",
]


@pytest.mark.parametrize("line", MUST_GO)
def test_boilerplate_line_goes(line):
    assert classify(line), line


@pytest.mark.parametrize("sentence", MUST_STAY)
def test_real_sentence_stays(sentence):
    assert classify(sentence) is None
    assert classify(sentence, sentence=True) is None


def test_article_mixing_junk_and_real_sentences():
    raw = "\n\n".join(["Allies meet in Tokyo", *MUST_STAY[:12], *MUST_GO, *MUST_STAY[12:]])
    result = clean_text(raw)
    for sentence in MUST_STAY:
        assert sentence in result.text
    kept_lines = set(result.text.split("\n"))
    for junk in MUST_GO:
        assert junk.strip() not in kept_lines
    assert_offsets_faithful(result)


def test_promo_glued_to_a_paragraph_goes_alone():
    raw = ("Kihara met Austin in Tokyo on Sunday. Subscribe to our newsletter for daily updates.\n\n"
           "More text follows here.")
    result = clean_text(raw)
    assert result.text.startswith("Kihara met Austin in Tokyo on Sunday.\n\nMore")
    part = next(p for p in result.removed if p.text.startswith("Subscribe"))
    assert part.reason.startswith("promotion")
    assert_offsets_faithful(result)


def test_categories_file_format(tmp_path):
    cats = default_categories()
    assert {c.key for c in cats} >= {"promotion", "ai_disclaimer", "counter", "share", "credit", "byline",
                                      "copyright", "related"}
    assert all(c.reason and c.max_words > 0 for c in cats)

    custom = tmp_path / "bp.yaml"
    custom.write_text("categories:\n  - key: mine\n    reason: my junk\n    max_words: 5\n"
                      "    patterns:\n      - 'zap(?-i:X)'\n", encoding="utf-8")
    mine = load_categories(custom)
    assert classify("ZAPX", mine) == "my junk"  # case-insensitive except the (?-i:...) part
    assert classify("zapx", mine) is None
    assert classify("zapX " + "word " * 6, mine) is None  # longer than max_words

    custom.write_text("categories:\n  - key: bad\n    patterns: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(BoilerplateError, match="not a valid boilerplate file"):
        load_categories(custom)


# ---- datelines and dates ---------------------------------------------------------------------

BODY = ("The United States and Japan agreed to upgrade the command structure of US forces in Japan, "
        "officials said after the talks.")


@pytest.mark.parametrize("line", [
    "Published 28 July 2024",
    "Updated: 2024-07-28 10:00 JST",
    "Sunday, July 28, 2024",
    "Jul. 28, 2024 16:40 JST",
    "2024年7月28日 20時15分",
    "Posted on July 28, 2024 at 9:00 a.m.",
])
def test_standalone_date_line(line):
    raw = f"Allies upgrade command\n\n{line}\n\n{BODY}\n\nMore details followed later in the day."
    result = clean_text(raw)
    assert result.published == date(2024, 7, 28)
    assert line not in result.text
    assert any(p.reason == "dateline" and p.text == line for p in result.removed)
    assert_offsets_faithful(result)


def test_published_preferred_over_updated():
    raw = f"Headline here\n\nUpdated: 2024-07-30 10:00 JST\n\nPublished: July 28, 2024\n\n{BODY}\n\nMore."
    assert clean_text(raw).published == date(2024, 7, 28)


@pytest.mark.parametrize("prefix,outlet,published", [
    ("TOKYO, July 28 (Reuters) - ", "Reuters", date(2024, 7, 28)),  # year from the date hint
    ("TOKYO, July 28, 2024 (Kyodo) -- ", "Kyodo News", date(2024, 7, 28)),
    ("WASHINGTON (AP) — ", "Associated Press", date(2024, 1, 5)),  # no date in it: the hint stays
    ("SEOUL, South Korea (AP) — ", "Associated Press", date(2024, 1, 5)),
    ("Nov. 14 (UPI) -- ", "UPI", date(2024, 11, 14)),  # a day: the year from the hint
    ("Woodside, California - ", "", date(2024, 1, 5)),  # a town and its state before a dash
])
def test_agency_dateline(prefix, outlet, published):
    hint = date(2024, 7, 30) if "July" in prefix else date(2024, 11, 16) if "Nov" in prefix else date(2024, 1, 5)
    raw = f"Allies upgrade command\n\n{prefix}{BODY}\n\nThe ministers also discussed missile production."
    result = clean_text(raw, date_hint=hint)
    assert result.outlet == outlet
    assert result.published == published
    assert result.text.startswith("The United States and Japan agreed")
    part = next(p for p in result.removed if p.reason == "dateline")
    assert part.text == prefix.strip()
    assert_offsets_faithful(result)


def test_first_paragraph_date_sets_published_and_stays():
    raw = f"On July 27, 2024, the ministers met in Tokyo. {BODY}\nLater, on 1 August 2024, they met again."
    result = clean_text(raw)
    assert result.published == date(2024, 7, 27)
    assert result.text.startswith("On July 27, 2024, the ministers met")
    assert result.removed == []


def test_sentence_mentioning_a_date_is_not_a_dateline():
    raw = f"{BODY}\n\nThe next meeting is set for July 28, 2025."
    result = clean_text(raw)
    assert "The next meeting is set for July 28, 2025." in result.text
    assert result.published is None


# ---- titles ----------------------------------------------------------------------------------

def test_short_first_line_without_full_stop_is_the_headline():
    raw = f"US, Japan upgrade command as China threat grows\n\n{BODY}\n\nMore details followed."
    result = clean_text(raw)
    assert result.title == "US, Japan upgrade command as China threat grows"
    assert result.text.startswith("The United States and Japan")
    assert result.removed[0].reason == "headline" and result.removed[0].start == 0


def test_one_word_line_is_not_a_headline():
    result = clean_text(f"Tokyo\n\n{BODY}")
    assert result.text.startswith("Tokyo\n\nThe United States")
    assert result.title == ""  # no headline: the article is named by its file, not its first sentence


def test_short_lede_with_full_stop_stays_in_the_text():
    raw = f"The allies agreed to upgrade their command.\n\n{BODY}"
    result = clean_text(raw)
    assert result.title == ""  # a lede, not a headline: no title rather than a body sentence
    assert result.text.startswith("The allies agreed to upgrade their command.")
    assert result.removed == []


def test_hard_wrapped_paragraph_is_not_a_headline():
    raw = ("The United States and Japan agreed on Sunday to upgrade\n"
           "the command of US forces in Japan.\n\nMore.")
    result = clean_text(raw)
    assert result.text.startswith("The United States and Japan agreed on Sunday to upgrade\nthe command")
    assert result.title == ""  # a wrapped paragraph is body text: no title rather than its first sentence


def test_title_hint_removes_matching_first_line():
    raw = f"Allies upgrade command | The Daily Example\n{BODY}\nMore."
    result = clean_text(raw, title_hint="Allies upgrade command")
    assert result.title == "Allies upgrade command"
    assert result.text.startswith("The United States")


def test_short_title_cuts_on_a_word_boundary():
    sentence = ("On Sunday the United States and Japanese defense and diplomatic officials announced "
                "in Tokyo that they would modernise the command of their forces.")
    title = short_title(sentence)
    assert title.endswith("…") and len(title) <= 91
    stem = title[:-1]
    assert sentence.startswith(stem) and sentence[len(stem)] == " "
    assert short_title("Short one.") == "Short one"


# ---- repeats and structure -------------------------------------------------------------------

def test_repeated_paragraph_and_sentence_after_normalising():
    first = "Kihara said the alliance was “stronger than ever” — a view shared by Austin."
    other = "The ministers also discussed the co-production of missiles in Japan."
    variant = 'Kihara  said the alliance was "stronger than ever" - a view shared by Austin.'
    raw = f"{first}\n{other}\n\n{other}\n\nNew sentence one is here. {variant} New sentence two is here."
    result = clean_text(raw)
    assert result.text == (f"{first}\n{other}\n\nNew sentence one is here. New sentence two is here.")
    reasons = [(p.reason, p.text) for p in result.removed]
    assert ("repeated paragraph", other) in reasons
    assert ("repeated sentence", variant) in reasons
    assert_offsets_faithful(result)
    assert clean_text(raw) == result  # deterministic


def test_short_sentences_may_repeat():
    raw = "He agreed. The talks went on for hours in Tokyo.\n\nShe agreed. He agreed."
    assert clean_text(raw).text == raw


def test_paragraph_structure_kept():
    raw = ("Line one of paragraph one.\nLine two of paragraph one.\n\n\n  Paragraph two.  \r\n\r\n"
           "Paragraph three.")
    result = clean_text(raw)
    assert result.text == ("Line one of paragraph one.\nLine two of paragraph one.\n\nParagraph two.\n\n"
                           "Paragraph three.")
    assert result.raw == raw.replace("\r\n", "\n")


def test_japanese_text_is_kept_and_deduplicated():
    raw = ("岸田文雄首相は木原稔防衛相と会談した。日米同盟を強化することで一致した。\n\n"
           "岸田文雄首相は木原稔防衛相と会談した。")
    result = clean_text(raw)
    assert result.text == "岸田文雄首相は木原稔防衛相と会談した。日米同盟を強化することで一致した。"
    assert result.removed[0].reason == "repeated paragraph"


# ---- headline below site furniture ------------------------------------------------------------

def test_headline_found_below_lines_of_site_furniture() -> None:
    raw = ("Get all your news in one place.\nOne app.\nStart reading\nThe Daily Example - US\n"
           "Jane Doe (now); John Roe and Ann Poe (earlier)\n\n"
           "Leaders agree new aid package for Ukraine at Washington summit\n\n"
           "Allied leaders meeting in Washington agreed on Wednesday to a new aid package for Ukraine.\n")
    result = clean_text(raw)
    assert result.title == "Leaders agree new aid package for Ukraine at Washington summit"
    assert result.text.startswith("Allied leaders meeting in Washington")
    assert "One app" not in result.text and "Jane Doe" not in result.text


def test_headline_of_two_short_sentences_and_a_section_label_under_it() -> None:
    raw = ("Clear icon\n\nThe summit was about Ukraine. Here are some key things to know\n\n"
           "Leaders met in Washington this week and agreed to a long-term pledge of support.\n")
    assert clean_text(raw).title == "The summit was about Ukraine. Here are some key things to know"
    raw = ("Indian leader to make first state visit to the US this month\nworld\n\n"
           "The prime minister will travel to Washington later this month, officials said on Thursday.\n")
    assert clean_text(raw).title == "Indian leader to make first state visit to the US this month"


def test_body_text_is_never_taken_for_a_headline_further_down() -> None:
    raw = ("Kihara said the alliance was stronger than ever, a view shared by Austin.\n"
           "The ministers discussed missiles\n\nThey met for two hours in Tokyo on Sunday.\n")
    assert clean_text(raw).title == ""


def test_a_sentence_starting_with_by_is_no_byline() -> None:
    from app.ingest.outlets import find_outlet

    assert find_outlet("Leaders met.\nBy subscribing, you can help us get the story right.\n") == ""
    assert find_outlet("By Jane Doe, Kyodo\nLeaders met.\n") == "Kyodo News"
