"""The default ticks: the facts that fill the template's page budget, best first.

Order of preference: outcomes (agreed, signed, launched…) and corroborated facts first, a first fact from
each section so the memo covers the ground, background (political context, earlier history) last. Never
ticked by default: opinion, chatter, facts marked ``needs_context``, and a fact that says what an
already-chosen one says (same content words or the same figures and names).

Length is estimated, not rendered (``app.memo.budget``: block heights and page breaks from the template's
layout), on memos built from the candidates alone: halving finds the longest run of candidates that fits,
then a few more are tried one by one. About ten estimates, whatever the briefing's size. The analyst can
always tick more.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from dataclasses import replace

from app.domain.model import Briefing, Fact
from app.extract.facts import is_chatter
from app.extract.topics import Taxonomy
from app.memo.budget import estimate_fraction
from app.memo.document import MemoDocument
from app.memo.template import MemoTemplate, load_template

FLOOR = 0.35  # below this score a fact is never ticked by default, however much room is left
MIN_FACTS = 1  # ticked even when the tables and the sources list alone fill the budget
FILL = 0.97  # share of the budget the estimate may fill: the estimate runs a little short on long memos
OUTCOME_BONUS, SOURCE_BONUS, BACKGROUND_PENALTY, COVER_LEVEL = 0.12, 0.05, 0.20, 0.5
STALE_PREVIEW_PENALTY = 0.15  # what a preview said would happen, once reports say the meeting took place
MAX_BUILDS, MAX_MISSES = 14, 3  # whole-memo estimates per selection; spare facts tried that did not fit
MAX_COMPARISONS = 20_000  # near-duplicate checks per selection: candidates x chosen, capped
BACKGROUND_SECTIONS = frozenset({"political_context"})
_OUTCOME = frozenset("""agreed agree agreement signed sign announced announce launched launch established
    establish approved approve decided decide pledged pledge unveiled unveil adopted adopt concluded conclude
    committed commit finalised finalized reached issued deployed""".split())
_OUTCOME_WORD = re.compile(r"\b(?:" + "|".join(sorted(_OUTCOME, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_BACKGROUND_LEAD = re.compile(r"^(?:before this|prior to|previously|earlier|in the past|historically|"
                              r"last year|since \d{4}|this comes after|the move comes|last (?:january|february|"
                              r"march|april|may|june|july|august|september|october|november|december))\b",
                              re.IGNORECASE)
_WORD = re.compile(r"[\w$€£¥][\w.,'’-]*\w|\w")
_STOP = frozenset("""the a an and or of to in on at for with by from as that this these those is are was
    were be been being has have had will would can could should may might also its their his her they it
    which who whom whose than then there here about after before over under into between during while
    not no but so such both all any each other more most said says say according""".split())


def select_default(briefing: Briefing, template_name: str = "", taxonomy: Taxonomy | None = None) -> int:
    """Tick the default selection for ``template_name`` (default: the briefing's template) in place, on
    every fact's ``included``; returns how many are ticked."""
    if template_name:
        briefing = replace(briefing, memo=replace(briefing.memo, template=template_name))
    template = load_template(briefing.memo.template)
    budget = template.page_budget.pages_for(len(briefing.articles))
    ranked = rank_candidates(briefing.facts, briefing, limit=16 * budget + 8)
    chosen = _fit(briefing, ranked, template, budget, taxonomy)
    ids = {f.id for f in chosen}
    for fact in briefing.facts:
        fact.included = fact.id in ids
    return len(ids)


def priority(fact: Fact, latest: str = "", background: bool | None = None, happened: bool = False) -> float:
    """Score plus outcome and corroboration bonuses, minus the background penalty and, once the meeting has
    ``happened``, the penalty of a preview's expectation."""
    value = fact.score + (OUTCOME_BONUS if _OUTCOME_WORD.search(fact.memo_wording()) else 0.0)
    if happened and fact.status == "expected":
        value -= STALE_PREVIEW_PENALTY
    value += SOURCE_BONUS * min(len({s.article_id for s in fact.sources}) - 1, 2)
    if is_background(fact, latest) if background is None else background:
        value -= BACKGROUND_PENALTY
    return value


def is_background(fact: Fact, latest: str = "") -> bool:
    """Political context, a sentence that recalls what came before, or one whose dates are all months
    before the newest article (``latest``, ISO)."""
    if fact.section in BACKGROUND_SECTIONS or _BACKGROUND_LEAD.match(fact.memo_wording().lstrip()):
        return True
    if latest and fact.dates:
        # "2023-12" vs "2024-07": compare year and month; two months back or more is earlier history
        def months(value: str) -> int:
            parts = value.split("-")
            return int(parts[0]) * 12 + (int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 12)
        try:
            newest = months(latest)
            return all(months(d.value) <= newest - 2 for d in fact.dates)
        except ValueError:
            return False
    return False


def eligible(fact: Fact) -> bool:
    return (fact.status != "opinion" and not fact.needs_context and fact.score >= FLOOR
            and bool(fact.memo_wording().strip()) and not is_chatter(fact.text))


def signature(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(content words, numbers and names) of a sentence, lower-cased, for near-duplicate checks."""
    content, marks = set(), set()
    for token in _WORD.findall(text):
        low = token.lower().strip(".,'’")
        if low in _STOP or len(low) < 3 and not low[:1].isdigit():
            continue
        content.add(low[:-1] if low.endswith("s") and len(low) > 4 else low)  # plural folded
        if low[:1].isdigit() or low[:1] in "$€£¥" or (token[:1].isupper() and len(token) > 1):
            marks.add(low)
    return frozenset(content), frozenset(marks)


def near_duplicate(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Two sentences say the same thing: most content words of the shorter are in the longer, or they
    share their figures and names and half their words."""
    (wa, ma), (wb, mb) = a, b
    small = min(len(wa), len(wb))
    if small < 3:
        return False
    shared = len(wa & wb) / small
    if shared >= 0.7:
        return True
    marks = min(len(ma), len(mb))
    return marks >= 2 and len(ma & mb) / marks >= 0.8 and shared >= 0.5


def rank_candidates(facts: Sequence[Fact], briefing: Briefing | None = None, limit: int = 0) -> list[Fact]:
    """Eligible facts, best first with each section's best pulled forward, near-duplicates of a better
    fact left out (the first MAX_COMPARISONS checks only: beyond them, duplicates are let through); the
    first ``limit`` of them when ``limit`` is set."""
    latest = ""
    if briefing is not None:
        dates = [a.published.isoformat() for a in briefing.articles if a.published]
        latest = max(dates) if dates else ""
    event = briefing.main_event() if briefing is not None else None
    scored = _scored(facts, latest, 4 * limit if limit else 0, event is not None and event.status == "happened")
    leads, rest, sections = [], [], set()
    for value, _i, fact, background in scored:
        # a section's best fact comes forward so the memo covers the ground; background never does
        if fact.section not in sections and value >= COVER_LEVEL and not background:
            sections.add(fact.section)
            leads.append(fact)
        else:
            rest.append(fact)
    out: list[Fact] = []
    kept: list[tuple[frozenset[str], frozenset[str]]] = []
    if event is not None:
        from app.memo.frame import opening_line

        # the summary opens with the event: a bullet that only restates who met where is left out
        kept.append(signature(opening_line(event)))
    budget = MAX_COMPARISONS
    for fact in leads + rest:
        sig = signature(fact.memo_wording())
        if budget > 0:
            budget -= len(kept)
            if any(near_duplicate(sig, other) for other in kept):
                continue
        kept.append(sig)
        out.append(fact)
        if limit and len(out) >= limit:
            break
    return out


def _scored(facts: Sequence[Fact], latest: str, enough: int,
            happened: bool = False) -> list[tuple[float, int, Fact, bool]]:
    """(priority, index, fact, background) of eligible facts, best first. With ``enough`` set, only the
    facts that can still rank among the best ``enough`` are looked at in full: facts are taken in order
    of score plus corroboration, and the rest stop mattering once ``enough`` beat the best that the next
    one could reach (its score plus the outcome bonus)."""
    def cheap(fact: Fact) -> float:
        return fact.score + SOURCE_BONUS * min(len({s.article_id for s in fact.sources}) - 1, 2)

    order = sorted(((cheap(f), i, f) for i, f in enumerate(facts)), key=lambda t: (-t[0], t[1]))
    scored: list[tuple[float, int, Fact, bool]] = []
    values: list[float] = []  # min-heap of the best ``enough`` priorities so far
    for base, i, fact in order:
        if enough and len(values) >= enough and values[0] > base + OUTCOME_BONUS:
            break
        if not eligible(fact):
            continue
        background = is_background(fact, latest)
        value = priority(fact, latest, background, happened)
        scored.append((value, i, fact, background))
        if enough:
            (heapq.heappush if len(values) < enough else heapq.heappushpop)(values, value)
    scored.sort(key=lambda t: (-t[0], t[1]))
    return scored


def _fit(briefing: Briefing, ranked: list[Fact], template: MemoTemplate, budget: int,
         taxonomy: Taxonomy | None) -> list[Fact]:
    """The longest run of ``ranked`` whose memo fits ``budget`` pages (found by halving: the estimate
    grows with each fact), then the next facts that still fit one by one. MAX_BUILDS estimates at most."""
    if not ranked:
        return []
    # Estimates are built from the candidates and the facts they disagree with only: a briefing of
    # thousands of facts costs no more to size than one of forty.
    wanted = {f.id for f in ranked} | {c.fact_id for f in ranked for c in f.conflicts}
    briefing = replace(briefing, facts=[f for f in briefing.facts if f.id in wanted])
    pages = budget * FILL
    builds = 0

    def fits(facts: list[Fact]) -> bool:
        nonlocal builds
        builds += 1
        return estimate_fraction(_build(briefing, {f.id for f in facts}, taxonomy)) <= pages

    low, high = MIN_FACTS, len(ranked)  # ranked[:low] is taken whatever it costs
    if high > low and fits(ranked):
        return list(ranked)
    while low < high - 1 and builds < MAX_BUILDS:
        mid = (low + high) // 2
        if fits(ranked[:mid]):
            low = mid
        else:
            high = mid
    chosen = list(ranked[:low])
    misses = 0
    for fact in ranked[low + 1:]:  # ranked[low] did not fit; a shorter fact further down may
        if builds >= MAX_BUILDS or misses >= MAX_MISSES:
            break
        if fits([*chosen, fact]):
            chosen.append(fact)
        else:
            misses += 1
    return chosen


def _build(briefing: Briefing, ids: set[str], taxonomy: Taxonomy | None) -> MemoDocument:
    from app.memo.build import build_memo

    saved = [f.included for f in briefing.facts]
    try:
        for fact in briefing.facts:
            fact.included = fact.id in ids
        return build_memo(briefing, taxonomy)
    finally:
        for fact, was in zip(briefing.facts, saved, strict=True):
            fact.included = was
