"""The same fact told by different articles in different words becomes one fact with all its sources.

After exact/near-identical merging (merging.py), each remaining sentence gets a signature
(signatures.py: concepts after stemming and the paraphrase table, canonical names, figures, dates).
Two sentences from different articles are linked when they share enough of it, weighted by rarity:

* strong:    many shared ideas, and many of the shorter sentence's neighbouring idea pairs
             ("upgrade" next to "command") are found in the other one too;
* sub-claim: three shared ideas that sit together in both sentences, one of them a name (person,
             place, organisation, system) and one a rare word ("Biden" + "withdraw" + "president").

Never linked: two sentences whose figures, dates, recipients or actors differ (conflicts.py may flag
those), or one negated and the other not. Candidates are blocked through an inverted index on rare
keys, so the work grows with the number of plausible pairs rather than all pairs. On a large corpus
(more than MAX_SIGNED sentences) a cheap pass over the words merging.py already found picks the most
promising pairs first and only their sentences get a full signature.

Weights are summed with ``math.fsum`` (exact, so independent of the order a set yields its keys in): the
same articles give the same merges in every process, whatever its string-hash seed.

Links become merges through hosts: an outcome before an expectation, then the most complete sentence keeps
its wording and absorbs its linked partners, as long as a partner adds no name, figure or date the
host lacks (that would lose information). Each sentence ends up in exactly one fact.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, combinations
from operator import attrgetter

from app.domain import Article
from app.extract.lexicon import STOPWORDS, Lexicon, default_lexicon, stem
from app.extract.merging import Candidate, Cluster
from app.extract.signatures import (
    Signature,
    actors_disagree,
    dates_disagree,
    numbers_disagree,
    signature,
    vocabulary,
)

STRONG_PAIRS = 0.4  # shared neighbour-pair weight x share of the shorter sentence's pairs
STRONG_KEYS = 0.4  # share of the shorter sentence's (weighted) ideas found in the other
MIN_SHARED_KEYS = 3
RARE_WEIGHT = 0.7  # a normalised rarity at or above this is a "rare" word
MAX_POSTING = 200  # keys in more sentences than this are too common to block on
PREFIX = 3  # rarest words of a sentence indexed for blocking on a large corpus
ROUGH_POSTING = 12  # ... and only words in at most this many sentences
ROUGH_SHARED = 3  # lower-case content words two sentences must share to be compared at all
ROUGH_SHARE = 0.15  # ... and this share of the shorter one's (rarity-weighted) words
ROUGH_RARE = 0.5  # ... or two shared words at least this rare
MAX_SIGNED = 1200  # sentences given a full signature at most (the most promising pairs first)
STATUS_FACTOR = {"reported": 1.0, "expected": 0.8, "opinion": 0.6}


@dataclass
class Unit:
    index: int
    cluster: Cluster
    articles: frozenset[int]
    sig: Signature
    status: str
    weight: float = 0.0  # sum of the key weights: how much the sentence says


class Weights:
    """Normalised rarity of a key in this corpus: 1 for a key in one sentence, near 0 for everywhere."""

    def __init__(self, sigs: Sequence[Signature]) -> None:
        self.df: dict[str, int] = defaultdict(int)
        for sig in sigs:
            for key in sig.keys:
                self.df[key] += 1
        self.n = max(len(sigs), 1)
        self.norm = math.log(self.n + 1.5)

        self._cache: dict[str, float] = {}
        self._totals: dict[int, tuple[float, float]] = {}

    def totals(self, sig: Signature) -> tuple[float, float]:
        """(key weight, neighbour-pair weight) of ``sig``, computed once per signature."""
        got = self._totals.get(id(sig))
        if got is None:
            keys = math.fsum(map(self, sig.keys))
            pairs = math.fsum(min(self(x), self(y)) for x, y in sig.pairs())
            got = self._totals[id(sig)] = (keys, pairs)
        return got

    def __call__(self, key: str) -> float:
        value = self._cache.get(key)
        if value is None:
            value = math.log((self.n + 1) / (self.df.get(key, 0) + 0.5)) / self.norm
            value = self._cache[key] = min(1.0, max(0.05, value))
        return value


def blocked(a: Signature, b: Signature) -> bool:
    """Facts that must never merge even when worded alike: they may disagree (see conflicts.py)."""
    if a.negated != b.negated:
        return True
    if a.recipients and b.recipients and a.recipients.isdisjoint(b.recipients):
        return True
    return numbers_disagree(a, b) or dates_disagree(a, b) or actors_disagree(a, b)


def _pair_weight(pair: tuple[str, str], w: Weights) -> float:
    return min(w(pair[0]), w(pair[1]))


def similarity(a: Signature, b: Signature, w: Weights) -> tuple[float, float, float]:
    """(key share of the shorter, pair score, shared key count) of two signatures."""
    shared = a.keys & b.keys
    if len(shared) < 2:
        return 0.0, 0.0, float(len(shared))
    (ka, pa_total), (kb, pb_total) = w.totals(a), w.totals(b)
    key_share = math.fsum(map(w, shared)) / max(min(ka, kb), 1e-9)
    common = a.pairs() & b.pairs()
    if not common:
        return key_share, 0.0, float(len(shared))
    ps = math.fsum(_pair_weight(p, w) for p in common)
    return key_share, ps * ps / max(min(pa_total, pb_total), 1e-9), float(len(shared))


def sub_claim(a: Signature, b: Signature, w: Weights) -> bool:
    """Three shared ideas, pairwise close in both sentences, one a name and one a rare word."""
    common = a.pairs() & b.pairs()
    if len(common) < 3:
        return False
    nodes = sorted({k for p in common for k in p})
    for trio in combinations(nodes, 3):
        if all(((x, y) if x < y else (y, x)) in common for x, y in combinations(trio, 2)):
            has_name = any(k.split(":", 1)[0] in {"person", "place", "organisation", "system", "name"}
                           for k in trio)
            has_rare = any(":" not in k and w(k) >= RARE_WEIGHT for k in trio)
            if has_name and has_rare:
                return True
    return False


def linked(a: Signature, b: Signature, w: Weights) -> float:
    """Link strength (0 = not the same fact)."""
    if blocked(a, b):
        return 0.0
    key_share, pair_score, n_shared = similarity(a, b, w)
    if n_shared < MIN_SHARED_KEYS:
        return 0.0
    if pair_score >= STRONG_PAIRS and key_share >= STRONG_KEYS:
        return pair_score + key_share
    if sub_claim(a, b, w):
        return 0.5 * (pair_score + key_share)
    return 0.0


def _specifics(sig: Signature) -> set[str]:
    """What a sentence pins down beyond the topic: non-country names, figures, recipients."""
    out = {k for k in sig.names if not k.startswith("country:")}
    out |= {f"q:{v:g}" for v in sig.values}
    out |= {f"to:{r}" for r in sig.recipients}
    return out


def absorbable(part: Signature, host: Signature) -> bool:
    """``part`` adds nothing specific that ``host`` lacks, so folding it into ``host`` loses nothing."""
    extra = _specifics(part) - _specifics(host)
    if any(not k.startswith(("person:", "name:")) for k in extra):
        return False
    host_words = {x for k in host.names for x in k.split(":", 1)[1].split()}
    if any(host_words.isdisjoint(k.split(":", 1)[1].split()) for k in extra):
        return False  # a person the host never names ("Biden" does match "Joe Biden")
    if part.dates and not host.dates:
        return False
    return not dates_disagree(part, host)


def candidate_pairs(sigs: Sequence[Signature], articles: Sequence[frozenset], w: Weights,
                    min_shared: int = 2) -> list[tuple[int, int]]:
    """Index pairs from disjoint article sets sharing ``min_shared`` keys rare enough to block on.

    An inverted index on keys; keys in more than MAX_POSTING sentences (and countries, which every
    sentence of a bilateral meeting names) are skipped, so common words cost nothing.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for i, sig in enumerate(sigs):
        for key in sig.keys:
            if w.df[key] <= MAX_POSTING and not key.startswith("country:"):
                postings[key].append(i)
    counts: Counter[tuple[int, int]] = Counter()
    for ids in postings.values():
        if len(ids) > 1:
            counts.update(combinations(ids, 2))  # (i, j), i < j: ids are in ascending order
    return sorted(pair for pair, n in counts.items()
                  if n >= min_shared and articles[pair[0]].isdisjoint(articles[pair[1]]))


def corroborate(clusters: Sequence[Cluster], articles: Sequence[Article],
                status: Callable[[Candidate], str] | None = None) -> list[Cluster]:
    """``clusters`` with cross-article paraphrases folded into one cluster each (host first)."""
    firsts = list(map(_FIRST, clusters))
    if len(set(map(_ARTICLE, firsts))) < 2:
        return list(clusters)
    lex = default_lexicon()
    arts = [frozenset(map(_ARTICLE, c.members)) for c in clusters]
    # On a large corpus, full signatures only for sentences a cheap look finds worth comparing.
    rough = _all_rough_keys(firsts, lex) if len(clusters) > MAX_SIGNED else []
    involved = plausible(rough, arts) if rough else list(range(len(clusters)))
    if not involved:
        return list(clusters)
    # Full signatures (names, figures, dates) only for sentences that share words with another article.
    vocab = vocabulary(clusters[i].first.text for i in involved)
    units: list[Unit] = []
    for i in involved:
        c = clusters[i]
        art = articles[c.first.article_index] if c.first.article_index < len(articles) else None
        sig = signature(c.first.text, art.published if art else None, vocab, lex)
        units.append(Unit(len(units), c, arts[i], sig, status(c.first) if status else "reported"))
    w = Weights([u.sig for u in units])
    for u in units:
        u.weight = math.fsum(map(w, u.sig.keys))
    links: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for i, j in candidate_pairs([u.sig for u in units], [u.articles for u in units], w):
        strength = linked(units[i].sig, units[j].sig, w)
        if strength > 0:
            links[i].append((strength, j))
            links[j].append((strength, i))
    absorbed, merged = _fold(units, links)
    gone = {id(units[j].cluster) for j in absorbed}
    replaced = {id(units[i].cluster): c for i, c in merged.items()}
    return [replaced.get(id(c), c) for c in clusters if id(c) not in gone]


_FIRST = attrgetter("first")
_ARTICLE = attrgetter("article_index")


def _all_rough_keys(cands: Sequence[Candidate], lex: Lexicon) -> list[frozenset[str]]:
    """``_rough_keys`` of each candidate, each distinct word mapped to its concept once."""
    concept = _word_concept(lex)
    vocab = set().union(*(c.words for c in cands))
    table = {w: concept(w) for w in vocab}
    return [frozenset(map(table.__getitem__, c.words)) for c in cands]


def _rough_keys(cand: Candidate, lex: Lexicon) -> frozenset[str]:
    """Cheap stand-in for a signature: the content words merging.py already found, as concepts."""
    return frozenset(map(_word_concept(lex), cand.words))


_CONCEPT_FN: list[tuple[Lexicon, Callable[[str], str]]] = []


def _word_concept(lex: Lexicon) -> Callable[[str], str]:
    """word -> concept for ``lex``, memoised (blocking maps hundreds of thousands of words)."""
    for known, fn in _CONCEPT_FN:
        if known is lex:
            return fn

    @lru_cache(maxsize=65536)
    def concept(word: str) -> str:
        return lex.concept(stem(word))

    _CONCEPT_FN[:] = [(lex, concept)]
    return concept


_ROUGH_WORD = re.compile(r"[a-z][a-z0-9'-]+")


def rough_keys(text: str, lex: Lexicon) -> frozenset[str]:
    """The same from raw text (lower-case content words as concepts)."""
    concept = _word_concept(lex)
    return frozenset(map(concept, set(_ROUGH_WORD.findall(text.lower())).difference(STOPWORDS)))


def plausible(keys: Sequence[frozenset[str]], arts: Sequence[frozenset]) -> list[int]:
    """Indexes worth a full signature: all of a normal corpus, the best-matching few of a large one."""
    if len(keys) <= MAX_SIGNED:
        return list(range(len(keys)))
    return sorted({i for pair in _rough_pairs(keys, arts) for i in pair})


def _rough_pairs(keys: Sequence[frozenset[str]], arts: Sequence[frozenset]) -> list[tuple[int, int]]:
    """Pairs from different articles that share ROUGH_SHARED words and ROUGH_SHARE of the shorter.

    Only each sentence's PREFIX rarest words are indexed (prefix filtering), which keeps posting lists
    short: the cost grows with the number of plausible pairs, not with the square of the corpus.
    """
    df = Counter(chain.from_iterable(keys))
    cap = ROUGH_POSTING
    postings: dict[str, list[int]] = defaultdict(list)
    eligible = {k: (n, k) for k, n in df.items() if 1 < n <= cap}
    for i, ks in enumerate(keys):
        rare = sorted(filter(None, map(eligible.get, ks)))[:PREFIX]
        for _n, k in rare:
            postings[k].append(i)
    n = len(keys)
    norm = math.log(n + 1.5)
    weight = {k: min(1.0, max(0.05, math.log((n + 1) / (c + 0.5)) / norm)) for k, c in df.items()}
    totals = [math.fsum(map(weight.__getitem__, ks)) for ks in keys]
    candidates: dict[int, set[int]] = defaultdict(set)
    for ids in postings.values():
        for x, i in enumerate(ids):
            candidates[i].update(ids[x + 1:])
    scored: list[tuple[float, int, int]] = []
    for i, js in candidates.items():
        ki, ai, ti = keys[i], arts[i], totals[i]
        for j in js:
            shared = ki & keys[j]
            if len(shared) < ROUGH_SHARED or not ai.isdisjoint(arts[j]):
                continue
            weights = list(map(weight.__getitem__, shared))
            share = math.fsum(weights) / max(min(ti, totals[j]), 1e-9)
            rare = sum(1 for x in weights if x >= ROUGH_RARE)
            if share >= ROUGH_SHARE or rare >= 2:  # much in common, or two rare words (a sub-claim)
                scored.append((share + 0.1 * rare, min(i, j), max(i, j)))
    # Most promising first, up to a budget of sentences to sign in full: on a large corpus of near-
    # random text this keeps the step in seconds; a normal briefing (tens of articles) never hits it.
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    out: list[tuple[int, int]] = []
    chosen: set[int] = set()
    for _share, i, j in scored:
        if len(chosen) + (i not in chosen) + (j not in chosen) > MAX_SIGNED:
            break
        chosen.update((i, j))
        out.append((i, j))
    return out


def _priority(u: Unit) -> tuple[bool, float, int, int]:
    """Hosts first: an outcome before an expectation or a view, then the most complete sentence."""
    return (u.status == "reported", u.weight * STATUS_FACTOR.get(u.status, 0.8), -u.cluster.first.article_index,
            -u.cluster.first.position)


def _fold(units: list[Unit],
          links: dict[int, list[tuple[float, int]]]) -> tuple[set[int], dict[int, Cluster]]:
    """(units folded into a host, host unit -> its merged cluster)."""
    absorbed: dict[int, int] = {}  # unit -> host unit
    hosts: dict[int, list[int]] = {}
    for u in sorted((units[i] for i in links), key=_priority, reverse=True):
        if u.index in absorbed:
            continue
        taken = []
        for _strength, j in sorted(links[u.index], reverse=True):
            if j in absorbed or j in hosts:
                continue
            if absorbable(units[j].sig, u.sig):
                absorbed[j] = u.index
                taken.append(j)
        if taken:
            hosts[u.index] = taken
    merged: dict[int, Cluster] = {}
    for i, taken in hosts.items():
        host = units[i].cluster
        extra = [m for j in taken for m in units[j].cluster.members]
        extra.sort(key=lambda m: (m.article_index, m.position))
        merged[i] = Cluster(host.first, list(host.members) + extra)
    return set(absorbed), merged
