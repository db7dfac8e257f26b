"""Sentence boundaries as character offsets, aware of the abbreviations news copy is full of.

A pure regex/scan splitter: it never rewrites text, so every (start, end) can back a SourceSpan.
Paragraph breaks always split; a single newline splits when its line ends a sentence or is a heading
(unless the block looks hard-wrapped, as text pulled from PDFs does). Inside a line, each run of
terminal punctuation is a candidate and the word before and after it decide.
"""

from __future__ import annotations

import re

_PARA_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_NEWLINE = re.compile(r"\n")
# A run of terminal punctuation plus closing quotes/brackets, followed by whitespace or the end; or a run
# of CJK full stops, which end a sentence with no space after them ("会談した。両氏は").
# (Written to open with one character class, so that the engine skips ahead to candidate characters.)
_TERMINAL = re.compile(r"[.!?\u2026\u3002\uff01\uff1f]"
                       r"(?:(?<=[.!?\u2026])[.!?\u2026]*[\"'\u201d\u2019\u00bb)\]]*(?=\s|$)"
                       r"|(?<=[\u3002\uff01\uff1f])[\u3002\uff01\uff1f]*[\u300d\u300f\uff09\"\u201d]*)")
_LINE_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f][\"'\u201d\u2019\u00bb)\]\u300d\u300f\uff09]*$")
_CJK_ENDS = "\u3002\uff01\uff1f"  # 。！？
# After a punctuation run: whitespace, opening quotes/brackets (group 1: where they start), the next word (2).
_AFTER = re.compile(r"\s*([\"'\u201c\u2018\u00ab(\[]*)(\w[\w'\u2019&-]*)?")
_BULLET = re.compile(r"(?:[-\u2022*\u2013\u2014\u25aa\u25cf]|\d{1,2}[.)])\s")
_OPENERS = "\"'\u201c\u2018\u00ab(["

# Never end a sentence: titles before a name, and Latin/short forms always followed by more text.
_NEVER_END = frozenset(
    "mr mrs ms messrs dr prof gen adm lt col maj capt cpt sgt cpl pvt cmdr cdr brig gov sen rep reps "
    "pres amb hon rev fr supt insp det e.g i.e cf viz vs v approx ca est dept gens lt.gen".split()
)
# End a sentence only before a number-free, obvious sentence starter ("No. 1", "Art. 9", "Sec. 5").
_BEFORE_NUMBER = frozenset("no nos art arts vol vols p pp fig figs ch para paras sec secs op nr".split())
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Abbreviations that may or may not end a sentence: split only before a typical sentence starter.
_AMBIGUOUS = frozenset("jr sr inc corp co ltd llc plc bros st mt ft univ assn intl govt".split())

# Words before a full stop that may not end the sentence, whatever follows (see _period_ends).
_MAY_CONTINUE = _NEVER_END | _BEFORE_NUMBER | _MONTHS | _AMBIGUOUS

# Words that typically open a sentence and rarely continue a proper noun ("U.S. The ..." vs "U.S. Army").
STARTERS = frozenset(
    """The This That These Those It Its They Their There Here He She We I You His Her Our My
    A An In On At As But And Or So Yet However Meanwhile Also Still Moreover Furthermore Additionally
    Nevertheless Nonetheless Instead Otherwise Thus Therefore Hence Indeed Overall Separately Similarly
    After Before While When Whereas Since Although Though If Unless For With Without Under Over During
    Despite Amid Following Both Each Some Many Most All Several Few Other Another Such No Not None
    According Earlier Later Last Next Then Now Today Yesterday Tomorrow Currently Previously Recently
    Only Even Already To From By Of What Why How Who Where Whether Which Officials Analysts Critics
    Experts Speaking Asked""".split()
)
_INITIAL_STARTERS = frozenset("The This That It They He She We But However".split())
# Lines that end in these words are wrapped mid-sentence, never headings.
_CONTINUATION_WORDS = frozenset(
    "a an the of to in on at by for from with and or but nor as that which who whose whom than "
    "into onto over under about after before between its their his her our your is are was were "
    "be been will would has have had said says".split()
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in ``text``, whitespace-trimmed, in order."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_BREAK.finditer(text):
        _split_block(text, pos, m.start(), spans)
        pos = m.end()
    _split_block(text, pos, len(text), spans)
    return spans


def _split_block(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    """One paragraph: cut at single newlines that end a heading or start a bullet, then within lines."""
    lines: list[tuple[int, int]] = []
    pos = start
    for m in _NEWLINE.finditer(text, start, end):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, end))
    if len(lines) == 1:
        _split_segment(text, start, end, out)
        return
    stripped = [text[a:b].strip() for a, b in lines]
    wrapped = _looks_wrapped(stripped)
    seg_start = start
    for i in range(len(lines) - 1):
        line, nxt = stripped[i], stripped[i + 1]
        if not line or not nxt:
            continue
        if _BULLET.match(nxt) or (not _LINE_END.search(line) and _is_heading(line, nxt, wrapped)):
            _split_segment(text, seg_start, lines[i][1], out)
            seg_start = lines[i + 1][0]
    _split_segment(text, seg_start, end, out)


def _looks_wrapped(lines: list[str]) -> bool:
    """Hard-wrapped prose: lines of similar, modest length that mostly stop mid-sentence."""
    body = [ln for ln in lines[:-1] if ln]
    if len(body) < 2:
        return False
    open_ends = sum(1 for ln in body if not _LINE_END.search(ln))
    lengths = sorted(len(ln) for ln in body)
    return (open_ends * 2 >= len(body) and lengths[-1] <= 120
            and lengths[len(lengths) // 2] >= 0.6 * lengths[-1])


def _is_heading(line: str, nxt: str, wrapped: bool) -> bool:
    first = nxt.lstrip(_OPENERS)[:1]
    if not first or first.islower():
        return False
    if line[-1] in ",;-\u2013\u2014(&/":
        return False
    words = line.split()
    if words[-1].lower() in _CONTINUATION_WORDS:
        return False
    if wrapped:
        caps = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
        return len(words) <= 8 and caps * 2 >= len(words)
    return True


def _split_segment(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    sent_start = start
    after = _AFTER.match
    for m in _TERMINAL.finditer(text, start, end):
        e = m.end()
        # The common case, decided as _is_boundary would: "word. Next", one space, a capital after it and
        # a plain word of two letters or more before the full stop that is no abbreviation.
        if e + 1 < end and text[e] == " " and text[e + 1].isupper() and m.group() == ".":
            ms = m.start()
            token = text[max(text.rfind(" ", sent_start, ms) + 1, sent_start):ms]
            if len(token) > 1 and token.isalpha() and token.lower() not in _MAY_CONTINUE:
                _emit(text, sent_start, e, out)
                sent_start = e + 1
                continue
        a = after(text, e, end)  # always matches: every part is optional
        nxt = a.start(1)
        if nxt >= end:
            break
        if _is_boundary(text, sent_start, m, nxt, a):
            _emit(text, sent_start, m.end(), out)
            sent_start = nxt
    _emit(text, sent_start, end, out)


def _emit(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append((start, end))


def _is_boundary(text: str, sent_start: int, m: re.Match[str], nxt: int, a: re.Match[str]) -> bool:
    """``a`` is _AFTER matched right after the punctuation run ``m``; ``nxt`` where its whitespace ends."""
    run = m.group()
    if run[0] in _CJK_ENDS:  # a quotation the sentence goes on after: 「…。」と述べた
        return not (run[-1] not in _CJK_ENDS and text.startswith("\u3068", m.end()))
    next_word = a.group(2) or ""
    first = next_word[:1] if next_word else text[nxt]
    if first.islower():
        return False  # '..." he said', "U.S. forces", "approx. one"
    if not next_word and a.end() > nxt:
        return True  # an opening quote or bracket
    if "?" in run or "!" in run:
        return True
    newline = "\n" in text[m.end():nxt]
    # The word before the punctuation, without leading quotes/brackets.
    ms = m.start()
    k = max(text.rfind(" ", sent_start, ms) + 1, sent_start)
    if not text[k:ms].isprintable():  # maybe a tab, newline or other space after the last " "
        k = ms
        while k > sent_start and not text[k - 1].isspace():
            k -= 1
    token = text[k:ms].lstrip(_OPENERS)
    if "\u2026" in run or ".." in run:
        # Ellipsis: a standalone " ... " is usually an elision inside a quote.
        return newline or (bool(token) and first.isupper()) or next_word in STARTERS
    at_start = not text[sent_start:k].strip()
    return _period_ends(token, next_word, first, newline, at_start)


def _period_ends(token: str, next_word: str, first: str, newline: bool, at_start: bool) -> bool:
    low = token.lower()
    if not token:
        return first.isupper() or first.isdigit()
    if low in _NEVER_END:
        return False
    dotted = "." in token
    initial = len(token) == 1 and token.isalpha()
    if first.isdigit():
        if low in _BEFORE_NUMBER or low in _MONTHS:
            return False
        if dotted or initial or low in _AMBIGUOUS:
            return newline  # "U.S. 7th Fleet"
        return not (at_start and token.isdigit())  # "1. The first point" is a list number
    if token.isdigit() and at_start:
        return False
    starter = next_word in STARTERS
    if initial:
        # An initial ("Lloyd J. Austin") unless a line break or a pronoun-like starter follows.
        return token.islower() or newline or next_word in _INITIAL_STARTERS
    if dotted:
        # Dotted abbreviation: "U.S", "a.m", "D.C". Split before "The", not before "Army".
        return newline or starter
    if low in _AMBIGUOUS or low in _MONTHS or low in _BEFORE_NUMBER:
        return newline or starter
    return True


# --- long sentences that join independent claims ---------------------------------------------------

LONG_SENTENCE_WORDS = 45  # longer sentences may be split into claims
MIN_CLAIM_WORDS = 8  # never leave a part shorter than this
_JOINS = re.compile(r";\s+|,\s+(?:and|but|while|whereas)\s+")
_WORD_RE = re.compile(r"\S+")
# A new clause opens with a subject: a pronoun, a determiner + noun, or a capitalised name...
_SUBJECT = re.compile(
    r"(?:(?:he|she|they|it|we|i|you|this|that|these|those|both|each|officials?|ministers?)\b"
    r"|(?:the|a|an|its|their|his|her|our)\s+(?:[\w'\u2019-]+\s+){0,3}?"
    r"|[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|of|and|the))*\s+)",
)
# ...followed within a few words by a finite verb.
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|shall|should|can|could|may|might|must|did|does|do|"
    r"said|says|told|agreed|added|noted|announced|plans?|aims?|wants?|expects?|called|urged|warned|"
    r"signed|pledged|vowed|met|held|[a-z]{3,}ed)\b"
)


def split_claims(text: str) -> list[tuple[int, int]]:
    """Sentences as in ``split_sentences``, with very long ones cut into their independent claims."""
    out: list[tuple[int, int]] = []
    for start, end in split_sentences(text):
        long = end - start > LONG_SENTENCE_WORDS * 4  # cheap test first: most sentences are short
        if long and len(_WORD_RE.findall(text, start, end)) > LONG_SENTENCE_WORDS:
            out.extend(split_long(text, start, end))
        else:
            out.append((start, end))
    return out


def split_long(text: str, start: int, end: int,
               max_words: int = LONG_SENTENCE_WORDS) -> list[tuple[int, int]]:
    """(start, end) sub-ranges of one sentence: cut at "; " or ", and"/", but" + a new subject-verb clause,
    outside quotes and brackets, leaving no part under MIN_CLAIM_WORDS. Offsets index ``text``, so each
    part can back a SourceSpan; separators (the ";" or ", and") belong to no part."""
    if len(_WORD_RE.findall(text, start, end)) <= max_words:
        return [(start, end)]
    cuts: list[tuple[int, int]] = []  # (end of the left part, start of the right part)
    for m in _JOINS.finditer(text, start, end):
        if _nested(text, start, m.start()):
            continue
        right = m.end()
        if m.group().lstrip()[:1] != ";" and not _new_clause(text, right, end):
            continue
        if m.group().lstrip()[:1] == ";" and not _FINITE.search(text, right, min(end, right + 120)):
            continue  # a list separated by semicolons, not a second clause
        cuts.append((m.start(), right))
    parts: list[tuple[int, int]] = []
    left = start
    for cut_end, right in cuts:
        if (_words(text, left, cut_end) >= MIN_CLAIM_WORDS and _words(text, right, end) >= MIN_CLAIM_WORDS):
            parts.append((left, cut_end))
            left = right
    parts.append((left, end))
    return [(a, b) for a, b in parts if a < b]


def _words(text: str, start: int, end: int) -> int:
    return len(_WORD_RE.findall(text, start, end))


def _nested(text: str, start: int, pos: int) -> bool:
    """Inside a quotation or brackets at ``pos`` (counted from the sentence start)?"""
    piece = text[start:pos]
    straight = piece.count('"') % 2 == 1
    curly = piece.count("\u201c") > piece.count("\u201d")
    return straight or curly or piece.count("(") > piece.count(")") or piece.count("[") > piece.count("]")


def _new_clause(text: str, pos: int, end: int) -> bool:
    """Does a clause with its own subject and finite verb start at ``pos``? ("the ministers also pledged")"""
    if not _SUBJECT.match(text, pos, end):
        return False
    words = text[pos:min(end, pos + 80)].split()[1:6]
    return any(_FINITE.fullmatch(w.strip(",;:\"'\u201d\u2019")) for w in words) or \
        bool(_FINITE.fullmatch(text[pos:end].split(" ", 1)[0]))
