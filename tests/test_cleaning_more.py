"""More cleaning: transcript noise, extra junk patterns, binary data refused, HTML without trafilatura's
cross-call de-duplication, and the literal pre-filter that keeps the line filter fast."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.ingest import clean_text, load_article
from app.ingest.boilerplate import classify, default_categories, tidy
from app.ingest.encoding import BINARY, decode_bytes
from app.ingest.literals import required_literals
from app.ingest.transcript import default_rules, find_label, find_notes
from app.shared.errors import IngestError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def faithful(result) -> None:
    for part in result.removed:
        assert result.raw[part.start: part.start + len(part.text)] == part.text, part


def reasons(result) -> dict[str, str]:
    return {p.text: p.reason for p in result.removed}


# ---- transcripts ---------------------------------------------------------------------------------

TRANSCRIPT = """Joint press availability in Tokyo

SECRETARY BLINKEN: (Via interpreter) Thank you very much. We agreed to deepen missile co-production.

MINISTER KAMIKAWA: (Via interpreter) Japan will upgrade its command (Applause.) framework by March.

MODERATOR: We will now take questions from the press.

Q: Did the ministers discuss [inaudible] North Korea at the meeting?

SECRETARY AUSTIN: Yes, we did, at length. (Laughter.)

(Applause.)

MINISTER KIHARA:
Japan will host the next meeting in December.
"""


def test_speaker_labels_and_stage_notes_are_removed_and_recorded():
    result = clean_text(TRANSCRIPT)
    text = result.text
    for junk in ("BLINKEN", "KAMIKAWA", "MODERATOR", "Q:", "AUSTIN", "KIHARA", "interpreter", "Applause",
                 "Laughter", "inaudible"):
        assert junk not in text, junk
    assert text.split("\n\n")[0] == "Thank you very much. We agreed to deepen missile co-production."
    assert "Japan will upgrade its command framework by March." in text
    assert "Did the ministers discuss North Korea at the meeting?" in text
    assert "Japan will host the next meeting in December." in text

    labels = {p.text: p.reason for p in result.removed if p.reason.startswith("speaker label")}
    assert labels == {
        "SECRETARY BLINKEN:": "speaker label (SECRETARY BLINKEN)",
        "MINISTER KAMIKAWA:": "speaker label (MINISTER KAMIKAWA)",
        "MODERATOR:": "speaker label (MODERATOR)",
        "Q:": "speaker label (Q)",
        "SECRETARY AUSTIN:": "speaker label (SECRETARY AUSTIN)",
        "MINISTER KIHARA:": "speaker label (MINISTER KIHARA)",  # a label on a line of its own
    }
    notes = [(p.text, p.reason) for p in result.removed if not p.reason.startswith(("speaker", "headline"))]
    assert notes == [
        ("(Via interpreter)", "interpreter note"), ("(Via interpreter)", "interpreter note"),
        ("(Applause.)", "audience reaction"), ("[inaudible]", "inaudible or crosstalk"),
        ("(Laughter.)", "audience reaction"), ("(Applause.)", "audience reaction"),
    ]
    faithful(result)


def test_mixed_case_labels_count_in_a_transcript_only():
    transcript = ("Moderator: Good afternoon and welcome to the briefing.\n\n"
                  "Foreign Minister Kamikawa: Japan and the Philippines signed the access agreement.\n\n"
                  "Question: When will the agreement enter into force?")
    result = clean_text(transcript, title_hint="Briefing")
    assert result.text.startswith("Good afternoon")
    assert "Japan and the Philippines signed" in result.text and "Kamikawa:" not in result.text
    assert reasons(result)["Foreign Minister Kamikawa:"] == "speaker label (Foreign Minister Kamikawa)"
    # One mixed-case "label" in an ordinary article is prose, not a transcript.
    single = "Spokesperson Kirby: Japan and the Philippines signed the access agreement in July."
    assert find_label(single) is not None  # label-shaped, but alone and not in capitals: kept
    assert single in clean_text("A headline\n\n" + single + "\n\nMore text follows here.").text


@pytest.mark.parametrize("line", [
    "TOKYO: Japan and the United States agreed to upgrade their command structure.",  # a dateline style
    "UPDATE: The ministers will hold a second round of talks in December.",
    "BREAKING: Japan and the Philippines sign a reciprocal access agreement.",
    "Blinken said: the alliance has never been stronger than it is today.",
    "Note: the figures exclude the cost of the new radar systems.",
])
def test_colon_openings_that_are_not_speakers_stay(line):
    result = clean_text(f"Some headline here\n\n{line}\n\nAnother paragraph follows with more text.")
    assert line in result.text


@pytest.mark.parametrize("sentence", [
    "The ministers met (in Tokyo) on Sunday to discuss the alliance.",
    "The agreement (signed in July) covers joint exercises.",
    "Japan's parliament (the Diet) approved the budget.",
    "The deal was worth 1.7 billion dollars [about 250 billion yen].",
])
def test_ordinary_brackets_are_not_stage_notes(sentence):
    assert find_notes(sentence) == []
    assert clean_text(sentence).text == sentence


def test_repeated_transcript_answer_is_deduplicated_after_its_label():
    answer = "We agreed to deepen cooperation on missile co-production with Japan."
    raw = f"SECRETARY BLINKEN: {answer}\n\nMODERATOR: Next question.\n\nSECRETARY AUSTIN: {answer}"
    result = clean_text(raw, title_hint="Remarks")
    assert result.text.count(answer) == 1
    faithful(result)


def test_transcript_rules_load_from_the_yaml():
    rules = default_rules()
    assert rules.speaker_reason == "speaker label"
    assert {"q", "moderator", "secretary", "minister"} <= rules.roles
    assert {reason for _, reason in rules.notes} == {"interpreter note", "audience reaction",
                                                      "inaudible or crosstalk"}


# ---- more junk lines and the sentences that must survive them ------------------------------------

@pytest.mark.parametrize("line,reason", [
    ("Share your thoughts in the comments below.", "promotion"),
    ("What do you think? Tell us in the comments.", "promotion"),
    ("Donate now", "promotion"),
    ("Like and subscribe for more videos!", "promotion"),
    ("Follow our live coverage here", "promotion"),
    ("Listen to the podcast on Spotify", "promotion"),
    ("Turn on notifications to get alerts", "promotion"),
    ("Like this article? Share it with your friends", "promotion"),
    ("Generated by AI", "AI-generated"),
    ("AI-generated summary", "AI-generated"),
    ("Summary generated by AI. Check important info.", "AI-generated"),
    ("Published by Jane Doe", "byline"),
    ("Print this page", "share"),
    ("1,234 views", "counter"),
    ("Photo by Kim Hong-Ji/Reuters", "credit"),
])
def test_more_junk_lines(line, reason):
    assert reason in (classify(line) or ""), line


@pytest.mark.parametrize("sentence", [
    "What do you think about the deal, Kihara asked the reporters.",
    "The officials warned that AI-generated disinformation threatens both allies.",
    "AI-generated content is flooding social media, officials said.",
    "The report was published by the Ministry of Defense.",
    "Japan will donate patrol boats to the Philippines.",
    "Officials said they would share details below the level of ministers.",
    "Austin said the plan was generated by staff using AI tools.",
    "The two countries will enable notifications of missile launches within seconds.",
])
def test_sentences_that_look_a_bit_like_junk_stay(sentence):
    assert classify(sentence) is None
    assert classify(sentence, sentence=True) is None


# ---- the literal pre-filter changes speed, never results --------------------------------------------

def test_required_literals():
    assert required_literals(r".*\bclick here\b.*") == {"click here"}
    assert required_literals(r"(?:don't|do not)\s+forget.*") in ({"don't", "do not"}, {"forget"})
    assert required_literals(r".*\b(?:reuters|afp)\s*/\s*(?-i:[A-Z]).{0,60}") in ({"reuters", "afp"}, {"/"})
    assert required_literals(r"[^\w]+") is None
    assert required_literals(r"\d+") is None


def _lines() -> list[str]:
    lines = [line for path in SEEDS.glob("*.txt") for line in path.read_text(encoding="utf-8").split("\n")]
    lines += [
        "Photo: Reuters", "Don't forget to catch the game live on Channel 9", "Click here to read more",
        "U.S. Secretary of State Antony Blinken speaks in Tokyo. REUTERS/Issei Kato/Pool",
        "The ministers met in Tokyo; click here for the statement.", "© 2024 Reuters. All rights reserved.",
        "Associated Press writer Mari Yamaguchi contributed to this report.", "We use cookies to improve it.",
    ]
    return [line.strip() for line in lines if line.strip()]


def _variants(lines: list[str]) -> list[str]:
    """Each line as written and reworded at its edges, where the prefix/literal gates could go wrong."""
    out = []
    for line in lines:
        out += [line, line.upper(), line.lower(), f"[{line}]", f"({line})", f"Note: {line}", f"{line} today",
                f"- {line}", f"\u2022 {line}", line.replace("'", "\u2019"), line[:40], line[-40:]]
    return out


def _junk_lines() -> list[str]:
    import yaml

    from app.shared.paths import resource_path

    here = Path(__file__).resolve().parent
    lines = []
    for name in ("test_cleaning.py", "test_cleaning_more.py"):
        source = (here / name).read_text(encoding="utf-8")
        lines += [ln.strip().strip(",").strip('("').split('",')[0].strip('"') for ln in source.splitlines()
                  if ln.strip().startswith(('"', '("')) and len(ln.strip()) > 8]
    data = yaml.safe_load(resource_path("boilerplate.yaml").read_text(encoding="utf-8"))
    lines += [entry["reason"] for entry in data["categories"]]
    return lines


@pytest.mark.parametrize("sentence_mode", [False, True])
def test_classify_matches_the_plain_alternation(sentence_mode):
    for line in _variants(_lines() + _junk_lines()):
        text = tidy(line)
        words = len(text.split())
        expected = next((c.reason for c in default_categories()
                         if (c.sentences or not sentence_mode) and words <= c.max_words
                         and c.pattern.fullmatch(text)), None)
        if expected is not None or classify(line, sentence=sentence_mode) is not None:
            assert classify(line, sentence=sentence_mode) == expected, line


def test_paragraph_gate_for_sentences_changes_nothing():
    from app.ingest.boilerplate import has_sentence_literals
    from app.ingest.sentence_split import split_sentences

    paragraphs = _variants(_lines()) + [" ".join(_junk_lines()[i:i + 3]) for i in range(0, 60, 3)]
    for para in paragraphs:
        gate = has_sentence_literals(para)
        for a, b in split_sentences(para):
            sentence = para[a:b]
            assert classify(sentence, sentence=True, floating=gate) == classify(sentence, sentence=True)


# ---- bytes that are not text ------------------------------------------------------------------------

def _repeated(seed: int) -> bytes:
    # A new generator per byte: the same byte 6,000 times (what a broken export can look like).
    return bytes(random.Random(seed).randrange(256) for _ in range(6000))


def _random(seed: int, low: int = 1) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(low, 256) for _ in range(4000))


@pytest.mark.parametrize("data", [
    _repeated(7),  # once read as cp949 "ⅴⅴⅴ..."
    _repeated(8),  # "tttt..."
    _repeated(9),
    _repeated(11),
    b"\x89PNG\r\n\x1a\n" + _repeated(7),
    b"\x89PNG\r\n\x1a\n" + _random(3),
    _random(5, low=0x80),  # only high bytes
    _random(6),
    _random(7)[:300],
])
def test_binary_data_is_refused(tmp_path, data):
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError) as exc:
        load_article(path)
    assert exc.value.problem == BINARY


@pytest.mark.parametrize("encoding,text", [
    ("euc_kr", "윤석열 대통령은 도쿄에서 기시다 후미오 일본 총리와 정상회담을 갖고 "
               "한미일 안보 협력을 강화하기로 "
               "합의했다. 양국 국방장관도 별도로 만나 북한의 미사일 위협에 공동 대응하기로 했다."),
    ("gb18030", "日本防卫大臣木原稔与美国国防部长奥斯汀在东京举行会谈，"
                "双方同意升级驻日美军的指挥结构，以加强同盟的威慑力。"),
    ("koi8_r", "Министр обороны Японии Минору Кихара встретился с коллегой в Токио и обсудил "
               "вопросы безопасности."),
    ("cp1253", "Ο υπουργός Άμυνας της Ιαπωνίας συναντήθηκε με τον Αμερικανό ομόλογό του στο Τόκιο."),
    ("cp874", "รัฐมนตรีกลาโหมญี่ปุ่นพบกับรัฐมนตรีกลาโหมสหรัฐที่กรุงโตเกียว"
              "เพื่อหารือเรื่องความมั่นคงในภูมิภาค"),
    ("cp1256", "التقى وزير الدفاع الياباني بنظيره الأمريكي في طوكيو لمناقشة قضايا الأمن الإقليمي "
               "وتعزيز التحالف."),
    ("euc_jp", "岸田文雄首相と木原稔防衛相は東京で会談し、日米同盟の抑止力を強化することで一致した。" * 3),
    ("utf-8", "Results: 12.5% | 13.1% | 14.0%\n" * 20 + "Great news 🎉 for the alliance! ✅"),
])
def test_real_text_in_many_encodings_still_decodes(encoding, text):
    assert decode_bytes(text.encode(encoding)) == text


# ---- HTML: trafilatura with deduplicate off ------------------------------------------------------

PAGE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>Japan and the United States agreed on Sunday to upgrade the command of U.S. forces in Japan.</p>
<p>The ministers also pledged to expand the co-production of missiles in Japan.</p>
<p>{extra}</p></article></body></html>"""


def test_html_pages_sharing_paragraphs_both_keep_them(tmp_path, monkeypatch):
    import trafilatura

    calls = []
    real = trafilatura.bare_extraction

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    texts = []
    for i, extra in enumerate(["Kihara met Austin in Tokyo on Sunday afternoon for two hours.",
                               "Kamikawa met Blinken in Tokyo on Sunday morning before the talks."]):
        path = tmp_path / f"page{i}.html"
        path.write_text(PAGE.format(title=f"Allies upgrade command {i}", extra=extra), encoding="utf-8")
        texts.append(load_article(path).text)
    for text in texts:  # trafilatura's own de-duplication would drop these from the second page
        assert "agreed on Sunday to upgrade the command" in text
        assert "co-production of missiles" in text
    assert calls and all(kw.get("deduplicate") is False for kw in calls)
