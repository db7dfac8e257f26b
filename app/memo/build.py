"""Briefing in, MemoDocument out: which facts go in, in what order, and what they cite."""

from __future__ import annotations

from datetime import date

from app.domain.model import DEFAULT_CLASSIFICATION, Article, Briefing, Fact, MemoMeta
from app.extract.topics import Taxonomy, default_taxonomy
from app.memo import extras
from app.memo.citations import Citer
from app.memo.document import (
    Block,
    DocMeta,
    DocTypeLine,
    DraftedBy,
    FactParagraph,
    HeaderBlock,
    HeaderRow,
    MemoDocument,
    Note,
    SectionHeading,
    SourceEntry,
    SourcesList,
    SubjectTitle,
    Table,
)
from app.memo.telegraphic import telegraphic
from app.memo.template import MemoTemplate, load_template
from app.memo.text import banner_for, clean_text, file_label, parse_classification, spelled_date

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def build_memo(briefing: Briefing, taxonomy: Taxonomy | None = None,
               today: date | None = None) -> MemoDocument:
    """The memo for ``briefing``: included facts only, grouped by section in taxonomy order, laid out as
    the template (``briefing.memo.template``) says. Citation numbers follow the order of first citation."""
    taxonomy = taxonomy or default_taxonomy()
    meta = briefing.memo
    template = load_template(meta.template)
    level, caveats = parse_classification(meta.classification or DEFAULT_CLASSIFICATION)
    mark = f"({level})"
    fact_mark = _fact_mark(meta, template)
    date_text = spelled_date(meta.date or today or date.today())
    subject = clean_text(meta.subject)
    sender = clean_text(meta.sender)
    citer = Citer(briefing, template.quote_sources)
    groups = _grouped_facts(briefing.facts, taxonomy)
    memo_order = [fact for _, facts in groups for fact, _ in facts]

    blocks: list[Block] = []
    for kind in template.blocks:
        if kind == "doc_type":
            dated = template.date_placement == "doc_type"
            shown = " ".join(p for p in (clean_text(template.date_prefix), date_text) if p) if dated else ""
            blocks.append(DocTypeLine(clean_text(template.doc_type), shown))
        elif kind == "header":
            header = _header(briefing, template, date_text, mark)
            if header.rows:
                blocks.append(header)
        elif kind == "title" and subject:
            blocks.append(SubjectTitle(subject))
        elif kind == "summary":
            _add(blocks, extras.summary(briefing, memo_order, template, citer, fact_mark))
        elif kind == "key_facts":
            _add(blocks, extras.key_facts(memo_order, template, citer, fact_mark))
        elif kind == "facts":
            blocks.extend(_fact_blocks(briefing, groups, template, taxonomy, citer, fact_mark))
        elif kind == "participants":
            _add_table(blocks, extras.participants(briefing, template), template)
        elif kind == "key_figures":
            _add_table(blocks, extras.key_figures(memo_order, citer), template)
        elif kind == "timeline":
            _add_table(blocks, extras.timeline(briefing, memo_order, citer), template)
        elif kind == "sources":
            _add(blocks, _sources(briefing, template, citer, memo_order))
        elif kind == "closing":
            closing = _closing(template, sender)
            if closing:
                blocks.append(DraftedBy(closing))

    used = {getattr(b, "portion", "") for b in blocks} | {mark}
    banner = banner_for(sorted(m for m in used if m), caveats)
    section_titles = tuple(b.title for b in blocks
                           if isinstance(b, SectionHeading) and b.key not in _NOT_TOPICS)
    doc_meta = DocMeta(title=subject or clean_text(template.doc_type).title(), subject=subject, author=sender,
                       keywords=section_titles, category=clean_text(template.doc_type))
    return MemoDocument(banner=banner, meta=doc_meta, blocks=blocks, layout=template.layout,
                        citation_style=template.citations,
                        notes_title=clean_text(template.headings.get("notes", "Notes")),
                        shade=template.layout.box_shade)


def draft_summary(briefing: Briefing, taxonomy: Taxonomy | None = None) -> str:
    """The summary the memo prints when the user wrote none (same rule and budget as ``build_memo``):
    for a GUI that wants to show the draft. Empty when no ticked fact fits."""
    taxonomy = taxonomy or default_taxonomy()
    template = load_template(briefing.memo.template)
    groups = _grouped_facts(briefing.facts, taxonomy)
    memo_order = [fact for _, facts in groups for fact, _ in facts]
    plan = extras.summary_plan(briefing, memo_order, template, _fact_mark(briefing.memo, template))
    return " ".join(line.text for line in plan)


def _fact_mark(meta: MemoMeta, template: MemoTemplate) -> str:
    """The portion mark before each fact and the summary: "(U)", when the template marks every portion."""
    if template.portion_marks != "all":
        return ""
    return f"({parse_classification(meta.classification or DEFAULT_CLASSIFICATION)[0]})"


_NOT_TOPICS = {"participants_table", "key_figures", "timeline", "sources"}


def _add(blocks: list[Block], block: Block | None) -> None:
    if block is not None:
        blocks.append(block)


def _heading(text: str, template: MemoTemplate) -> str:
    text = clean_text(text)
    return text.upper() if template.layout.heading_case == "upper" else text


def _add_table(blocks: list[Block], table: Table | None, template: MemoTemplate) -> None:
    if table is None:
        return
    key = "participants_table" if table.key == "participants" else table.key
    blocks.append(SectionHeading(_heading(template.headings.get(table.key, table.key), template), key))
    blocks.append(table)


def _fact_blocks(briefing: Briefing, groups, template: MemoTemplate, taxonomy: Taxonomy, citer: Citer,
                 fact_mark: str) -> list[Block]:
    blocks: list[Block] = []
    differ_done: set[frozenset[str]] = set()
    by_id = {f.id: f for f in briefing.facts}
    for key, facts in groups:
        blocks.append(SectionHeading(_heading(taxonomy.title(key), template), key))
        for fact, text in facts:
            numbers, notes = citer.cite(fact)
            blocks.append(FactParagraph(
                text=telegraphic(text) if template.fact_style == "telegraphic" else text,
                citations=numbers,
                status=fact.status,
                marker=clean_text(template.status_markers.get(fact.status, "")),
                portion=fact_mark,
                bullet=template.fact_style != "paragraph",
                fact_id=fact.id,
                notes=notes,
            ))
            blocks.extend(extras.differ_notes(fact, by_id, template, citer, fact_mark, differ_done))
    if not groups:
        blocks.append(Note(clean_text(template.empty_text)))
    return blocks


def _sources(briefing: Briefing, template: MemoTemplate, citer: Citer,
             memo_order: list[Fact]) -> SourcesList | None:
    cited = [a for a in (briefing.article(aid) for aid in citer.numbers) if a is not None]
    if not cited:
        return None
    entries = tuple(_source_entry(citer.numbers[a.id], a) for a in cited)
    note = _sourcing_note(entries, briefing, memo_order) if template.sourcing_note else ""
    return SourcesList(clean_text(template.sources_title), entries, note)


def _header(briefing: Briefing, template: MemoTemplate, date_text: str, mark: str) -> HeaderBlock:
    meta = briefing.memo
    subject = clean_text(meta.subject)
    values = {
        "to": clean_text(meta.to),
        "from": clean_text(meta.sender),
        "through": clean_text(getattr(meta, "through", "")),
        "date": date_text,
        "subject": f"{mark} {subject}".strip() if template.portion_marks != "none" and subject else subject,
    }
    rows = []
    for key in template.header_rows:
        if not values.get(key):  # a label with nothing after it tells the reader nothing
            continue
        if key == "date" and template.date_placement != "header":
            continue
        rows.append(HeaderRow(clean_text(template.labels.get(key, key.upper() + ":")), values[key]))
    return HeaderBlock(tuple(rows))


def _closing(template: MemoTemplate, sender: str) -> tuple[HeaderRow, ...]:
    """The closing lines ("Drafted: {sender}"); a line whose value comes out empty is left out."""
    rows = []
    for label, value in template.closing:
        text = clean_text(value.replace("{sender}", sender))
        if text:
            rows.append(HeaderRow(clean_text(label), text))
    return tuple(rows)


def _grouped_facts(facts: list[Fact], taxonomy: Taxonomy) -> list[tuple[str, list[tuple[Fact, str]]]]:
    """Included facts with non-empty text, grouped by section in taxonomy order, briefing order within."""
    groups: dict[str, list[tuple[Fact, str]]] = {}
    for fact in facts:
        if not fact.included:
            continue
        text = clean_text(fact.memo_wording())
        if text:
            groups.setdefault(fact.section, []).append((fact, text))
    first_seen = {key: i for i, key in enumerate(groups)}  # keeps unknown sections in a stable order
    keys = sorted(groups, key=lambda k: (taxonomy.order(k), first_seen[k]))
    return [(key, groups[key]) for key in keys]


def _source_entry(number: int, article: Article) -> SourceEntry:
    return SourceEntry(
        number=number,
        outlet=clean_text(article.outlet),
        title=clean_text(article.title),
        published=spelled_date(article.published) if article.published else "",
        file=file_label(article.path),
        article_id=article.id,
    )


def _sourcing_note(entries: tuple[SourceEntry, ...], briefing: Briefing, memo_order: list[Fact]) -> str:
    """One line on how strong the sourcing is (ICD 206): how many sources, whose, how much rests on one."""
    count = len(entries)
    word = _NUMBER_WORDS[count] if count < len(_NUMBER_WORDS) else str(count)
    outlets = sorted({e.outlet for e in entries if e.outlet}, key=str.lower)
    noun = "article" if count == 1 else "articles"
    text = f"Sourcing: {word} open-source {noun}"
    text += f" ({', '.join(outlets)})" if outlets else ""
    known = {e.article_id for e in entries}
    if count > 1 and memo_order:
        single = sum(1 for f in memo_order if len({s.article_id for s in f.sources} & known) <= 1)
        if single == len(memo_order):
            text += "; every fact rests on a single source"
        elif single:
            text += f"; {single} of {len(memo_order)} facts rest on a single source"
        else:
            text += "; every fact is reported by at least two sources"
    return text + "; no official statement among them." if _no_official(entries) else text + "."


def _no_official(entries: tuple[SourceEntry, ...]) -> bool:
    """True unless an entry looks like a government release (a .gov/.go.jp/.mil address or a ministry)."""
    official = (".gov", ".go.jp", ".mil", ".gc.ca", ".gov.uk", "ministry", "department of", "mofa", "mod.go")
    return not any(any(o in f"{e.outlet} {e.file}".lower() for o in official) for e in entries)
