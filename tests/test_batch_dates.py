"""A wire dateline without a year takes it from the articles loaded beside it."""

from __future__ import annotations

from datetime import date

from app.domain.model import Article, RemovedPart
from app.ingest import load_article
from app.ingest.batch_dates import date_from_batch
from app.run.pipeline import build_briefing


def _art(aid: str, published: date | None, *removed: RemovedPart) -> Article:
    return Article(aid, f"{aid}.txt", aid, "Text.", published=published, removed=list(removed))


def test_the_year_nearest_to_the_batch():
    wire = _art("w", None, RemovedPart("TOKYO, July 29 (Kyodo) -", "dateline"))
    date_from_batch([wire, _art("a", date(2024, 7, 28)), _art("b", date(2024, 7, 30))])
    assert wire.published == date(2024, 7, 29)
    new_year = _art("n", None, RemovedPart("SEOUL, Dec. 30 (Yonhap) -", "dateline"))
    date_from_batch([new_year], [_art("a", date(2025, 1, 2))])  # the articles already there count too
    assert new_year.published == date(2024, 12, 30)


def test_no_guess_without_a_dateline_or_near_dates():
    no_dateline = _art("x", None, RemovedPart("July 29", "headline"))
    far = _art("f", None, RemovedPart("TOKYO, July 29 (Kyodo) -", "dateline"))
    alone = _art("l", None, RemovedPart("TOKYO, July 29 (Kyodo) -", "dateline"))
    date_from_batch([no_dateline, far, _art("a", date(2024, 1, 10))])
    date_from_batch([alone])
    assert no_dateline.published is far.published is alone.published is None


def test_relative_dates_in_a_yearless_wire_story_are_dated(tmp_path):
    (tmp_path / "ap.txt").write_text(
        "Quad ministers meet in Tokyo\n\nJuly 29, 2024\n\nTOKYO (AP) - The foreign ministers met on Monday in Tokyo "
        "to discuss maritime security in the region.\n", encoding="utf-8")
    (tmp_path / "kyodo.txt").write_text(
        "Quad vows maritime push\n\nTOKYO, July 29 (Kyodo) - The four ministers agreed Monday to launch a coast "
        "guard observer mission next year, according to a joint statement.\n", encoding="utf-8")
    assert load_article(tmp_path / "kyodo.txt").published is None  # alone it has no year
    briefing = build_briefing([tmp_path]).briefing
    kyodo = next(a for a in briefing.articles if a.outlet == "Kyodo News")
    assert kyodo.published == date(2024, 7, 29)
    fact = next(f for f in briefing.facts if "coast guard" in f.text)
    assert [(d.text, d.value) for d in fact.dates] == [("Monday", "2024-07-29"), ("next year", "2025")]


def test_a_wire_story_added_to_a_briefing_takes_the_year_of_the_articles_there(tmp_path):
    from app.ui import jobs

    (tmp_path / "kyodo.txt").write_text(
        "Quad vows maritime push\n\nTOKYO, July 29 (Kyodo) - The four ministers agreed Monday to launch a coast "
        "guard observer mission next year, according to a joint statement.\n", encoding="utf-8")
    there = Article("a", "/in/a.txt", "Talks", "The ministers met in Tokyo.", "AP", date(2024, 7, 29))
    outcome = jobs.load_and_extract([there], [tmp_path / "kyodo.txt"])
    added = [a for a in outcome.articles if a.id != "a"]
    assert [a.published for a in added] == [date(2024, 7, 29)]
