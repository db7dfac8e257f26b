"""Articles in, facts out: one fact per kept sentence, duplicates merged, sectioned, scored, ticked.

Pipeline per article: split sentences -> drop fragments -> status (with preview-article context).
Then across articles: merge duplicates (merging.py) and paraphrases (corroboration.py) -> section via
the taxonomy -> score (scoring.py) -> order by section, then first source's (article, position) -> ids
F001, F002, ...
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from app.domain import Article, Fact, SourceSpan
from app.extract.corroboration import corroborate
from app.extract.merging import Candidate, cluster
from app.extract.modality import EXPECTED, OPINION, REPORTED, article_statuses
from app.extract.scoring import choose_included, clamp, corroboration_bonus, sentence_score
from app.extract.topics import Taxonomy, default_taxonomy
from app.ingest.sentence_split import split_claims
from app.ingest.sentences import word_count
from app.shared.errors import Cancelled
from app.shared.gc_pause import gc_paused

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]

MIN_WORDS = 5
_WORDS = re.compile(r"\S+")
_TOKENS = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
_BULLET_LEAD = re.compile(r"(?:[-\u2022*\u2013\u2014\u25aa\u25cf]|\d{1,2}[.)])\s+")
_TERMINATED = re.compile(r"[.!?\u2026\u3002\uff01\uff1f][\"'\u201d\u2019)\]\u300d\u300f\uff09]*$")
# A heading (no final punctuation) is kept only when something in it looks like a verb.
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|will|would|has|have|had|do|does|did|can|could|may|might|must|"
    r"says?|said|met|meets?|agrees?|holds?|held|to\s+[a-z]+|[a-z]{3,}(?:ed|es))\b"
)

# Chatter is never ticked by default (opinion neither: see choose_included): questions, addressing the
# reader ("you", outside quotations), promos and calls to action the cleaner let through, and the courtesies
# of a press conference ("First, Foreign Minister Kamikawa, please.", "Thank you very much").
_CHATTER = re.compile(
    r"\b(?:you|your|you're|yourself|click|subscribe|sign up|newsletter|follow us|read more|advertisement|"
    r"don't forget|do not forget|cookies?|all rights reserved|copyright|stay tuned|watch live|tune in|"
    r"please|thanks|my question)\b",
    re.IGNORECASE,
)
# Every _CHATTER match contains one of these (lower-case): most sentences contain none, and substring
# tests say so much faster than the case-blind regex.
_CHATTER_HINTS = ("you", "click", "subscribe", "sign up", "newsletter", "follow us", "read more", "advertis",
                  "forget", "cookie", "rights reserved", "copyright", "stay tuned", "watch live", "tune in",
                  "please", "thanks", "my question")
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d|(?<!\w)'[^']*'(?!\w)|\u2018[^\u2019]*\u2019(?!\w)")

__all__ = ["Kept", "extract_facts", "is_chatter", "kept_sentences",
           "EXPECTED", "OPINION", "REPORTED"]


# A speaker's opening courtesies: "Good afternoon, Excellencies, ...", "I wish to begin by thanking ..."
_COURTESY = re.compile(r"^(?:good (?:morning|afternoon|evening)\b|ladies and gentlemen\b|excellenc(?:y|ies)\b|"
                       r"(?:let me|allow me to|i (?:wish|want|would like) to) (?:begin|start|first)\b[^.]{0,30}\bthank|"
                       r"(?:let me|allow me to|i (?:wish|want|would like) to) thank\b|thank you\b|"
                       r"(?:it is|it was|it's|it has been) (?:a|my|an) (?:great |real |special )?"
                       r"(?:pleasure|honou?r|privilege)\b)", re.IGNORECASE)
# a transcript's speaker label: "Yoko Kamikawa, Foreign Minister of Japan: "
_SPEAKER = re.compile(r"^[A-Z][\w.'\u2019 -]{2,40}(?:,[^:.]{2,80})?:\s+")


def is_chatter(sentence: str) -> bool:
    """A question, a speaker's courtesies, or words addressed to the reader outside any quotation."""
    if sentence.rstrip("\"'\u201d\u2019) ").endswith("?"):
        return True
    opening = sentence.lstrip("\"'\u201c\u2018 ")
    if _COURTESY.match(opening) or _COURTESY.match(_SPEAKER.sub("", opening, count=1)):
        return True
    low = sentence.lower()
    if not any(map(low.__contains__, _CHATTER_HINTS)):
        return False
    plain = sentence.replace("\u2019", "'")
    if _CHATTER.search(plain) is None:
        return False  # none anywhere, so none outside quotations (the common case: skip the quote pass)
    return _CHATTER.search(_QUOTED.sub(" ", plain)) is not None


def extract_facts(
    articles: Sequence[Article],
    taxonomy: Taxonomy | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
    ready: Sequence[list[Kept] | None] | None = None,
) -> list[Fact]:
    """Facts from ``articles``, ordered by taxonomy section then source order, ids F001...

    ``ready``: per article, its ``kept_sentences`` if already made (by worker processes), else None.
    """
    with gc_paused():
        return _extract_facts(articles, taxonomy, progress, is_cancelled, ready)


# A kept sentence before merging, compact enough to send between processes: (start, end, status, word
# count, kept sentences in its article, then, when made by a worker, the sentence's section and score
# under the default taxonomy, else None).
Kept = tuple[int, int, str, int, int, "tuple[str, float] | None"]


def kept_sentences(article: Article, scored: bool = False) -> list[Kept]:
    """One article's sentences worth a fact, with their status: the per-article half of extraction, which
    worker processes run for big runs (see ``app.run.pipeline``). ``scored``: also section and score every
    sentence, so that the main process need not do it for the ones that become facts."""
    text = article.text
    kept = [span for span in (_fact_span(text, a, b) for a, b in split_claims(text)) if span]
    if article.title and kept:
        kept = _without_title(text, kept, article.title)
    statuses = article_statuses([text[a:b] for a, b, _ in kept])
    taxonomy = default_taxonomy() if scored else None
    out: list[Kept] = []
    for pos, ((a, b, words), status) in enumerate(zip(kept, statuses, strict=True)):
        pre = _section_and_score(taxonomy, text[a:b], words, pos, len(kept), status) if taxonomy else None
        out.append((a, b, status, words, len(kept), pre))
    return out


def _without_title(text: str, kept: list[tuple[int, int, int]], title: str) -> list[tuple[int, int, int]]:
    """Leave out a line that only repeats the headline ("Jadetimes, Summary and Outcomes of the … Meeting."):
    the headline's words all there, and at most a few more (an outlet, a date)."""
    words = set(_TOKENS.findall(title.lower()))
    if len(words) < 3:
        return kept
    limit = len(words) + 4
    return [(a, b, n) for a, b, n in kept
            if n > limit or not words <= set(_TOKENS.findall(text[a:b].lower()))]


def _section_and_score(taxonomy: Taxonomy, sentence: str, words: int, position: int, count: int,
                       status: str) -> tuple[str, float]:
    hits = taxonomy.section_hits(sentence)
    return (taxonomy.classify(sentence, hits),
            sentence_score(sentence, words, position, count, sum(hits), status))


def _extract_facts(articles: Sequence[Article], taxonomy: Taxonomy | None, progress: Progress | None,
                   is_cancelled: IsCancelled | None, ready: Sequence[list[Kept] | None] | None) -> list[Fact]:
    # Sections and scores made by workers hold for the default taxonomy only.
    use_pre = taxonomy is None
    taxonomy = taxonomy or default_taxonomy()
    total = len(articles)
    cands: list[Candidate] = []
    # id(candidate) -> (status, words, article sentence count, (section, score) if made by a worker)
    info: dict[int, tuple[str, int, int, tuple[str, float] | None]] = {}
    for ai, art in enumerate(articles):
        if is_cancelled is not None and is_cancelled():
            raise Cancelled()
        done = ready[ai] if ready is not None and ai < len(ready) else None
        if done is None and progress is not None:
            progress(ai, total, f"Extracting {art.title or art.id}")
        text, aid = art.text, art.id
        for pos, (a, b, status, words, count, pre) in enumerate(kept_sentences(art) if done is None else done):
            cand = Candidate(ai, pos, aid, a, b, text[a:b])
            info[id(cand)] = (status, words, count, pre if use_pre else None)
            cands.append(cand)
    if is_cancelled is not None and is_cancelled():
        raise Cancelled()
    if progress is not None:
        progress(total, total, "Merging duplicate sentences")

    ordered: list[tuple[int, int, int, Fact]] = []
    known = set(taxonomy.keys)
    for group in corroborate(cluster(cands), articles, lambda c: info[id(c)][0]):
        first = group.first
        status, words, count, pre = info[id(first)]
        # A preview's "will discuss" merged with an outcome article's report of it: it has happened.
        if status == EXPECTED and any(info[id(m)][0] == REPORTED for m in group.members):
            status = REPORTED
        if pre is None or pre[0] not in known:
            pre = _section_and_score(taxonomy, first.text, words, first.position, count, status)
        section, score = pre
        score = clamp(score + corroboration_bonus(len({m.article_index for m in group.members})))
        sources = [SourceSpan(m.article_id, m.start, m.end) for m in group.members]
        fact = Fact(id="", text=first.text, section=section, score=score, included=False,
                    sources=sources, status=status)
        ordered.append((taxonomy.order(section), first.article_index, first.position, fact))
    ordered.sort(key=lambda r: r[:3])
    facts = [r[3] for r in ordered]
    ticks = choose_included([f.score for f in facts], [f.status for f in facts])
    ticks = [tick and not is_chatter(f.text) for f, tick in zip(facts, ticks, strict=True)]
    for n, (fact, tick) in enumerate(zip(facts, ticks, strict=True), start=1):
        fact.id = f"F{n:03d}"
        fact.included = tick
    return facts


def _fact_span(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """(start, end, words) of a sentence worth a fact, bullet marker trimmed; None for fragments."""
    lead = _BULLET_LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    sentence = text[start:end]
    words = len(_WORDS.findall(sentence))
    if words < MIN_WORDS and not sentence.isascii():
        words = max(words, word_count(sentence))  # CJK scripts write no spaces: two characters count as a word
    if words < MIN_WORDS or not _LETTER.search(sentence):
        return None
    if not _TERMINATED.search(sentence) and not _VERBISH.search(sentence):
        return None  # a heading such as "Background" or "US-Japan Security Talks"
    return start, end, words
