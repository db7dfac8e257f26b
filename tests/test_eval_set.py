"""The labelled evaluation set stays valid, and the memo bench's matching keeps working on it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from app.extract.topics import default_taxonomy

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT / "tests" / "data" / "eval_meetings"
sys.path.insert(0, str(ROOT / "bench"))

import memo_eval  # noqa: E402

MEETING_KEYS = {"meeting", "kind", "parties", "place", "date", "status"}
KINDS = {"two_plus_two", "ministerial", "summit", "bilateral", "trilateral", "multilateral", "press_conference",
         "visit", "call", "meeting"}
TEXT_KEYS = {"url", "outlet", "title", "published", "kind", "facts"}
LABEL_FILES = sorted(EVAL_DIR.glob("*/[0-9]*.yaml"))
SECTIONS = set(default_taxonomy().keys) | {"economy_trade"}


def test_the_set_has_several_meetings_and_texts() -> None:
    folders = {p.parent for p in LABEL_FILES}
    assert len(folders) >= 3
    assert len(LABEL_FILES) >= 16
    kinds = {yaml.safe_load(p.read_text(encoding="utf-8"))["kind"] for p in LABEL_FILES}
    assert kinds == {"news", "official"}


@pytest.mark.parametrize("folder", sorted({p.parent for p in LABEL_FILES}), ids=lambda p: p.name)
def test_meeting_file(folder: Path) -> None:
    data = yaml.safe_load((folder / "meeting.yaml").read_text(encoding="utf-8"))
    assert MEETING_KEYS <= set(data)
    assert data["kind"] in KINDS
    assert data["status"] in {"happened", "upcoming"}
    assert len(list(folder.glob("[0-9]*.txt"))) >= 2


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_label_file(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert TEXT_KEYS <= set(data)
    assert data["kind"] in {"news", "official"}
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    assert data["facts"], "every text keeps some facts"
    for fact in data["facts"]:
        quote = fact["quote"]
        assert len(quote.split()) >= 5 or len(quote) >= 25, quote
        assert text.count(quote) == 1, f"quote not found exactly once: {quote!r}"
        assert "\n" not in quote
        assert fact["section"] in SECTIONS, fact["section"]
    lines = text.splitlines()
    for line in data.get("boilerplate") or []:
        assert line in lines, f"boilerplate line not in the text: {line!r}"


def test_bench_matching_on_one_meeting() -> None:
    folder = EVAL_DIR / "aukus-defence-ministers-pentagon-2022-12"
    score = memo_eval.evaluate_folder(folder, pdf=True)
    labels, _ = memo_eval.read_labels(folder)
    assert score.labelled == len(labels) > 0
    assert score.found >= score.labelled * 0.8  # these sentences are plain statements: extraction keeps them
    assert score.agree <= score.found and score.ticked <= score.found
    assert score.pages and score.pages >= 1
    assert score.boilerplate > 0


def test_matching_needs_an_overlapping_span() -> None:
    from app.domain import Article, Briefing, Fact, SourceSpan

    text = "Ministers met in Tokyo on Monday. They agreed a new plan for maritime security."
    art = Article(id="a1", path="/x/01-t.txt", title="t", text=text)
    start = text.index("They agreed")
    fact = Fact(id="f1", text=text[start:], section="alliances_regional",
                sources=[SourceSpan("a1", start, len(text))])
    briefing = Briefing(articles=[art], facts=[fact])
    labels = [memo_eval.Label("01-t.txt", "agreed a new plan for maritime", "alliances_regional"),
              memo_eval.Label("01-t.txt", "Ministers met in Tokyo on Monday", "date_venue")]
    score = memo_eval.Score("t")
    memo_eval.match(briefing, labels, score)
    assert (score.labelled, score.found, score.agree, score.ticked) == (2, 1, 1, 1)
