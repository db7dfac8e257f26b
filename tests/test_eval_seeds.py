"""The reference facts for the two sample articles (tests/data/eval_*.yaml), checked end to end.

seed_000 in the reference files is the preview article, seed_003 the report. Phrases are matched
case-insensitively after folding quotes, dashes and whitespace.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.domain import Briefing, Fact
from app.run.pipeline import build_briefing

DATA = Path(__file__).parent / "data"
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                       "\u2014": "-", "\u00a0": " "})


def norm(text: str) -> str:
    return " ".join(text.translate(_FOLD).lower().split())


@pytest.fixture(scope="module")
def cross() -> dict:
    return yaml.safe_load((DATA / "eval_seeds_cross.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    root = Path(__file__).resolve().parent.parent / "seeds"
    result = build_briefing(sorted(root.glob("*.txt")))
    assert not result.errors
    return result.briefing


@pytest.fixture(scope="module")
def sides(briefing: Briefing) -> dict[str, str]:
    """article id -> "seed_000" (preview) or "seed_003" (report)."""
    out = {}
    for art in briefing.articles:
        out[art.id] = "seed_000" if "preview" in Path(art.path).name else "seed_003"
    assert sorted(out.values()) == ["seed_000", "seed_003"]
    return out


def sources(fact: Fact, briefing: Briefing, sides: dict[str, str]) -> list[tuple[str, str]]:
    out = []
    for span in fact.sources:
        art = briefing.article(span.article_id)
        out.append((sides[span.article_id], norm(art.text[span.start:span.end])))
    return out


def holds(pair: dict, srcs: list[tuple[str, str]]) -> bool:
    """Each side of ``pair`` has one of its phrases in a source sentence from that side."""
    return all(any(norm(p) in text for side, text in srcs if side == key for p in pair[key])
               for key in ("seed_000", "seed_003"))


def test_corroborated_pairs_are_merged(briefing, sides, cross):
    merged = [p["id"] for p in cross["corroborated"]
              if any(holds(p, sources(f, briefing, sides)) for f in briefing.facts)]
    # "meeting-date" cannot merge: its preview phrase is the dateline, which cleaning turns into metadata.
    assert len(merged) >= 8, merged


def test_no_wrong_merges(briefing, sides, cross):
    for fact in briefing.facts:
        srcs = sources(fact, briefing, sides)
        if len({side for side, _ in srcs}) < 2:
            continue
        identical = len({text.rstrip(".") for _, text in srcs}) == 1
        assert identical or any(holds(p, srcs) for p in cross["corroborated"]), (fact.id, srcs)


def test_every_fact_source_is_cited_once(briefing):
    seen = set()
    for fact in briefing.facts:
        for span in fact.sources:
            assert span not in seen
            seen.add(span)


def test_patriot_disagreement_flagged_on_both_sides(briefing, sides, cross):
    diff = next(d for d in cross["differences"] if d["id"] == "patriot-pac3-recipient")
    by_id = {f.id: f for f in briefing.facts}

    def has(fact: Fact, key: str) -> bool:
        return any(norm(p) in text for side, text in sources(fact, briefing, sides) if side == key
                   for p in diff[key])

    report = [f for f in briefing.facts if has(f, "seed_003")]
    preview = [f for f in briefing.facts if has(f, "seed_000")]
    assert report and preview
    assert not set(f.id for f in report) & set(f.id for f in preview)  # never merged away
    for fact in report:
        others = [by_id[c.fact_id] for c in fact.conflicts]
        assert any(has(o, "seed_000") for o in others)
        assert any("Ukraine" in c.reason and "United States" in c.reason for c in fact.conflicts)
    flagged = [f for f in preview if any(has(by_id[c.fact_id], "seed_003") for c in f.conflicts)]
    assert len(flagged) == len(preview) == 2  # "for export to the United States", "provided the US with"
    for fact in flagged:
        reason = next(c.reason for c in fact.conflicts if has(by_id[c.fact_id], "seed_003"))
        assert reason.startswith("Recipient differs: United States")


def test_no_false_conflicts(briefing, sides, cross):
    diff = next(d for d in cross["differences"] if d["id"] == "patriot-pac3-recipient")
    phrases = [norm(p) for key in ("seed_000", "seed_003") for p in diff[key]]
    for fact in briefing.facts:
        if fact.conflicts:
            assert any(p in text for _, text in sources(fact, briefing, sides) for p in phrases), fact.text


def test_no_boilerplate_in_any_fact(briefing):
    lines = []
    for name in ("eval_seed_preview.yaml", "eval_seed_report.yaml"):
        data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        lines += [norm(b) for b in data.get("boilerplate") or [] if len(norm(b)) > 3]
    assert lines
    for fact in briefing.facts:
        for line in lines:
            assert line not in norm(fact.text)
        assert "generated with ai" not in norm(fact.text)
        assert "channel 9" not in norm(fact.text)


def test_no_duplicate_facts_from_the_report(briefing, sides):
    texts = [norm(f.text) for f in briefing.facts]
    assert len(texts) == len(set(texts))
    report_spans = [text for f in briefing.facts for side, text in sources(f, briefing, sides)
                    if side == "seed_003"]
    assert len(report_spans) == len(set(report_spans))
