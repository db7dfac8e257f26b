"""Sentence splitting: offsets into the original text, abbreviation-aware."""

from __future__ import annotations

import time

import pytest

from app.ingest.sentence_split import split_sentences

CASES: list[tuple[str, list[str]]] = [
    # Plain prose.
    ("One sentence here. Another one follows.", ["One sentence here.", "Another one follows."]),
    ("Is it true? Yes it is! Good.", ["Is it true?", "Yes it is!", "Good."]),
    ("No final period", ["No final period"]),
    ("   Leading and trailing space.   ", ["Leading and trailing space."]),
    # U.S. with and without the final period.
    ("The U.S and Japanese officials met.", ["The U.S and Japanese officials met."]),
    ("The U.S. forces in Japan will grow.", ["The U.S. forces in Japan will grow."]),
    ("Talks with the U.S. The ministers then left.", ["Talks with the U.S.", "The ministers then left."]),
    ("Japan backs the U.S. It also backs Seoul.", ["Japan backs the U.S.", "It also backs Seoul."]),
    ("Both U.S. and Japan opposed this.", ["Both U.S. and Japan opposed this."]),
    ("He met U.S. Secretary of State Antony J. Blinken today.",
     ["He met U.S. Secretary of State Antony J. Blinken today."]),
    ("It sailed with the U.S. 7th Fleet.", ["It sailed with the U.S. 7th Fleet."]),
    ("Seoul hosted the U.S. However, Tokyo did not.", ["Seoul hosted the U.S.", "However, Tokyo did not."]),
    ("Aid from the U.S. In April, Japan agreed.", ["Aid from the U.S.", "In April, Japan agreed."]),
    ("The U.S. Indo-Pacific Command leads.", ["The U.S. Indo-Pacific Command leads."]),
    ("The U.K. and the U.N. agreed. They signed.", ["The U.K. and the U.N. agreed.", "They signed."]),
    # Names, initials and suffixes.
    ("Lloyd J. Austin III met Kihara.", ["Lloyd J. Austin III met Kihara."]),
    ("Gilberto C. Teodoro, Jr. said the deal holds. Manila agreed.",
     ["Gilberto C. Teodoro, Jr. said the deal holds.", "Manila agreed."]),
    ("They met Gilberto C. Teodoro, Jr. The talks were brief.",
     ["They met Gilberto C. Teodoro, Jr.", "The talks were brief."]),
    ("Harry S. Truman was president.", ["Harry S. Truman was president."]),
    # Titles.
    ("Gen. Charles Flynn spoke.", ["Gen. Charles Flynn spoke."]),
    ("Adm. John Aquilino retired in May.", ["Adm. John Aquilino retired in May."]),
    ("Lt. Gen. Ricky Rupp commands. He is new.", ["Lt. Gen. Ricky Rupp commands.", "He is new."]),
    ("Mr. Kishida and Dr. Smith met.", ["Mr. Kishida and Dr. Smith met."]),
    ("Sec. Blinken arrived.", ["Sec. Blinken arrived."]),
    ("Sen. Jim Risch and Rep. Mike Rogers wrote.", ["Sen. Jim Risch and Rep. Mike Rogers wrote."]),
    ("He lives on St. Paul Street.", ["He lives on St. Paul Street."]),
    # Numbers, money, dates and times.
    ("Japan is the No. 1 buyer.", ["Japan is the No. 1 buyer."]),
    ("The deal costs $1.7 billion. It is large.", ["The deal costs $1.7 billion.", "It is large."]),
    ("Spending rose 3.5% in 2024. Growth slowed.", ["Spending rose 3.5% in 2024.", "Growth slowed."]),
    ("They meet on Jan. 5 in Tokyo.", ["They meet on Jan. 5 in Tokyo."]),
    ("The call was at 9 a.m. on Monday.", ["The call was at 9 a.m. on Monday."]),
    ("Talks began at 9 a.m. The ministers spoke.", ["Talks began at 9 a.m.", "The ministers spoke."]),
    ("They ended at 5 p.m. Then they ate.", ["They ended at 5 p.m.", "Then they ate."]),
    ("It holds approx. 500 troops.", ["It holds approx. 500 troops."]),
    ("See Art. 9 of the constitution.", ["See Art. 9 of the constitution."]),
    ("Missiles, e.g. PAC-3, are needed.", ["Missiles, e.g. PAC-3, are needed."]),
    ("Allies, i.e. Japan and Korea, agreed.", ["Allies, i.e. Japan and Korea, agreed."]),
    ("It was Japan vs. China again.", ["It was Japan vs. China again."]),
    # Quotes and ellipses.
    ('"We will act..." he said. Others agreed.', ['"We will act..." he said.', "Others agreed."]),
    ('"We will act." The crowd cheered.', ['"We will act."', "The crowd cheered."]),
    ('"Why now?" she asked.', ['"Why now?" she asked.']),
    ("He paused\u2026 Then he left.", ["He paused\u2026", "Then he left."]),
    ("They wanted ... more talks.", ["They wanted ... more talks."]),
    ("Tokyo (in Japan.) The next day.", ["Tokyo (in Japan.)", "The next day."]),
    ("He said: \u201cWe agree.\u201d Japan nodded.", ["He said: \u201cWe agree.\u201d", "Japan nodded."]),
    # Line structure.
    ("First paragraph.\n\nSecond paragraph.", ["First paragraph.", "Second paragraph."]),
    ("Headline Without Period\nThe body starts here.", ["Headline Without Period", "The body starts here."]),
    ("July 28th 2024.\nToday in Tokyo, leaders met.", ["July 28th 2024.", "Today in Tokyo, leaders met."]),
    ("The talks ended.\nThe U.S. will lead.", ["The talks ended.", "The U.S. will lead."]),
    ("Both sides backed the U.S.\nJapan agreed.", ["Both sides backed the U.S.", "Japan agreed."]),
    ("Key points:\n- more missiles\n- a new command", ["Key points:", "- more missiles", "- a new command"]),
    ("1. The first point is this.", ["1. The first point is this."]),
    ("The ministers met with\nJapanese officials today.",
     ["The ministers met with\nJapanese officials today."]),
    (
        "The ministers of the two countries met in Tokyo on Sunday to talk about\n"
        "the command structure of the forces stationed in Japan and to agree on\n"
        "Japanese production of missiles for export. They also discussed China.",
        [
            "The ministers of the two countries met in Tokyo on Sunday to talk about\n"
            "the command structure of the forces stationed in Japan and to agree on\n"
            "Japanese production of missiles for export.",
            "They also discussed China.",
        ],
    ),
    ("\u00a00\n\u00a00", ["0", "0"]),
    ("", []),
    # CJK full stops end a sentence with no space after them; a closing bracket stays with its sentence
    ("日米両政府は東京で協議を開いた。両氏は合意した！今後はどうか？",
     ["日米両政府は東京で協議を開いた。", "両氏は合意した！", "今後はどうか？"]),
    ("木原防衛相は「抑止力が強化される。」と述べた。The U.S. agreed.",
     ["木原防衛相は「抑止力が強化される。」と述べた。", "The U.S. agreed."]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_split(text: str, expected: list[str]) -> None:
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == expected
    for a, b in spans:
        assert text[a:b] == text[a:b].strip()
    assert spans == sorted(spans)


def test_offsets_never_overlap_and_cover_words() -> None:
    text = "Alpha beta.  Gamma delta!\n\nEpsilon U.S. zeta?  Eta."
    spans = split_sentences(text)
    for (_a1, b1), (a2, _b2) in zip(spans, spans[1:], strict=False):
        assert b1 <= a2
    words = set(text.split())
    covered = set(" ".join(text[a:b] for a, b in spans).split())
    assert words == covered


def test_speed_over_a_million_words_per_minute() -> None:
    para = (
        "On Sunday, the U.S. and Japanese ministers met in Tokyo. Lloyd J. Austin III said the deal, "
        "worth $1.7 billion, is No. 1 on the agenda. \"We will act...\" he said. The U.S. It was 9 a.m.\n\n"
    )
    text = para * 3000  # ~150k words
    words = len(text.split())
    t0 = time.perf_counter()
    spans = split_sentences(text)
    elapsed = time.perf_counter() - t0
    assert len(spans) == 5 * 3000
    assert words / elapsed * 60 > 1_000_000
