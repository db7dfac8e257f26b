"""Facts from different articles that talk about the same thing but disagree: both stay, each flagged.

Checked for pairs of facts whose sources come from different articles (blocked like corroboration,
through shared rare keys), in this order, one conflict per pair:

* recipient: both say who receives something, the receivers differ, and the thing is the same (a
  shared weapon system, or the same kind of goods: "PAC-3 interceptors for export to the United
  States" vs "patriot missiles for Ukraine");
* figures: the same unit ("troops", "USD") with different values, in otherwise similar sentences;
* dates: incompatible dates in sentences that otherwise state the same thing;
* negation: one says it happened, the other that it did not, in otherwise matching sentences.

The thresholds sit above corroboration's on purpose: a false alarm costs the analyst more than a
missed one, and merely different topics are not disagreements.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.domain import Article, Conflict, Fact
from app.extract.corroboration import MAX_SIGNED, Weights, candidate_pairs, plausible, rough_keys, similarity
from app.extract.lexicon import default_lexicon
from app.extract.signatures import DateValue, Signature, dates_compatible, signature, vocabulary
from app.shared.gc_pause import gc_paused

SAME_SUBJECT_KEYS = 0.4  # share of the shorter fact's ideas found in the other (figures and dates)
SAME_SUBJECT_PAIRS = 0.3
SAME_CLAIM_KEYS = 0.55  # negation needs nearly the same sentence
SAME_CLAIM_PAIRS = 0.5
_MONTH_NAMES = ("January February March April May June July August September October November "
                "December").split()


def find_conflicts(facts: Sequence[Fact], articles: Sequence[Article]) -> int:
    """Append a Conflict to both facts of every disagreeing pair; returns the number of pairs."""
    with gc_paused():  # keys and signatures for every fact: many small acyclic objects
        return _find_conflicts(facts, articles)


def _find_conflicts(facts: Sequence[Fact], articles: Sequence[Article]) -> int:
    by_id = {a.id: (n, a) for n, a in enumerate(articles, start=1)}
    usable = [f for f in facts if f.sources and f.sources[0].article_id in by_id]
    if not _two_articles(usable):
        return 0
    single: dict[str, frozenset[str]] = {}  # most facts have one source: one shared set per article
    arts = []
    for f in usable:
        if len(f.sources) == 1:
            aid = f.sources[0].article_id
            one = single.get(aid)
            if one is None:
                one = single[aid] = frozenset((aid,))
            arts.append(one)
        else:
            arts.append(frozenset([s.article_id for s in f.sources]))
    lex = default_lexicon()
    if len(usable) > MAX_SIGNED:  # a large corpus: only facts a cheap look pairs with another
        keep = plausible([rough_keys(f.text, lex) for f in usable], arts)
        usable, arts = [usable[i] for i in keep], [arts[i] for i in keep]
    vocab = vocabulary(f.text for f in usable)
    sigs = [signature(f.text, by_id[f.sources[0].article_id][1].published, vocab, lex) for f in usable]
    w = Weights(sigs)
    found = 0
    topics = [_topic(sig) for sig in sigs]
    labels = [_label(f, by_id) for f in usable]
    for i, j in candidate_pairs(sigs, arts, w, min_shared=1):
        a, b = usable[i], usable[j]
        la, lb = labels[i], labels[j]
        if la == lb:  # two articles from one outlet: tell them apart by number too
            la, lb = _label(a, by_id, numbered=True), _label(b, by_id, numbered=True)
        reason = _disagreement(sigs[i], sigs[j], topics[i], topics[j], w, la, lb)
        if reason is None:
            continue
        if not any(c.fact_id == b.id for c in a.conflicts):
            a.conflicts.append(Conflict(b.id, reason))
        if not any(c.fact_id == a.id for c in b.conflicts):
            b.conflicts.append(Conflict(a.id, _swap(reason)))
        found += 1
    return found


def _two_articles(facts: list[Fact]) -> bool:
    """Whether the facts' first sources come from at least two articles."""
    first = None
    for f in facts:
        aid = f.sources[0].article_id
        if first is None:
            first = aid
        elif aid != first:
            return True
    return False


def _label(fact: Fact, by_id: dict[str, tuple[int, Article]], numbered: bool = False) -> str:
    """How a reason names the fact's source: its outlet, else (or ``numbered``, also) its number."""
    number, article = by_id[fact.sources[0].article_id]
    outlet = article.outlet.strip()
    if not outlet:
        return f"source {number}"
    return f"{outlet}, source {number}" if numbered else outlet


def _swap(reason: str) -> str:
    """The same reason read from the other fact: "X (a) vs Y (b)" becomes "Y (b) vs X (a)"."""
    head, sep, rest = reason.partition(": ")
    left, vs, right = rest.partition(" vs ")
    return f"{head}{sep}{right} vs {left}" if vs else reason


def _disagreement(a: Signature, b: Signature, ta: Signature, tb: Signature, w: Weights,
                 la: str, lb: str) -> str | None:
    """One-line reason why ``a`` and ``b`` disagree, or None; ``ta``/``tb`` are their topics."""
    if a.recipients and b.recipients and a.recipients.isdisjoint(b.recipients) and _same_goods(a, b):
        return (f"Recipient differs: {', '.join(sorted(a.recipients))} ({la}) vs "
                f"{', '.join(sorted(b.recipients))} ({lb})")
    figures = _figures(a, b) if a.quantities and b.quantities else None
    dates = _dates(a, b) if a.dates and b.dates and not figures else None
    if not (figures or dates or a.negated != b.negated):
        return None  # nothing that could disagree: skip the similarity work
    key_share, pair_score, _n = similarity(ta, tb, w)
    if key_share >= SAME_SUBJECT_KEYS and pair_score >= SAME_SUBJECT_PAIRS:
        if figures:
            return f"Figures differ: {figures[0]} ({la}) vs {figures[1]} ({lb})"
        if dates:
            return f"Date differs: {_date(dates[0])} ({la}) vs {_date(dates[1])} ({lb})"
    if a.negated != b.negated and key_share >= SAME_CLAIM_KEYS and pair_score >= SAME_CLAIM_PAIRS:
        yes, no = (la, lb) if b.negated else (lb, la)
        return f"Negation differs: it happened ({yes}) vs it did not ({no})"
    return None


def _topic(sig: Signature) -> Signature:
    """The signature without figures and dates: what the sentence is about."""
    order = tuple(k for k in sig.order if not k.startswith(("d:", "q:")))
    return Signature(concepts=sig.concepts, names=sig.names, typed=sig.typed, order=order)


def _same_goods(a: Signature, b: Signature) -> bool:
    if a.typed.get("system", frozenset()) & b.typed.get("system", frozenset()):
        return True
    lex = default_lexicon()
    goods = {lex.concept(g) for g in lex.goods}
    return bool(a.concepts & b.concepts & goods)


def _figures(a: Signature, b: Signature) -> tuple[str, str] | None:
    """Values of one unit that differ ("3,000 troops" vs "5,000 troops"), when no value matches."""
    for va, ua in a.quantities:
        for vb, ub in b.quantities:
            if va != vb and ua & ub and not any(va == v for v, _ in b.quantities):
                return _figure(va, ua), _figure(vb, ub)
    return None


def _figure(value: float, units: frozenset[str]) -> str:
    text = f"{value:,.0f}" if value == int(value) else f"{value:,}"
    currency = next((u for u in units if u.isupper() and len(u) == 3), "")
    if currency:
        return f"{text} {currency}"
    word = next((u[1:] for u in units if u.startswith("=")), "")
    return f"{text} {word}".strip()


def _dates(a: Signature, b: Signature) -> tuple[DateValue, DateValue] | None:
    for da in a.dates:
        if any(dates_compatible(da, db) for db in b.dates):
            continue
        for db in b.dates:
            if sum(x is not None and y is not None for x, y in zip(da, db, strict=True)):
                return da, db
    return None


def _date(value: DateValue) -> str:
    year, month, day = value
    parts = [str(day)] if day else []
    if month:
        parts.append(_MONTH_NAMES[month - 1])
    if year:
        parts.append(str(year))
    return " ".join(parts)
