"""The memo's supporting blocks, on hand-built briefings: summary, participants, key figures, timeline,
"sources differ", expectations, sourcing line, banners and the template's block order."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.model import (
    Article,
    Briefing,
    Conflict,
    DateMention,
    Entity,
    Fact,
    MemoMeta,
    Mention,
    SourceSpan,
    TimelineEvent,
)
from app.memo import (
    DifferNote,
    DocTypeLine,
    DraftedBy,
    FactParagraph,
    HeaderBlock,
    KeyFactsBox,
    SectionHeading,
    SourcesList,
    SubjectTitle,
    Summary,
    Table,
    banner_for,
    build_memo,
    list_templates,
    load_template,
    parse_classification,
    portion_mark,
)
from app.memo.extras import chars_per_line, when
from app.memo.text import classification_banner

S1 = "Defence ministers met in Manila on Monday."
S2 = "The talks produced a $500 million loan for 12 patrol vessels."
S3 = "Officials said the ministers would meet again in March."
TEXT1 = f"{S1} {S2} {S3}"
T1 = "Teodoro greeted Kihara at Camp Aguinaldo."
T2 = "The ministers will sign a reciprocal access agreement next week."
T3 = "Japan pledged $400 million in patrol vessels."
TEXT2 = f"{T1} {T2} {T3}"


def _span(article_id: str, text: str, sentence: str) -> SourceSpan:
    start = text.index(sentence)
    return SourceSpan(article_id, start, start + len(sentence))


def briefing(**memo) -> Briefing:
    articles = [
        Article("A1", "/in/a1.txt", "Ministers meet in Manila", TEXT1, "Reuters", date(2024, 9, 2)),
        Article("A2", "https://example.org/a2", "Japan and Philippines sign deal", TEXT2, "Kyodo",
                date(2024, 9, 3)),
    ]
    facts = [
        Fact("F1", "Philippine Defence Secretary Gilberto Teodoro greeted Minoru Kihara.", "participants",
             score=0.6, sources=[_span("A2", TEXT2, T1)]),
        Fact("F2", S1, "date_venue", score=0.9, sources=[_span("A1", TEXT1, S1)]),
        Fact("F3", S2, "defence_industry", score=0.8, sources=[_span("A1", TEXT1, S2)],
             entities=[Mention("$500 million", "money", "USD 500000000"),
                       Mention("12 patrol vessels", "quantity", "12"),
                       Mention("Manila", "place")],
             conflicts=[Conflict("F4", "Amount differs: $500 million (Reuters) vs $400 million (Kyodo)")]),
        Fact("F4", T3, "defence_industry", score=0.5, sources=[_span("A2", TEXT2, T3)],
             entities=[Mention("$400 million", "money", "USD 400000000")],
             conflicts=[Conflict("F3", "Amount differs")]),
        Fact("F5", T2, "alliances_regional", score=0.7, status="expected", sources=[_span("A2", TEXT2, T2)],
             dates=[DateMention("next week", "2024-09", "month")]),
        Fact("F6", "An unticked fact worth 99 billion dollars.", "defence_industry", score=1.0,
             included=False,
             sources=[_span("A1", TEXT1, S3)], entities=[Mention("99 billion dollars", "money", "")]),
        Fact("F7", "The deal is a turning point for the region.", "political_context", score=0.95,
             status="opinion", sources=[_span("A1", TEXT1, S3)]),
    ]
    entities = [
        Entity("person", "Minoru Kihara", "Defence Minister", "Japan", native_name="木原稔", mentions=4),
        Entity("person", "Gilberto Teodoro", "Defence Secretary", "Philippines", mentions=3),
        Entity("person", "Left Out", "Aide", "Japan", included=False),
        Entity("organisation", "Japan Self-Defense Forces", "", "Japan"),
    ]
    timeline = [
        TimelineEvent("2024-09", "month", "Access agreement to be signed", "F5"),
        TimelineEvent("2024-09-02", "day", "Ministers meet in Manila", "F2"),
        TimelineEvent("2024-10-01", "day", "Event of an unticked fact", "F6"),
    ]
    meta = {"to": "The Secretary", "sender": "EAP/MTS - J. Analyst", "date": date(2024, 9, 3),
            "subject": "Japan-Philippines defence ministers, Manila"} | memo
    return Briefing(articles, facts, MemoMeta(**meta), entities, timeline)


def _blocks(memo, kind) -> list:
    return [b for b in memo.blocks if isinstance(b, kind)]


def _table(memo, key: str) -> Table:
    return next(b for b in _blocks(memo, Table) if b.key == key)


def test_information_memo_blocks_follow_the_template_order() -> None:
    memo = build_memo(briefing())
    order = []
    for block in memo.blocks:
        name = {DocTypeLine: "doc_type", HeaderBlock: "header", Summary: "summary", DraftedBy: "closing",
                SourcesList: "sources"}.get(type(block))
        if isinstance(block, Table):
            name = block.key
        elif isinstance(block, FactParagraph | DifferNote):
            name = "facts"
        if name and (not order or order[-1] != name):
            order.append(name)
    assert order == ["doc_type", "header", "summary", "facts", "participants", "key_figures", "timeline",
                     "sources", "closing"]
    assert memo.citation_style == "footnotes"


def test_drafted_summary_uses_top_ranked_included_facts_within_four_lines() -> None:
    memo = build_memo(briefing())
    summary = _blocks(memo, Summary)[0]
    assert summary.drafted and summary.title == "BLUF" and summary.portion == "(U)"
    limit = chars_per_line(load_template("information-memo")) * 4
    assert len(summary.plain) <= limit
    # no main event: the top outcome leads, cut to its clause; then the best other fact, also cut
    assert summary.text == "Japan pledged $400 million. Defence ministers met in Manila."
    assert "unticked" not in summary.text and "turning point" not in summary.text  # unticked, opinion
    assert summary.citations and all(nums for _, nums, _ in summary.sentences)  # every sentence cited
    bullets = {f.text for f in memo.facts()}
    assert not any(sentence in bullets for sentence, _, _ in summary.sentences)


def test_user_summary_is_printed_as_written() -> None:
    memo = build_memo(briefing(summary="Ministers agreed a loan;\x07 access deal due next week."))
    summary = _blocks(memo, Summary)[0]
    assert summary.text == "Ministers agreed a loan; access deal due next week."
    assert not summary.drafted and summary.citations == ()


def test_participants_table_lists_included_people_with_native_names() -> None:
    table = _table(build_memo(briefing()), "participants")
    assert table.columns == ("Name", "Native name", "Role", "Country")
    assert table.rows == (("Minoru Kihara", "木原稔", "Defence Minister", "Japan"),
                          ("Gilberto Teodoro", "", "Defence Secretary", "Philippines"))
    b = briefing()
    b.entities[0].native_name = ""
    assert _table(build_memo(b), "participants").columns == ("Name", "Role", "Country")
    b.entities = []
    assert not [t for t in _blocks(build_memo(b), Table) if t.key == "participants"]


def test_key_figures_come_from_included_facts_with_their_citations() -> None:
    memo = build_memo(briefing())
    table = _table(memo, "key_figures")
    figures = [row[0] for row in table.rows]
    assert figures == ["$500 million", "12 patrol vessels", "$400 million"]
    assert "99 billion dollars" not in memo.plain_text()
    assert table.rows[0][1] == S2.rstrip(".")  # the fact's short clause: the bullet says it in full
    numbers = {e.article_id: e.number for e in _blocks(memo, SourcesList)[0].entries}
    assert table.row_citations == ((numbers["A1"],), (numbers["A1"],), (numbers["A2"],))
    assert table.cell_text(2, 2) == f"[{numbers['A2']}]"


def test_spans_of_time_are_not_key_figures() -> None:
    b = briefing()
    f2 = next(f for f in b.facts if f.id == "F2")
    f2.entities = [Mention("15 years", "quantity", "15"), Mention("70-year", "quantity", "70"),
                   Mention("200 troops", "quantity", "200"), Mention("3 days", "quantity", "3"),
                   Mention("two countries", "quantity", "2"), Mention("both sides", "quantity", "2")]
    figures = [row[0] for row in _table(build_memo(b), "key_figures").rows]
    assert figures == ["200 troops", "$500 million", "12 patrol vessels", "$400 million"]


def test_timeline_keeps_included_facts_in_date_order() -> None:
    table = _table(build_memo(briefing()), "timeline")
    # a month-only date sorts before the days of that month; the unticked fact's event is left out; each
    # row is the fact's memo wording as a short clause, its date phrase ("next week") in the date column
    assert table.rows == (("Sep 2024", "The ministers will sign a reciprocal access agreement", ""),
                          ("2 Sep 2024", "Defence ministers met in Manila on Monday", ""))
    assert when("2024", "year") == "2024" and when("soon", "day") == "soon"


def test_sources_differ_note_follows_the_fact_with_both_versions_once() -> None:
    memo = build_memo(briefing())
    notes = _blocks(memo, DifferNote)
    assert len(notes) == 1  # F3 vs F4 and F4 vs F3 are one disagreement
    note = notes[0]
    index = memo.blocks.index(note)
    assert memo.blocks[index - 1].fact_id == "F3"
    assert [v.text for v in note.versions] == ["$500 million", "$400 million"]  # only what differs
    numbers = {e.article_id: e.number for e in _blocks(memo, SourcesList)[0].entries}
    assert [v.citations for v in note.versions] == [(numbers["A1"],), (numbers["A2"],)]
    assert note.label == "Sources differ:" and note.reason.startswith("Amount differs")
    assert note.portion == "(U)"
    assert "Sources differ:" in memo.plain_text()


def test_a_fact_with_many_disagreements_lists_a_few_ticked_ones_first_and_counts_the_rest() -> None:
    from app.memo import Note
    from app.memo.extras import MAX_DIFFER_NOTES

    b = briefing()
    f3 = next(f for f in b.facts if f.id == "F3")
    others = []
    for n in range(6):  # F10..F15; of them only F14 and F15 are ticked
        other = Fact(f"F1{n}", f"Japan pledged ${n + 1}00 million in patrol vessels.", "defence_industry",
                     score=0.4, included=n >= 4, sources=[_span("A2", TEXT2, T3)])
        others.append(other)
        f3.conflicts.append(Conflict(other.id, f"Amount differs: number {n}"))
    b.facts.extend(others)
    memo = build_memo(b)
    start = memo.blocks.index(next(x for x in memo.facts() if x.fact_id == "F3"))
    after = memo.blocks[start + 1:start + MAX_DIFFER_NOTES + 3]
    notes = after[:MAX_DIFFER_NOTES]
    assert all(isinstance(x, DifferNote) for x in notes)
    # facts in the memo first (F4, F14, F15), each group in the engine's order
    assert [x.reason for x in notes] == ["Amount differs",
                                         "Amount differs: number 4", "Amount differs: number 5"]
    assert isinstance(after[MAX_DIFFER_NOTES], Note)
    assert after[MAX_DIFFER_NOTES].text == "4 more disagreements with other reports are not listed here."
    assert after[MAX_DIFFER_NOTES].portion == "(U)"


def test_expected_facts_are_marked_everywhere() -> None:
    memo = build_memo(briefing(template="executive-brief"))
    box = _blocks(memo, KeyFactsBox)[0]
    fact = next(f for f in memo.facts() if f.fact_id == "F5")
    assert fact.marker == "(expected)" and fact.status == "expected"
    assert any(item.marker == "(expected)" for item in box.items if item.fact_id == "F5")


def test_sources_close_with_a_sourcing_strength_line() -> None:
    sources = _blocks(build_memo(briefing()), SourcesList)[0]
    assert [e.outlet for e in sources.entries] == ["Reuters", "Kyodo"] or \
        [e.outlet for e in sources.entries] == ["Kyodo", "Reuters"]
    assert sources.entries[-1].file in ("https://example.org/a2", "a1.txt")
    assert sources.note.startswith("Sourcing: two open-source articles (Kyodo, Reuters)")
    assert "rest on a single source" in sources.note or "single source" in sources.note
    assert sources.note.endswith("no official statement among them.")


def test_endnotes_quote_the_source_only_when_the_wording_differs() -> None:
    memo = build_memo(briefing())
    by_id = {f.fact_id: f for f in memo.facts()}
    assert by_id["F2"].notes == ("",)  # it would only repeat the citation: the reference points at Sources
    assert by_id["F1"].notes[0].endswith(f"\u201c{T1}\u201d")  # edited wording: the source is quoted


def test_executive_brief_and_point_paper_layouts() -> None:
    brief = build_memo(briefing(template="executive-brief"))
    assert isinstance(brief.blocks[1], SubjectTitle)
    assert brief.blocks[0].date_text == "Updated September 3, 2024"
    assert not _blocks(brief, HeaderBlock) and _blocks(brief, KeyFactsBox)
    assert all(not f.portion for f in brief.facts()) and brief.citation_style == "footnotes"
    assert brief.banner == "UNCLASSIFIED"
    paper = build_memo(briefing(template="point-paper"))
    headings = [b.title for b in _blocks(paper, SectionHeading)]
    assert headings and all(h == h.upper() for h in headings)
    assert paper.citation_style == "brackets" and paper.layout.margin_left == 1.25
    assert [r.value for r in paper.blocks[1].rows][0] == "(U) Japan-Philippines defence ministers, Manila"
    assert all(not f.portion for f in paper.facts())


@pytest.mark.parametrize("typed, banner, mark", [
    ("unclassified", "UNCLASSIFIED", "(U)"),
    ("Unclassified//For Public Release", "UNCLASSIFIED//FOR PUBLIC RELEASE", "(U)"),
    ("(S)", "SECRET", "(S)"),
    ("secret//noforn", "SECRET//NOFORN", "(S)"),
    ("SECRET//whatever I type", "SECRET", "(S)"),
    ("CONFIDENTIAL//FOR PUBLIC RELEASE", "CONFIDENTIAL", "(C)"),
    ("sbu", "SENSITIVE BUT UNCLASSIFIED", "(SBU)"),
    ("cui", "CUI", "(CUI)"),
    ("Top Secret", "TOP SECRET", "(TS)"),
    ("lunch menu", "UNCLASSIFIED", "(U)"),
])
def test_banner_is_computed_from_portion_marks_never_free_text(typed: str, banner: str, mark: str) -> None:
    assert classification_banner(typed) == banner
    assert portion_mark(banner) == mark
    memo = build_memo(briefing(classification=typed))
    assert memo.banner == banner
    assert all(f.portion == mark for f in memo.facts())


def test_banner_is_the_highest_mark_used() -> None:
    assert banner_for(["(U)", "(C)", "(S)"]) == "SECRET"
    assert banner_for(["(U)"], ("FOR PUBLIC RELEASE",)) == "UNCLASSIFIED//FOR PUBLIC RELEASE"
    assert banner_for(["(U)", "(CUI)"], ("FOR PUBLIC RELEASE",)) == "CUI"
    assert banner_for([]) == "UNCLASSIFIED"
    assert parse_classification("TS//REL TO USA, JPN") == ("TS", ("REL TO USA, JPN",))


def test_list_templates_for_the_gui_combo() -> None:
    templates = list_templates()
    assert templates[0] == ("information-memo", "Information memo")
    assert {"point-paper", "executive-brief"} <= {name for name, _ in templates}
    assert all(title for _, title in templates)


def test_draft_summary_matches_what_the_memo_prints() -> None:
    from app.memo import draft_summary

    b = briefing(summary="The user's own words.")
    drafted = draft_summary(b)  # ignores the user's summary: this is the draft the GUI can offer
    b.memo.summary = ""
    assert drafted and drafted == _blocks(build_memo(b), Summary)[0].text
    for fact in b.facts:
        fact.included = False
    assert draft_summary(b) == ""


def test_the_top_fact_leads_the_summary_even_when_it_runs_past_the_line_budget() -> None:
    b = briefing()
    top = max((f for f in b.facts if f.included and f.status != "opinion"), key=lambda f: f.score)
    top.text = "Ministers " + "agreed on a long list of measures and " * 12 + "signed a joint statement."
    memo = build_memo(b)
    assert _blocks(memo, Summary)[0].text.startswith("Ministers agreed on a long list")
