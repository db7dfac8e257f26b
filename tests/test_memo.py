"""The memo document model: what goes in, in what order, what it cites, and how text is cleaned."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from app.domain.model import Article, Briefing, Fact, MemoMeta, SourceSpan
from app.extract.topics import default_taxonomy
from app.memo import (
    DocTypeLine,
    DraftedBy,
    FactParagraph,
    HeaderBlock,
    MemoTemplate,
    Note,
    SectionHeading,
    SourceEntry,
    SourcesList,
    build_memo,
    clean_text,
    load_template,
    spelled_date,
)
from app.memo.template import parse_template
from app.memo.text import portion_mark
from app.shared.errors import ExportError
from app.shared.paths import resource_path


def _articles() -> list[Article]:
    return [
        Article("A1", "/in/2024-09-02_reuters_ministers.txt", "Ministers agree on joint exercises",
                "Ministers met in Manila. They agreed on exercises.", "Reuters", date(2024, 9, 2)),
        Article("A2", "C:\\in\\preview.html", "Talks expected in Manila", "Talks are expected.", "", None),
        Article("A3", "/in/unused.txt", "Never cited", "Nothing here.", "AP", date(2024, 9, 1)),
    ]


def _briefing(**memo) -> Briefing:
    facts = [
        Fact("F1", "Defence ministers will discuss maritime patrols.", "threats",
             sources=[SourceSpan("A2", 0, 19)], status="expected"),
        Fact("F2", "The ministers met in Manila on September 2.", "date_venue",
             sources=[SourceSpan("A1", 0, 24)]),
        Fact("F3", "An unticked fact about budgets.", "defence_industry", included=False,
             sources=[SourceSpan("A3", 0, 5)]),
        Fact("F4", "Philippine Defence Secretary Gilberto Teodoro attended.", "participants",
             sources=[SourceSpan("A1", 0, 24), SourceSpan("A2", 0, 5), SourceSpan("A1", 25, 40)]),
        Fact("F5", "They agreed on joint exercises.", "date_venue", sources=[SourceSpan("A1", 25, 50)]),
        Fact("F6", "A fact citing a missing article.", "threats", sources=[SourceSpan("GONE", 0, 3)]),
    ]
    meta = {"to": "The Secretary", "sender": "EAP/MTS - J. Analyst", "date": date(2024, 9, 2),
            "subject": "Philippines-Japan ministerial, Manila"} | memo
    return Briefing(_articles(), facts, MemoMeta(**meta))


def test_blocks_start_with_doc_type_and_header_and_end_with_sources_and_drafted() -> None:
    memo = build_memo(_briefing())
    kinds = [type(b) for b in memo.blocks]
    assert kinds[:2] == [DocTypeLine, HeaderBlock]
    assert kinds[-2:] == [SourcesList, DraftedBy]
    assert memo.blocks[0].title == "INFORMATION MEMO"
    assert memo.banner == "UNCLASSIFIED"


def test_included_facts_grouped_in_taxonomy_order_then_briefing_order() -> None:
    memo = build_memo(_briefing())
    taxonomy = default_taxonomy()
    headings = [b.key for b in memo.blocks if isinstance(b, SectionHeading)]
    assert headings == sorted(headings, key=taxonomy.order)
    assert headings == ["participants", "date_venue", "threats"]
    assert [f.fact_id for f in memo.facts()] == ["F4", "F2", "F5", "F1", "F6"]
    assert "F3" not in {f.fact_id for f in memo.facts()}
    assert "unticked" not in memo.plain_text()
    # each fact sits under the heading of its own section
    current = None
    for block in memo.blocks:
        if isinstance(block, SectionHeading):
            current = block.key
        elif isinstance(block, FactParagraph):
            fact = next(f for f in _briefing().facts if f.id == block.fact_id)
            assert fact.section == current
    assert [b.title for b in memo.blocks if isinstance(b, SectionHeading)][0] == "Participants"


def test_citations_number_articles_by_first_citation_and_sources_list_only_cited() -> None:
    memo = build_memo(_briefing())
    by_id = {f.fact_id: f for f in memo.facts()}
    assert by_id["F4"].citations == (1, 2)  # A1 first, then A2; the repeated A1 span is not repeated
    assert by_id["F2"].citations == (1,)
    assert by_id["F1"].citations == (2,)
    assert by_id["F6"].citations == ()  # a dangling span cites nothing
    sources = next(b for b in memo.blocks if isinstance(b, SourcesList))
    assert [(e.number, e.article_id) for e in sources.entries] == [(1, "A1"), (2, "A2")]
    first = sources.entries[0]
    assert (first.outlet, first.title, first.published, first.file) == (
        "Reuters", "Ministers agree on joint exercises", "September 2, 2024",
        "2024-09-02_reuters_ministers.txt")
    assert first.text == ("Reuters. \u201cMinisters agree on joint exercises.\u201d September 2, 2024. "
                          "2024-09-02_reuters_ministers.txt")
    assert sources.entries[1].file == "preview.html"  # Windows path: file name only
    assert sources.entries[1].text == "\u201cTalks expected in Manila.\u201d preview.html"
    assert "two open-source articles (Reuters)" in sources.note
    assert "Never cited" not in memo.plain_text()
    ellipsis = SourceEntry(3, "AP", "Talks begin\u2026", "", "a.txt")
    assert ellipsis.text == "AP. \u201cTalks begin\u2026\u201d a.txt"
    assert SourceEntry(4, "", "Is it over?", "", "").text == "\u201cIs it over?\u201d"


def test_expected_facts_are_marked_as_expectations() -> None:
    memo = build_memo(_briefing())
    by_id = {f.fact_id: f for f in memo.facts()}
    assert by_id["F1"].marker == "(expected)"
    assert by_id["F1"].plain == "(U) (expected) Defence ministers will discuss maritime patrols. [2]"
    assert by_id["F2"].marker == ""
    assert by_id["F4"].citation_text == "[1][2]"


def test_header_rows_dates_and_portion_marked_subject() -> None:
    memo = build_memo(_briefing())
    header = memo.blocks[1]
    assert [(r.label, r.value) for r in header.rows] == [
        ("TO:", "The Secretary"),
        ("FROM:", "EAP/MTS - J. Analyst"),
        ("DATE:", "September 2, 2024"),
        ("SUBJECT:", "(U) Philippines-Japan ministerial, Manila"),
    ]
    assert memo.meta.title == "Philippines-Japan ministerial, Manila"  # metadata carries no portion mark
    assert memo.meta.author == "EAP/MTS - J. Analyst"
    assert memo.meta.keywords == ("Participants", "Date and venue", "Threats and security environment")
    through = build_memo(_briefing(through="P - Under Secretary")).blocks[1]
    assert [r.label for r in through.rows] == ["TO:", "FROM:", "THROUGH:", "DATE:", "SUBJECT:"]


def test_missing_date_means_today_and_classification_is_upper_case() -> None:
    memo = build_memo(_briefing(date=None, classification="  unclassified//for public release "),
                      today=date(2025, 1, 5))
    assert memo.blocks[1].rows[2].value == "January 5, 2025"
    assert memo.banner == "UNCLASSIFIED//FOR PUBLIC RELEASE"
    assert memo.blocks[1].rows[3].value.startswith("(U) ")
    assert build_memo(_briefing(classification="")).banner == "UNCLASSIFIED"
    today = build_memo(_briefing(date=None))
    assert today.blocks[1].rows[2].value == spelled_date(date.today())


def test_text_is_cleaned_once_in_the_model() -> None:
    briefing = _briefing(subject="Tab\there\x00 and  <b>markup</b> & more\r\n")
    briefing.facts[1].text = "Bell\x07 and\tTab,\u200b zero\ufeffwidth,\n new  line \ud800 & <img src=x>"
    memo = build_memo(briefing)
    fact = next(f for f in memo.facts() if f.fact_id == "F2")
    assert fact.text == "Bell and Tab, zerowidth, new line & <img src=x>"  # markup is left for the renderer
    assert memo.meta.subject == "Tab here and <b>markup</b> & more"


def test_clean_text_rules() -> None:
    assert clean_text(" a\t\tb \x0c c\x1b ") == "a b c"
    assert clean_text("line one\r\nline  two\n\n\n\nlast", keep_newlines=True) == "line one\nline two\n\nlast"
    assert clean_text("line one\r\nline two") == "line one line two"
    assert clean_text("\u202eevil\u202c") == "evil"
    assert clean_text(None) == ""
    assert clean_text("岸田文雄\u3000首相") == "岸田文雄 首相"


def test_no_included_facts_gives_a_note_and_no_sources() -> None:
    briefing = _briefing()
    for fact in briefing.facts:
        fact.included = False
    memo = build_memo(briefing)
    assert memo.facts() == []
    assert any(isinstance(b, Note) and "No facts" in b.text for b in memo.blocks)
    assert not any(isinstance(b, SourcesList) for b in memo.blocks)


def test_facts_with_empty_text_are_skipped_and_unknown_sections_come_last() -> None:
    briefing = _briefing()
    briefing.facts.append(Fact("F7", "  \x00 ", "participants"))
    briefing.facts.append(Fact("F8", "A fact in a custom section.", "custom_key"))
    memo = build_memo(briefing)
    assert "F7" not in [f.fact_id for f in memo.facts()]
    headings = [b for b in memo.blocks if isinstance(b, SectionHeading)]
    assert headings[-1].key == "custom_key" and headings[-1].title == "Custom key"


def test_spelled_date_and_portion_marks() -> None:
    assert spelled_date(date(2024, 7, 28)) == "July 28, 2024"
    assert spelled_date(date(2024, 12, 1)) == "December 1, 2024"
    assert portion_mark("UNCLASSIFIED") == "(U)"
    assert portion_mark("UNCLASSIFIED//FOR PUBLIC RELEASE") == "(U)"
    assert portion_mark("CUI") == "(CUI)"
    assert portion_mark("SECRET//NOFORN") == "(S)"
    assert portion_mark("TOP SECRET") == "(TS)"


def test_default_template_file_documents_every_key() -> None:
    path = resource_path("templates", "information-memo.yaml")
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    comments = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    for key in data:
        assert f"#   {key}" in comments, f"template key {key} is not documented"
    template = load_template("information-memo")
    assert isinstance(template, MemoTemplate)
    assert template.doc_type == "INFORMATION MEMO"
    assert template.layout.pdf_fallback == ("DejaVuSerif.ttf", "ipaexm.ttf", "NanumMyeongjo.ttf",
                                            "DroidSansFallback.ttf")
    for font in (template.layout.pdf_regular, template.layout.pdf_bold, *template.layout.pdf_fallback):
        assert resource_path("fonts", font).is_file()


def test_template_options_change_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.memo import build as build_module

    settings = {"portion_marks": "all", "fact_style": "paragraph", "date_placement": "doc_type",
                "status_markers": {"expected": "EXPECTED:"}, "closing": []}
    template = parse_template(settings, "t.yaml")
    monkeypatch.setattr(build_module, "load_template", lambda name: template)
    memo = build_memo(_briefing())
    assert memo.blocks[0].date_text == "September 2, 2024"
    assert "DATE:" not in [r.label for r in memo.blocks[1].rows]
    fact = next(f for f in memo.facts() if f.fact_id == "F1")
    assert (fact.portion, fact.marker, fact.bullet) == ("(U)", "EXPECTED:", False)
    assert not any(isinstance(b, DraftedBy) for b in memo.blocks)


def test_bad_templates_raise_export_errors() -> None:
    with pytest.raises(ExportError, match="not found"):
        load_template("no-such-template")
    with pytest.raises(ExportError, match="not a valid template name"):
        load_template("../../etc/passwd")
    with pytest.raises(ExportError, match="header row"):
        parse_template({"header_rows": ["to", "cc"]}, "t.yaml")
    with pytest.raises(ExportError, match="fact_style"):
        parse_template({"fact_style": "table"}, "t.yaml")
    with pytest.raises(ExportError, match="numbers"):
        parse_template({"type": {"body": "big"}}, "t.yaml")
    with pytest.raises(ExportError, match="Memo template 'missing' not found"):
        build_memo(_briefing(template="missing"))
