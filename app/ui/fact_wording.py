"""What the fact tree and editor show of a fact's wording: the memo wording, a needs-context mark, and the
source sentence(s) with the number of each article."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt

from app.domain import Article, Fact

SourceTextRole = Qt.ItemDataRole.UserRole + 7  # the fact's source sentence(s), "[n] sentence" per line
NEEDS_CONTEXT_MARK = "[needs context] "  # not ⚠: that marks sources that disagree
NEEDS_CONTEXT_TIP = ("Needs context: it opens with a reference (\"This\", \"They\", …) that the memo cannot "
                     "resolve, so it is unticked. Reword it, then tick it.")


def row_text(fact: Fact) -> str:
    """The row's text: the memo wording, marked when it needs context."""
    return (NEEDS_CONTEXT_MARK if fact.needs_context else "") + fact.memo_wording()


def source_text(fact: Fact, articles: Mapping[str, Article]) -> str:
    """Each source sentence, after the number of its article in the briefing ("[2] ...")."""
    if not fact.sources:
        return f"(no source: added by hand) {fact.text}"
    numbers = {aid: n for n, aid in enumerate(articles, 1)}
    lines = []
    for span in fact.sources:
        art = articles.get(span.article_id)
        sentence = art.text[span.start:span.end].strip() if art is not None else ""
        lines.append(f"[{numbers.get(span.article_id, '?')}] {sentence or fact.text}")
    return "\n".join(lines)
