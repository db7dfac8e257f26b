"""Page budget: read from each template, filled by the default selection, checked against real renders."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.model import Article, Briefing, DateMention, Event, Fact, MemoMeta, SourceSpan, TimelineEvent
from app.launch.cli import main
from app.memo import Table, build_memo
from app.memo.budget import budget_note, estimate_fraction, estimate_pages, page_budget
from app.memo.selection import near_duplicate, rank_candidates, select_default, signature
from app.memo.template import PageBudget, load_template, parse_template
from app.memo.timeline_rows import event_clause, short_when, timeline_rows
from app.render import export_memo
from app.run.pipeline import build_briefing
from app.shared.errors import ExportError

# Ten short reports of one meeting that is not the samples' (defence ministers of Australia and the
# Philippines), in varied wording, sharing some facts so that merging and near-duplicates are exercised.
_LEDES = [
    "Australian Defence Minister Richard Marles and Philippine Defense Secretary Gilberto Teodoro met in "
    "Manila on 14 March 2025 for their annual defence ministers' meeting.",
    "Defence ministers from Australia and the Philippines held talks in Manila on 14 March 2025.",
]
_FACTS = [
    "The two ministers agreed to expand joint maritime patrols in the South China Sea from June 2025.",
    "Australia will provide the Philippine Navy with six unmanned surface vessels worth $40 million.",
    "The ministers signed a memorandum on defence industry cooperation covering shipbuilding and repair.",
    "Teodoro said Chinese coast guard vessels had used water cannon against Philippine supply boats.",
    "Marles announced that 2,000 Australian troops would join the Balikatan exercise in April 2025.",
    "The Philippines plans to buy twelve more FA-50 fighter jets by 2027.",
    "A status of visiting forces agreement between the two countries entered into force in 2012.",
    "Officials launched a working group on cyber defence and secure communications.",
    "Australia's ambassador Hae Kyong Yu attended the signing ceremony at Camp Aguinaldo.",
    "Both sides pledged to hold the next meeting in Canberra in 2026.",
    "Analysts in Manila described the agreement as the most significant step in the partnership in a decade.",
    "The ministers also discussed supply chain security for critical minerals.",
]


def _write_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        picks = [_FACTS[(i + k * 3) % len(_FACTS)] for k in range(5)]
        body = "\n\n".join([_LEDES[i % 2], *picks])
        (folder / f"2025-03-{14 + i % 3:02d}_report_{i:02d}.txt").write_text(
            f"Australia and Philippines deepen defence ties ({i})\n\n{body}\n", encoding="utf-8")


# -- the budget in the templates ---------------------------------------------------------------------

def test_every_template_declares_its_budget():
    memo = load_template("information-memo").page_budget
    assert memo == PageBudget(pages=2, articles=10, extra_pages=1, max_pages=4)
    assert [memo.pages_for(n) for n in (1, 10, 11, 20, 21, 100)] == [2, 2, 3, 3, 4, 4]
    for name in ("point-paper", "executive-brief"):
        budget = load_template(name).page_budget
        assert budget.pages_for(1) == 1 and budget.pages_for(60) == 1


def test_page_budget_key_is_checked():
    assert parse_template({"page_budget": 3}, "t.yaml").page_budget.pages_for(50) == 3
    assert parse_template({}, "t.yaml").page_budget.pages_for(5) == 2
    for bad in ({"pages": "two"}, {"pages": 0}, "lots"):
        with pytest.raises(ExportError, match="page_budget"):
            parse_template({"page_budget": bad}, "t.yaml")


def test_budget_note_only_when_over():
    assert budget_note(2, 2) == ""
    assert budget_note(3, 2) == "3 pages \u2014 over the 2-page budget"


# -- the estimate against real renders -----------------------------------------------------------------

def test_estimate_matches_the_renderer_on_the_samples(seed_paths, tmp_path):
    briefing = build_briefing(seed_paths).briefing
    order = sorted(briefing.facts, key=lambda f: -f.score)
    for n in (0, 3, 8, 15, len(order)):
        for i, fact in enumerate(order):
            fact.included = i < n
        memo = build_memo(briefing)
        rendered = export_memo(briefing, tmp_path / "m.pdf").pages
        assert abs(estimate_pages(memo) - rendered) <= 1
        assert estimate_fraction(memo) > rendered - 1.05  # never far short: selection relies on it


# -- default selection -------------------------------------------------------------------------------

def test_samples_default_memo_fits_two_pages(seed_paths, tmp_path):
    briefing = build_briefing(seed_paths).briefing
    ticked = [f for f in briefing.facts if f.included]
    assert ticked
    pdf = export_memo(briefing, tmp_path / "memo.pdf")
    assert pdf.pages <= 2 and len(PdfReader(str(pdf.path)).pages) <= 2
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf.path)).pages)
    assert "over the" not in text
    for a in ticked:
        assert a.status != "opinion" and not a.needs_context
        for b in ticked:
            if a is not b:
                assert not near_duplicate(signature(a.memo_wording()), signature(b.memo_wording()))
    docx = export_memo(briefing, tmp_path / "memo.docx").path
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:  # Word's page count as LibreOffice lays it out
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"),
                        str(docx)], check=True, capture_output=True, timeout=180)
        assert len(PdfReader(str(tmp_path / "lo" / "memo.pdf")).pages) <= 2


def test_ten_article_briefing_stays_within_budget(tmp_path):
    _write_articles(tmp_path / "in", 10)
    briefing = build_briefing([tmp_path / "in"]).briefing
    assert len(briefing.articles) == 10
    ticked = [f for f in briefing.facts if f.included]
    assert len(ticked) >= 2
    assert estimate_fraction(build_memo(briefing)) > 1.0  # the budget is filled, not left half empty
    assert export_memo(briefing, tmp_path / "memo.pdf").pages <= 2
    select_default(briefing, "point-paper")
    briefing.memo.template = "point-paper"
    assert sum(f.included for f in briefing.facts) >= 2
    assert export_memo(briefing, tmp_path / "point-paper.pdf").pages <= 1
    # The executive brief's Key Facts box, tables and ten sources fill most of its one page: the selection
    # keeps what fits, or the one best fact when nothing does (the export then says it runs over).
    chosen = select_default(briefing, "executive-brief")
    briefing.memo.template = "executive-brief"
    pages = export_memo(briefing, tmp_path / "brief.pdf").pages
    assert chosen >= 1 and (pages <= 1 or chosen == 1)


def test_point_paper_fits_one_page_on_the_samples(seed_paths, tmp_path):
    briefing = build_briefing(seed_paths).briefing
    assert select_default(briefing, "point-paper") >= 2
    briefing.memo.template = "point-paper"
    assert export_memo(briefing, tmp_path / "point-paper.pdf").pages <= 1


def _fact(fid: str, text: str, score: float = 0.7, articles: int = 1, **kw) -> Fact:
    sources = [SourceSpan(f"A{i}", 0, 10) for i in range(articles)]
    return Fact(fid, text, kw.pop("section", "defence_industry"), score=score, sources=sources, **kw)


def test_ranking_prefers_outcomes_and_corroboration_and_never_ticks_opinion_or_context():
    facts = [
        _fact("F1", "Japan has long worried about the security situation in the region.", 0.7),
        _fact("F2", "The ministers signed a deal to co-produce interceptor missiles.", 0.7),
        _fact("F3", "Both outlets report the new headquarters in Yokota will open in 2026.", 0.7, articles=2),
        _fact("F4", "This is a terrible idea, the senator wrote.", 0.9, status="opinion"),
        _fact("F5", "They then raised it again.", 0.9, needs_context=True),
        _fact("F6", "The ministers signed a deal to co-produce the interceptor missiles.", 0.69),
        _fact("F7", "Before this, the allies met in Singapore.", 0.75, section="political_context"),
    ]
    ranked = [f.id for f in rank_candidates(facts)]
    assert "F4" not in ranked and "F5" not in ranked and "F6" not in ranked  # F6 repeats F2
    assert ranked.index("F2") < ranked.index("F1") and ranked.index("F3") < ranked.index("F1")
    assert ranked[-1] == "F7"  # background last


def test_once_the_meeting_has_happened_a_previews_expectation_and_last_years_news_rank_lower():
    facts = [
        _fact("F1", "The leaders will attend a state dinner at the palace during the visit.", 0.8, status="expected"),
        _fact("F2", "The leaders agreed to co-produce jet engines in Bangalore.", 0.7),
        _fact("F3", "Last May, the leaders agreed a technology initiative with India.", 0.75),
        _fact("F4", "India's industry body welcomed the engine deal with Washington.", 0.7),
    ]
    article = Article("A0", "/x/a.txt", "T", "x", published=date(2023, 6, 23))

    def order(status: str) -> list[str]:
        event = Event(id="E01", kind="visit", parties=["India", "United States"], date="2023-06-22",
                      status=status, main=True)
        return [f.id for f in rank_candidates(facts, Briefing([article], facts, events=[event]))]

    assert order("upcoming").index("F1") < order("upcoming").index("F4")  # a preview's plans lead a preview
    happened = order("happened")
    assert happened.index("F1") > happened.index("F4")  # the dinner took place: the report says what came of it
    assert happened.index("F3") > happened.index("F4")  # "Last May, ...": background


def test_near_duplicates_by_wording_and_by_figures():
    a = signature("Japan agreed to buy 400 Tomahawk missiles for $1.7 billion.")
    assert near_duplicate(a, signature("Japan will purchase 400 Tomahawk missiles at a cost of $1.7 billion."))
    assert not near_duplicate(a, signature("South Korea launched its first spy satellite in December."))


# -- timeline ------------------------------------------------------------------------------------------

def test_seed_timeline_rows_are_short_ordered_clauses(seed_paths):
    briefing = build_briefing(seed_paths).briefing
    for fact in briefing.facts:
        fact.included = True
    memo = build_memo(briefing)
    table = next(b for b in memo.blocks if isinstance(b, Table) and b.key == "timeline")
    assert table.rows
    for when, text, _ in table.rows:
        assert "\u2026" not in text and len(text.split()) <= 16 and not text.endswith(".")
        assert not text.lower().startswith(("this comes after", "furthermore", "in addition"))
        assert when not in text
    rows = {when: text for when, text, _ in table.rows}
    assert rows["Dec 2023"] == "Japan eased its arms export restrictions and provided the US with PAC-3 missiles"
    assert rows["Jan 2024"].startswith("Japan agreed to purchase 400 Tomahawk missiles")
    order = list(rows)
    assert order.index("Dec 2023") < order.index("Jan 2024") < order.index("28 Jul 2024")


def test_timeline_merges_sources_and_names_the_main_meeting():
    facts = [
        _fact("F1", "Defence ministers of Japan and the Philippines met in Manila on 8 July 2024.",
              dates=[DateMention("8 July 2024", "2024-07-08", "day")], included=True),
        _fact("F2", "Japan and the Philippines signed a reciprocal access agreement in Manila on 8 July 2024.",
              dates=[DateMention("8 July 2024", "2024-07-08", "day")], included=True),
        _fact("F3", "In April, the leaders agreed to deepen cooperation at a White House summit.",
              dates=[DateMention("April", "2024-04", "month")], included=True),
        _fact("F4", "Leaders agreed to deepen cooperation at the White House summit in April.",
              dates=[DateMention("April", "2024-04", "month")], included=True),
        _fact("F5", "Unticked: the ministers will meet again in December.",
              dates=[DateMention("December", "2024-12", "month")], included=False),
    ]
    timeline = [TimelineEvent(d.value, d.granularity, "", f.id) for f in facts for d in f.dates]
    main = Event("E1", kind="two_plus_two", parties=["Japan", "Philippines"], place="Manila", date="2024-07-08",
                 main=True)
    briefing = Briefing([], facts, MemoMeta(), timeline=timeline, events=[main])
    rows = timeline_rows(briefing, [f for f in facts if f.included])
    assert [(short_when(e.date, e.granularity), text, [f.id for f in fs]) for e, text, fs in rows] == [
        ("Apr 2024", "The leaders agreed to deepen cooperation at a White House summit", ["F3", "F4"]),
        ("8 Jul 2024", "Foreign and defence ministers of Japan and the Philippines met in Manila", ["F1", "F2"]),
    ]
    upcoming = Event("E2", kind="summit", parties=["United States", "Japan"], place="Tokyo", status="upcoming")
    assert event_clause(upcoming) == "Leaders of the United States and Japan are to meet in Tokyo"
    assert short_when("2024", "year") == "2024" and short_when("2024-00", "month") == "2024-00"


# -- over the budget -----------------------------------------------------------------------------------

def test_cli_export_says_when_the_memo_runs_over(seed_paths, tmp_path, capsys, monkeypatch):
    rc = main(["export", *map(str, seed_paths), "--output", str(tmp_path / "ok.pdf")])
    assert rc == 0 and "over the" not in capsys.readouterr().err

    def tick_all(briefing, template_name="", taxonomy=None):
        for fact in briefing.facts:
            fact.included = True
        return len(briefing.facts)

    monkeypatch.setattr("app.memo.selection.select_default", tick_all)
    for suffix in ("pdf", "docx"):
        rc = main(["export", *map(str, seed_paths), "--output", str(tmp_path / f"all.{suffix}")])
        err = capsys.readouterr().err
        assert rc == 0 and "over the 2-page budget" in err


def test_page_budget_of_a_briefing_follows_its_template():
    articles = [Article(f"A{i}", f"/a{i}.txt", "t", "x", published=date(2025, 1, 1)) for i in range(12)]
    briefing = Briefing(articles, [], MemoMeta())
    assert page_budget(briefing) == 3
    briefing.memo.template = "point-paper"
    assert page_budget(briefing) == 1
    briefing.memo.template = "no-such-template"
    assert page_budget(briefing) == 3
