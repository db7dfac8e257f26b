"""What the fact tree and editor show of a fact's wording: the memo wording, a needs-context mark, and the
source sentence(s) with the number of each article."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt

from app.domain import Article, Fact

# What a screen reader reads for a row, in this order: spoken_fact and spoken_section return both.
SPOKEN_ROLES = (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole)
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


def spoken_fact(fact: Fact, section: str) -> tuple[str, str]:
    """A fact row's accessible text (tick state, then wording) and description (section, sources, status)."""
    n = len(fact.sources)
    parts = [f"Section {section}", "ticked, in the memo" if fact.included else "not ticked, left out of the memo",
             f"{n} source{'s' if n != 1 else ''}" if n else "added by hand", fact.status]
    if fact.conflicts:
        parts.append("the sources disagree")
    if fact.needs_context:
        parts.append("needs context")
    return f"{'Ticked' if fact.included else 'Not ticked'}: {row_text(fact)}", "; ".join(parts)


def spoken_section(title: str, ticked: int, total: int) -> tuple[str, str]:
    """A section row's accessible text and description."""
    state = "all ticked" if ticked == total else "none ticked" if ticked == 0 else "partly ticked"
    return (f"Section {title}: {ticked} of {total} facts ticked",
            f"Section {title}, {state}; ticking it ticks or unticks every fact in it")
