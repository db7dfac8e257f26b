"""Memo templates: wording and layout choices read from ``resources/templates/<name>.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from app.shared.errors import ExportError
from app.shared.paths import resource_path

DEFAULT_TEMPLATE = "information-memo"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")  # a file stem: no folder, no ".." start
_HEADER_KEYS = ("to", "from", "through", "date", "subject")
BLOCK_KEYS = ("doc_type", "header", "title", "summary", "key_facts", "facts", "participants", "key_figures",
              "timeline", "sources", "closing")
DEFAULT_BLOCKS = ("doc_type", "header", "summary", "facts", "participants", "key_figures", "timeline",
                  "sources", "closing")
CITATION_STYLES = ("endnotes", "footnotes", "brackets")
_HEADINGS = {"summary": "BLUF", "key_facts": "Key Facts", "participants": "Key Participants",
             "key_figures": "Key Figures", "timeline": "Timeline", "notes": "Notes",
             "sources_differ": "Sources differ:"}
_PAGE_SIZES = {"letter": (8.5, 11.0), "a4": (8.27, 11.69)}


@dataclass(frozen=True)
class Layout:
    """What a renderer needs besides the blocks: page, type sizes and fonts. Sizes in inches and points."""

    page_width: float = 8.5
    page_height: float = 11.0
    margin_top: float = 1.0
    margin_bottom: float = 1.0
    margin_left: float = 1.0
    margin_right: float = 1.0
    body_pt: float = 12.0
    small_pt: float = 10.0
    doc_type_pt: float = 14.0
    heading_pt: float = 12.0
    docx_latin: str = "Times New Roman"
    docx_east_asia: str = "MS Mincho"
    # Liberation Serif has the metrics of Times New Roman, the Word file's font: both paginate alike
    pdf_regular: str = "LiberationSerif-Regular.ttf"
    pdf_bold: str = "LiberationSerif-Bold.ttf"
    pdf_italic: str = "LiberationSerif-Italic.ttf"
    pdf_bold_italic: str = "LiberationSerif-BoldItalic.ttf"
    pdf_fallback: tuple[str, ...] = ("DejaVuSerif.ttf", "ipaexm.ttf", "NanumMyeongjo.ttf", "DroidSansFallback.ttf")
    heading_case: str = "as_is"  # as_is | upper (point papers: BACKGROUND, DISCUSSION)
    box_shade: str = "#EEF1F5"  # fill of the key-facts box and table header rows


@dataclass(frozen=True)
class PageBudget:
    """How many pages the default selection fills: ``pages`` for up to ``articles`` articles, then
    ``extra_pages`` per further ``articles`` articles, never more than ``max_pages``."""

    pages: int = 2
    articles: int = 10
    extra_pages: int = 1
    max_pages: int = 4

    def pages_for(self, article_count: int) -> int:
        beyond = max(article_count - self.articles, 0)
        steps = -(-beyond // self.articles) if self.articles > 0 else 0  # ceiling: 11 articles is one step
        return max(1, min(self.pages + steps * self.extra_pages, max(self.max_pages, self.pages)))


@dataclass(frozen=True)
class MemoTemplate:
    name: str = "Information memo"
    doc_type: str = "INFORMATION MEMO"
    date_placement: str = "header"  # header | doc_type
    header_rows: tuple[str, ...] = _HEADER_KEYS
    labels: dict[str, str] = field(default_factory=lambda: {
        "to": "TO:", "from": "FROM:", "through": "THROUGH:", "date": "DATE:", "subject": "SUBJECT:"})
    portion_marks: str = "subject"  # none | subject | all
    fact_style: str = "bullet"  # bullet | telegraphic (shortened bullets) | paragraph
    status_markers: dict[str, str] = field(default_factory=lambda: {
        "expected": "(expected)", "opinion": "(opinion)"})
    empty_text: str = "No facts were selected for this memo."
    sources_title: str = "Sources"
    sourcing_note: bool = True
    closing: tuple[tuple[str, str], ...] = (("Drafted:", "{sender}"),)
    layout: Layout = field(default_factory=Layout)
    blocks: tuple[str, ...] = DEFAULT_BLOCKS
    citations: str = "brackets"  # endnotes | footnotes | brackets
    date_prefix: str = ""  # "Updated": printed before the date under doc_type
    summary_lines: int = 4  # a drafted summary stays within this many lines of body text
    key_facts_max: int = 5
    quote_sources: bool = True  # foot/endnotes quote the source sentence, not just the source
    headings: dict[str, str] = field(default_factory=lambda: dict(_HEADINGS))
    page_budget: PageBudget = field(default_factory=PageBudget)


def _choice(value: object, allowed: tuple[str, ...], default: str, key: str, origin: str) -> str:
    if value is None:
        return default
    text = str(value).strip().lower()
    if text not in allowed:
        raise ExportError(f"{origin}: '{key}' must be one of {', '.join(allowed)}")
    return text


def _mapping(value: object, key: str, origin: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ExportError(f"{origin}: '{key}' must be a mapping")
    return value


def _strings(value: object, key: str, origin: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in _mapping(value, key, origin).items()}


def _layout(data: dict, origin: str) -> Layout:
    base = Layout()
    page = _mapping(data.get("page"), "page", origin)
    size = _choice(page.get("size"), tuple(_PAGE_SIZES), "letter", "page.size", origin)
    margins = _mapping(page.get("margins"), "page.margins", origin)
    types = _mapping(data.get("type"), "type", origin)
    docx = _mapping(data.get("docx_fonts"), "docx_fonts", origin)
    pdf = _mapping(data.get("pdf_fonts"), "pdf_fonts", origin)
    try:
        fallback = pdf.get("fallback", list(base.pdf_fallback)) or []
        return Layout(
            page_width=_PAGE_SIZES[size][0], page_height=_PAGE_SIZES[size][1],
            margin_top=float(margins.get("top", base.margin_top)),
            margin_bottom=float(margins.get("bottom", base.margin_bottom)),
            margin_left=float(margins.get("left", base.margin_left)),
            margin_right=float(margins.get("right", base.margin_right)),
            body_pt=float(types.get("body", base.body_pt)),
            small_pt=float(types.get("small", base.small_pt)),
            doc_type_pt=float(types.get("doc_type", base.doc_type_pt)),
            heading_pt=float(types.get("heading", base.heading_pt)),
            docx_latin=str(docx.get("latin", base.docx_latin)),
            docx_east_asia=str(docx.get("east_asia", base.docx_east_asia)),
            pdf_regular=str(pdf.get("regular", base.pdf_regular)),
            pdf_bold=str(pdf.get("bold", base.pdf_bold)),
            pdf_italic=str(pdf.get("italic", base.pdf_italic)),
            pdf_bold_italic=str(pdf.get("bold_italic", base.pdf_bold_italic)),
            pdf_fallback=tuple(str(f) for f in fallback),
            heading_case=_choice(types.get("heading_case"), ("as_is", "upper"), base.heading_case,
                                 "type.heading_case", origin),
            box_shade=str(types.get("box_shade", base.box_shade)),
        )
    except (TypeError, ValueError) as exc:
        raise ExportError(f"{origin}: page margins and type sizes must be numbers", str(exc)) from exc


def _page_budget(data: dict, origin: str) -> PageBudget:
    value = data.get("page_budget")
    base = PageBudget()
    if isinstance(value, int) and not isinstance(value, bool):
        value = {"pages": value, "extra_pages": 0, "max_pages": value}  # a plain number: that many pages, always
    budget = _mapping(value, "page_budget", origin)
    try:
        out = PageBudget(pages=int(budget.get("pages", base.pages)),
                         articles=int(budget.get("articles", base.articles)),
                         extra_pages=int(budget.get("extra_pages", base.extra_pages)),
                         max_pages=int(budget.get("max_pages", budget.get("pages", base.max_pages))))
    except (TypeError, ValueError) as exc:
        raise ExportError(f"{origin}: page_budget values must be whole numbers") from exc
    if out.pages < 1 or out.articles < 1 or out.extra_pages < 0:
        raise ExportError(f"{origin}: page_budget needs pages >= 1, articles >= 1 and extra_pages >= 0")
    return out


def parse_template(data: object, origin: str) -> MemoTemplate:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ExportError(f"{origin}: expected a mapping of template settings")
    base = MemoTemplate()
    rows = data.get("header_rows", list(base.header_rows)) or []
    unknown = [r for r in rows if r not in _HEADER_KEYS]
    if unknown:
        raise ExportError(f"{origin}: unknown header row '{unknown[0]}' (use {', '.join(_HEADER_KEYS)})")
    closing = data.get("closing", [list(r) for r in base.closing]) or []
    if not all(isinstance(r, list | tuple) and len(r) == 2 for r in closing):
        raise ExportError(f"{origin}: each 'closing' row must be [label, value]")
    blocks = data.get("blocks", list(base.blocks)) or []
    if not isinstance(blocks, list) or any(b not in BLOCK_KEYS for b in blocks):
        bad = next((b for b in blocks if b not in BLOCK_KEYS), blocks) if isinstance(blocks, list) else blocks
        raise ExportError(f"{origin}: unknown block '{bad}' (use {', '.join(BLOCK_KEYS)})")
    summary = _mapping(data.get("summary"), "summary", origin)
    key_facts = _mapping(data.get("key_facts"), "key_facts", origin)
    headings = {**base.headings, **_strings(data.get("headings"), "headings", origin)}
    if "title" in summary:
        headings["summary"] = str(summary["title"])
    if "title" in key_facts:
        headings["key_facts"] = str(key_facts["title"])
    try:
        summary_lines = int(summary.get("max_lines", base.summary_lines))
        key_facts_max = int(key_facts.get("max_items", base.key_facts_max))
    except (TypeError, ValueError) as exc:
        raise ExportError(f"{origin}: summary.max_lines and key_facts.max_items must be numbers") from exc
    return MemoTemplate(
        name=str(data.get("name", base.name)),
        doc_type=str(data.get("doc_type", base.doc_type)),
        date_placement=_choice(data.get("date_placement"), ("header", "doc_type"), base.date_placement,
                               "date_placement", origin),
        header_rows=tuple(rows),
        labels={**base.labels, **_strings(data.get("labels"), "labels", origin)},
        portion_marks=_choice(data.get("portion_marks"), ("none", "subject", "all"), base.portion_marks,
                              "portion_marks", origin),
        fact_style=_choice(data.get("fact_style"), ("bullet", "telegraphic", "paragraph"), base.fact_style,
                           "fact_style", origin),
        status_markers=_strings(data.get("status_markers", base.status_markers), "status_markers", origin),
        empty_text=str(data.get("empty_text", base.empty_text)),
        sources_title=str(data.get("sources_title", base.sources_title)),
        sourcing_note=bool(data.get("sourcing_note", base.sourcing_note)),
        closing=tuple((str(a), str(b)) for a, b in closing),
        layout=_layout(data, origin),
        blocks=tuple(blocks),
        citations=_choice(data.get("citations"), CITATION_STYLES, base.citations, "citations", origin),
        date_prefix=str(data.get("date_prefix", base.date_prefix) or ""),
        summary_lines=summary_lines,
        key_facts_max=key_facts_max,
        quote_sources=bool(data.get("quote_sources", base.quote_sources)),
        headings=headings,
        page_budget=_page_budget(data, origin),
    )


def load_template(name: str = DEFAULT_TEMPLATE) -> MemoTemplate:
    """The template called ``name`` (file stem); ExportError says why when it is missing or broken.

    Cached per file and modification time: an edited YAML file is read again on the next export.
    """
    name = (name or DEFAULT_TEMPLATE).strip()
    if not _NAME.fullmatch(name):
        raise ExportError(f"Memo template '{name}' is not a valid template name")
    path = resource_path("templates", f"{name}.yaml")
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise ExportError(f"Memo template '{name}' not found", str(path)) from exc
    return _load(str(path), mtime)


@lru_cache(maxsize=16)
def _load(path: str, _mtime: int) -> MemoTemplate:
    file = Path(path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ExportError(f"Memo template '{file.stem}' not found", path) from exc
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ExportError(f"Memo template '{file.stem}' cannot be read", str(exc)) from exc
    return parse_template(data, file.name)


def list_templates() -> list[tuple[str, str]]:
    """``[(name, title), ...]`` of every template under resources/templates, the default first.

    A file that does not load is left out (the export would say why if it were chosen).
    """
    folder = resource_path("templates")
    found = []
    for path in sorted(folder.glob("*.yaml")):
        if not _NAME.fullmatch(path.stem):
            continue
        try:
            found.append((path.stem, load_template(path.stem).name))
        except ExportError:
            continue
    found.sort(key=lambda item: (item[0] != DEFAULT_TEMPLATE, item[1].lower()))
    return found
