"""Turn an article's raw text into clean body text, keeping a record of everything removed.

Order of work: standalone date lines and boilerplate lines go first, then transcript noise (speaker
labels, stage notes: transcript.py) is cut from inside lines, then the headline is found,
then a wire dateline prefix ("TOKYO, July 28 (Reuters) - ") is cut, then repeated paragraphs and
sentences are dropped (first occurrence kept). Every removal is a ``RemovedPart`` whose ``start`` is
its offset in the raw text (after newline normalisation, see ``CleanResult.raw``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from app.domain.model import RemovedPart
from app.ingest.sentence_split import split_sentences

from .boilerplate import _BULLET_CHARS, classify, classify_tidied, has_sentence_literals, is_link_header, tidy
from .dates import DateLine, agency_dateline, complete_date, find_full_dates, standalone_date
from .sentences import normalise, word_count
from .transcript import default_rules, find_label, find_notes, is_speaker

HEADLINE = "headline"
ABOVE_HEADLINE = "page furniture above the headline"
DATELINE = "dateline"
REPEATED_PARAGRAPH = "repeated paragraph"
REPEATED_SENTENCE = "repeated sentence"

MAX_HEADLINE_WORDS = 20
HEAD_ZONE = 8  # pasted web pages may open with a few lines of site furniture before the headline
MAX_FURNITURE_WORDS = 12  # ... short lines; a longer one above the headline is kept as text
# (a later line is taken for the headline only when it is no full sentence: sentences are text)
TITLE_CHARS = 90
MIN_REPEAT_WORDS = 4  # shorter sentences ("He agreed.") may legitimately recur
MAX_LINK_WORDS = 20  # a related-article headline under a "Related" header

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


@dataclass
class CleanResult:
    text: str
    removed: list[RemovedPart]
    title: str
    published: date | None
    outlet: str
    raw: str = ""  # the raw text with "\n" newlines: every RemovedPart.start indexes into it


@dataclass
class _Line:
    start: int  # offset of ``text`` in the raw text
    text: str  # the line without surrounding whitespace
    block: int  # paragraph block: lines separated by a blank line are in different blocks
    removed: str | None = None  # reason when the whole line goes
    cuts: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, reason) within text


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    block, offset, blank_before = 0, 0, False
    for piece in raw.split("\n"):
        stripped = piece.strip()
        if not stripped:
            blank_before = True
        else:
            if blank_before and lines:
                block += 1
            blank_before = False
            lines.append(_Line(offset + piece.index(stripped[0]), stripped, block))
        offset += len(piece) + 1
    return lines


def _ends_sentence(text: str) -> bool:
    core = text.rstrip("\"'”’)]」』 ")
    return core.endswith((".", "。")) and not core.endswith("...")


def _strip_title(text: str) -> str:
    text = text.strip()
    if _ends_sentence(text) and text.endswith((".", "。")):
        text = text[:-1]
    return text


def short_title(sentence: str) -> str:
    """A title made from a first sentence: cut at ~90 characters on a word boundary, with an ellipsis."""
    text = _strip_title(_SPACES.sub(" ", sentence))
    if len(text) <= TITLE_CHARS:
        return text
    cut = text[:TITLE_CHARS]
    space = cut.rfind(" ")
    if space > TITLE_CHARS // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def _same_title(line: str, hint: str) -> bool:
    a, b = normalise(line), normalise(hint)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    # "Allies meet | The Daily Example" against "Allies meet": a site name after a separator.
    return long_.startswith(short) and long_[len(short) :].lstrip()[:1] in {"|", "-", ":", "·", "•"}


def _appears_later(text: str, later: list[_Line]) -> bool:
    key = normalise(text)
    for ln in later:
        if normalise(ln.text) == key:
            return True
        if any(normalise(ln.text[a:b]) == key for a, b in split_sentences(ln.text)):
            return True
    return False


def _is_headline(cand: _Line, body: list[_Line]) -> bool:
    text = cand.text
    words = word_count(text)
    if len(body) < 2 or not 3 <= words <= MAX_HEADLINE_WORDS or len(text) > 200:
        return False
    if agency_dateline(text):
        return False
    # "The summit was about Ukraine. Here are some key things to know": two short sentences with no
    # final stop still make one headline
    if len(split_sentences(text)) != 1 and (_ends_sentence(text) or len(split_sentences(text)) > 2):
        return False
    if cand.cuts:
        return False  # "MODERATOR: Good afternoon": speech, not a heading
    nxt = body[1]
    if nxt.block == cand.block and nxt.text[:1].islower() and word_count(nxt.text) > 2:
        return False  # a hard-wrapped paragraph, not a heading ("world" under it is a section label)
    if not _ends_sentence(text):
        return True
    # A full sentence on its own is a headline only when it stands alone and the body repeats it
    # (pages that print the headline and then open with the same sentence).
    return nxt.block != cand.block and _appears_later(text, body[1:])


# "Jane Doe (now); John Roe and Ann Poe (earlier)": a live page's byline, not its headline
_NAME = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}(?: \(\w+\))?"
_NAMES_LINE = re.compile(rf"^(?:By )?{_NAME}(?:(?:;|,| and| &) {_NAME})+$")


def _find_headline(body: list[_Line]) -> int | None:
    """Index of the headline in the first lines of the body, or None. The first line wins when it reads
    as one; otherwise a later line in the opening zone (before the first paragraph of text) that reads as
    a headline and is not a byline, with at least five words ("Breaking News", "The Guardian - US" are
    furniture)."""
    if _is_headline(body[0], body):
        return 0
    for i, cand in enumerate(body[:HEAD_ZONE]):
        if _ends_sentence(cand.text):
            if word_count(cand.text) >= 8:
                return None  # the text has begun: no headline below it
            continue  # "Get all your news in one place.": a line of furniture
        if i and word_count(cand.text) >= 5 and not _NAMES_LINE.match(cand.text) and _is_headline(cand, body[i:]):
            return i
    return None


def _kept_text(line: _Line) -> str:
    pieces, pos = [], 0
    for a, b, _ in sorted(line.cuts):
        pieces.append(line.text[pos:a])
        pos = max(pos, b)
    pieces.append(line.text[pos:])
    text = "".join(pieces)
    if text.isascii() and "  " not in text and "\t" not in text:
        return text.strip()  # nothing to collapse (the common case)
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def _first_paragraph(body: list[_Line]) -> str:
    """The first body line, plus the rest of its block when the line was hard-wrapped."""
    if not body:
        return ""
    parts = [_kept_text(body[0])]
    for ln in body[1:]:
        if ln.block != body[0].block or _ends_sentence(parts[-1]):
            break
        parts.append(_kept_text(ln))
    return " ".join(parts)


def _infer_year(month: int, day: int, dates: list[DateLine], body: list[_Line],
                date_hint: date | None) -> int | None:
    if dates:
        return dates[0].value.year
    for ln in body[:5]:
        for found in find_full_dates(ln.text):
            if (found.value.month, found.value.day) == (month, day):
                return found.value.year
    return date_hint.year if date_hint else None


def _drop_link_lists(lines: list[_Line]) -> None:
    """Headlines listed under a bare "Related coverage:" line go with it (up to the first real sentence)."""
    for i, ln in enumerate(lines):
        if not (ln.removed and is_link_header(ln.text)):
            continue
        for nxt in lines[i + 1 : i + 11]:
            if nxt.removed:
                continue
            if _ends_sentence(nxt.text) or word_count(nxt.text) > MAX_LINK_WORDS:
                break
            nxt.removed = ln.removed


def _cut_transcript_noise(lines: list[_Line]) -> None:
    """Speaker labels opening a line and bracketed stage notes anywhere in it."""
    rules = default_rules()
    found = [(ln, find_label(ln.text, rules)) for ln in lines if not ln.removed]
    count = sum(1 for _, label in found if label)
    for ln, label in found:
        if label and is_speaker(label, count, rules):
            # The speaker stays on record in the reason ("speaker label (SECRETARY BLINKEN)").
            ln.cuts.append((0, label.end, f"{rules.speaker_reason} ({label.name})"))
        ln.cuts.extend(find_notes(ln.text, rules))
        if ln.cuts and not _kept_text(ln):
            # Nothing but a label and notes: the whole line goes, under its first reason.
            ln.removed = min(ln.cuts)[2]
            ln.cuts.clear()


def _lead_end(ln: _Line) -> int:
    """End of the cuts at the start of a line (dateline, speaker label, "(Via interpreter)")."""
    end = 0
    for a, b, _ in sorted(ln.cuts):
        if ln.text[end:a].strip():
            break
        end = max(end, b)
    return end


def _dedupe(lines: list[_Line]) -> None:
    seen_lines: set[str] = set()
    seen_sentences: set[str] = set()
    for ln in lines:
        if ln.removed:
            continue
        key = normalise(_kept_text(ln))
        if key in seen_lines:
            ln.removed = REPEATED_PARAGRAPH
            continue
        seen_lines.add(key)
        offset = _lead_end(ln)  # skip a dateline prefix or speaker label
        spans = split_sentences(ln.text[offset:])
        cuts: list[tuple[int, int, str]] = []
        # Sentences are classified only in a paragraph of several. The paragraph's literal gate (see
        # has_sentence_literals) is worked out only for a sentence that a gated pattern really matches.
        floating = _ParagraphGate(ln.text) if len(spans) > 1 else None
        for a, b in spans:
            a += offset
            b += offset
            sentence = ln.text[a:b]
            if sentence.isascii():  # normalise() and tidy() share their work on plain ASCII
                tidied = " ".join(sentence.split())
                skey = tidied.lower()
                if tidied[:1] in _BULLET_CHARS:
                    tidied = tidy(tidied)
                    low = tidied.lower()
                else:
                    low = skey
            else:
                skey = normalise(sentence)
                tidied = tidy(sentence)
                low = tidied.lower()
            reason = None
            if floating is not None and tidied:
                reason = classify_tidied(tidied, low, sentence=True, floating=floating)
            if reason is None and skey in seen_sentences and word_count(sentence) >= MIN_REPEAT_WORDS:
                reason = REPEATED_SENTENCE
            if reason:
                cuts.append((a, b, reason))
            else:
                seen_sentences.add(skey)
        if cuts and len(cuts) == len(spans) and not ln.cuts and all(c[2] == REPEATED_SENTENCE for c in cuts):
            ln.removed = REPEATED_PARAGRAPH
        else:
            ln.cuts.extend(cuts)


class _ParagraphGate:
    """``has_sentence_literals(paragraph)``, computed on the first call only."""

    __slots__ = ("paragraph", "value")

    def __init__(self, paragraph: str) -> None:
        self.paragraph = paragraph
        self.value: bool | None = None

    def __call__(self) -> bool:
        if self.value is None:
            self.value = has_sentence_literals(self.paragraph)
        return self.value


def clean_text(raw: str, title_hint: str | None = None, date_hint: date | None = None) -> CleanResult:
    """Clean any article text. ``title_hint``: a title known from the file's format (HTML, DOCX,
    Markdown heading); ``date_hint``: a fallback date (e.g. from the file name)."""
    raw = normalise_newlines(raw)
    lines = _split_lines(raw)

    dates: list[DateLine] = []
    for ln in lines:
        found = standalone_date(ln.text)
        if found:
            ln.removed = DATELINE
            dates.append(found)
        else:
            ln.removed = classify(ln.text)
    _drop_link_lists(lines)
    _cut_transcript_noise(lines)
    body = [ln for ln in lines if not ln.removed]

    title = ""
    hint = (title_hint or "").strip()
    if hint:
        title = hint
        for ln in body[:3]:
            if _same_title(ln.text, hint) and len(body) > 1:
                ln.removed = HEADLINE
                title = _strip_title(ln.text) if len(ln.text) <= len(hint) else hint
                break
    elif body:
        at = _find_headline(body)
        if at is not None:
            for ln in body[:at]:
                if word_count(ln.text) <= MAX_FURNITURE_WORDS:
                    ln.removed = ABOVE_HEADLINE
            body[at].removed = HEADLINE
            title = _strip_title(body[at].text)
    body = [ln for ln in body if not ln.removed]

    outlet, wire_date = "", None
    for ln in body[:2]:
        wire = agency_dateline(ln.text)
        if wire:
            ln.cuts.append((0, wire.end, DATELINE))
            outlet = wire.outlet
            year = wire.year
            if wire.month and wire.day and year is None:
                year = _infer_year(wire.month, wire.day, dates, body, date_hint)
            wire_date = complete_date(wire.month, wire.day, year)
            break

    _dedupe(lines)
    body = [ln for ln in lines if not ln.removed]

    outlet = outlet or next((d.outlet for d in dates if d.outlet), "")
    published = next((d.value for d in dates if not d.updated), None) or wire_date
    if published is None and dates:
        published = dates[0].value
    if published is None:
        found = find_full_dates(_first_paragraph(body))
        published = found[0].value if found else date_hint

    blocks: dict[int, list[str]] = {}
    for ln in body:
        kept = _kept_text(ln)
        if kept:
            blocks.setdefault(ln.block, []).append(kept)
    text = "\n\n".join("\n".join(parts) for parts in blocks.values())

    # No headline found: the title stays empty (the caller names the article by its file), never a body
    # sentence passed off as a headline.

    removed = _removed_parts(lines)
    return CleanResult(text, removed, title, published, outlet, raw)


def _removed_parts(lines: list[_Line]) -> list[RemovedPart]:
    parts: list[RemovedPart] = []
    for ln in lines:
        if ln.removed:
            parts.append(RemovedPart(ln.text, ln.removed, ln.start))
            continue
        covered = 0
        for a, b, reason in sorted(ln.cuts, key=lambda c: (c[0], -c[1])):
            if b <= covered:
                continue  # inside a larger cut already recorded ("[inaudible]" in a repeated sentence)
            covered = b
            piece = ln.text[a:b]
            lead = len(piece) - len(piece.lstrip())
            parts.append(RemovedPart(piece.strip(), reason, ln.start + a + lead))
    return sorted(parts, key=lambda p: p.start)
