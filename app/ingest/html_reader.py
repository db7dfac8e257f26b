"""Saved web pages: main text by trafilatura, a plain lxml text dump when it finds nothing."""

from __future__ import annotations

import logging
import re
from datetime import date

from .document import RawDocument, ReadProblem
from .encoding import Decoded, decode_text
from .files import MAX_TEXT_CHARS, text_limit_problem

log = logging.getLogger(__name__)

_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "section",
               "article", "tr", "br", "dd", "dt", "figcaption", "header", "main")
_DROP_TAGS = ("head", "title", "script", "style", "noscript", "nav", "footer", "aside", "form", "template",
              "svg", "iframe")

# Bounds before trafilatura, whose time grows with the page's text (about 1.2 s a million characters):
# the visible text of the page, menus and comments included, may be a few times the article's limit.
MAX_PAGE_TEXT_CHARS = 4 * MAX_TEXT_CHARS
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg")
# Inline images (pages saved as one file) are dropped before parsing: they are no text, and one over
# 10 MB stops libxml2, which then silently leaves out the rest of the page.
_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]{4096,}")
TOO_DEEP = "is nested too deeply to read (its HTML elements go hundreds of levels deep); save the page again"
TOO_BIG_BLOCK = ("has a single block of text or markup too large to read (over 10 MB without a break); "
                 "save the page again")


def decode_html(data: bytes) -> Decoded:
    """The page's text. A declared charset (``<meta charset>``, an XML declaration) is weighed against the
    bytes, not trusted blindly (``decode_text``); a byte-order mark outranks it, as in browsers."""
    m = _DECLARED.search(data[:4096])
    if m is None:
        return decode_text(data)
    label = (m.group(1) or m.group(2)).decode("ascii", "replace")
    # Markup is no prose: a declared page is only checked for control bytes, as browsers would show it.
    return decode_text(data, declared=label, prose=False)


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _strip_site(title: str, site: str) -> str:
    if site:
        for sep in (" | ", " - ", " – ", " — ", " :: ", " · "):
            if title.endswith(sep + site):
                return title[: -len(sep + site)].strip()
    return title.strip()


def _lxml_fallback(html: str) -> tuple[str, str]:
    """Text of every block element, one per line, and the <title>/<h1>."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return "", ""
    title = " ".join(tree.xpath("string(//title)").split()) or " ".join(tree.xpath("string(//h1)").split())
    for bad in tree.xpath("|".join(f"//{t}" for t in _DROP_TAGS)):
        bad.drop_tree()
    for el in tree.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    lines = [" ".join(line.split()) for line in tree.text_content().split("\n")]
    return "\n".join(line for line in lines if line), title


def _check_page(html: str) -> None:
    """Refuse what libxml2 (under trafilatura too) would cut short without saying so, and pages with far
    more text than an article, before the slow extraction starts. Parsing is linear and bounded:
    libxml2's own limits on depth and on one text node stay on (no ``huge_tree``)."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(collect_ids=False)
    try:
        tree = lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return  # empty or odd markup: trafilatura and the fallback decide
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            raise ReadProblem(TOO_DEEP if "depth" in error.message else TOO_BIG_BLOCK, error.message.strip())
    etree.strip_elements(tree, *_INVISIBLE_TAGS, with_tail=False)
    chars = len(tree.text_content())
    if chars > MAX_PAGE_TEXT_CHARS:
        raise ReadProblem(text_limit_problem(chars))


def read_html(data: bytes) -> RawDocument:
    decoded = decode_html(data)
    html = decoded.text
    if not html.strip():
        raise ReadProblem("is empty")
    if "data:" in html:
        html = _DATA_URI.sub("data:,", html)
    _check_page(html)
    import trafilatura

    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura raises a zoo of lxml/parse errors on odd pages
        log.info("trafilatura failed: %r", exc)
    text = (getattr(doc, "text", None) or "").strip()
    title = (getattr(doc, "title", None) or "").strip()
    site = (getattr(doc, "sitename", None) or "").strip()
    published = _parse_date(getattr(doc, "date", None))
    if not text:
        text, fallback_title = _lxml_fallback(html)
        title = title or fallback_title
    if not text.strip():
        raise ReadProblem("has no readable text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return RawDocument(text, _strip_site(title, site), site, published, list(decoded.warnings))
