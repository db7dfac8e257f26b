"""Briefing in, MemoDocument out: which facts go in, in what order, and what they cite."""

from __future__ import annotations

from datetime import date

from app.domain.model import DEFAULT_CLASSIFICATION, Article, Briefing, Fact
from app.extract.topics import Taxonomy, default_taxonomy
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
)
from app.memo.template import MemoTemplate, load_template
from app.memo.text import classification_banner, clean_text, file_label, portion_mark, spelled_date

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def build_memo(briefing: Briefing, taxonomy: Taxonomy | None = None,
               today: date | None = None) -> MemoDocument:
    """The memo for ``briefing``: included facts only, grouped by section in taxonomy order."""
    taxonomy = taxonomy or default_taxonomy()
    meta = briefing.memo
    template = load_template(meta.template)
    banner = classification_banner(meta.classification, DEFAULT_CLASSIFICATION)
    mark = portion_mark(banner) if template.portion_marks != "none" else ""
    date_text = spelled_date(meta.date or today or date.today())
    subject = clean_text(meta.subject)
    sender = clean_text(meta.sender)

    blocks: list[Block] = [DocTypeLine(clean_text(template.doc_type),
                                       date_text if template.date_placement == "doc_type" else "")]
    blocks.append(_header(briefing, template, date_text, mark))

    groups = _grouped_facts(briefing.facts, taxonomy)
    numbers: dict[str, int] = {}  # article id -> citation number, in order of first citation
    fact_mark = mark if template.portion_marks == "all" else ""
    for key, facts in groups:
        blocks.append(SectionHeading(clean_text(taxonomy.title(key)), key))
        for fact, text in facts:
            blocks.append(FactParagraph(
                text=text,
                citations=_cite(briefing, fact, numbers),
                status=fact.status,
                marker=clean_text(template.status_markers.get(fact.status, "")),
                portion=fact_mark,
                bullet=template.fact_style == "bullet",
                fact_id=fact.id,
            ))
    if not groups:
        blocks.append(Note(clean_text(template.empty_text)))

    cited = [a for a in (briefing.article(aid) for aid in numbers) if a is not None]
    if cited:
        entries = tuple(_source_entry(numbers[a.id], a) for a in cited)
        note = _sourcing_note(entries) if template.sourcing_note else ""
        blocks.append(SourcesList(clean_text(template.sources_title), entries, note))

    closing = tuple(HeaderRow(clean_text(label), clean_text(value.replace("{sender}", sender)))
                    for label, value in template.closing)
    if closing:
        blocks.append(DraftedBy(closing))

    section_titles = tuple(b.title for b in blocks if isinstance(b, SectionHeading))
    doc_meta = DocMeta(title=subject or clean_text(template.doc_type).title(), subject=subject, author=sender,
                       keywords=section_titles, category=clean_text(template.doc_type))
    return MemoDocument(banner=banner, meta=doc_meta, blocks=blocks, layout=template.layout)


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
        if key == "through" and not values["through"]:
            continue
        if key == "date" and template.date_placement != "header":
            continue
        rows.append(HeaderRow(clean_text(template.labels.get(key, key.upper() + ":")), values[key]))
    return HeaderBlock(tuple(rows))


def _grouped_facts(facts: list[Fact], taxonomy: Taxonomy) -> list[tuple[str, list[tuple[Fact, str]]]]:
    """Included facts with non-empty text, grouped by section in taxonomy order, briefing order within."""
    groups: dict[str, list[tuple[Fact, str]]] = {}
    for fact in facts:
        if not fact.included:
            continue
        text = clean_text(fact.text)
        if text:
            groups.setdefault(fact.section, []).append((fact, text))
    first_seen = {key: i for i, key in enumerate(groups)}  # keeps unknown sections in a stable order
    keys = sorted(groups, key=lambda k: (taxonomy.order(k), first_seen[k]))
    return [(key, groups[key]) for key in keys]


def _cite(briefing: Briefing, fact: Fact, numbers: dict[str, int]) -> tuple[int, ...]:
    cited: set[int] = set()
    for span in fact.sources:
        if briefing.article(span.article_id) is None:
            continue  # a dangling span cites nothing rather than a missing source
        cited.add(numbers.setdefault(span.article_id, len(numbers) + 1))
    return tuple(sorted(cited))


def _source_entry(number: int, article: Article) -> SourceEntry:
    return SourceEntry(
        number=number,
        outlet=clean_text(article.outlet),
        title=clean_text(article.title),
        published=spelled_date(article.published) if article.published else "",
        file=file_label(article.path),
        article_id=article.id,
    )


def _sourcing_note(entries: tuple[SourceEntry, ...]) -> str:
    count = len(entries)
    word = _NUMBER_WORDS[count] if count < len(_NUMBER_WORDS) else str(count)
    outlets = sorted({e.outlet for e in entries if e.outlet}, key=str.lower)
    noun = "article" if count == 1 else "articles"
    text = f"Sourcing: {word} open-source {noun}"
    return text + (f" ({', '.join(outlets)})." if outlets else ".")
