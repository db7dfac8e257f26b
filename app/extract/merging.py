"""Duplicate sentences across (and within) articles become one fact with several sources.

Conservative by design: two sentences merge only when they are identical after normalising case,
whitespace, quotes and dashes, or near-identical (Jaccard >= 0.8 over content words) with exactly
the same numbers (and month names), the same capitalised words (names) and the same negation. A
sentence joins the first representative it matches, never a chain of matches, so A~B and B~C cannot
drag C onto A.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import reduce
from itertools import chain, combinations
from operator import or_

NEAR_THRESHOLD = 0.8
MIN_CONTENT_WORDS = 4
SHARED = 3  # words any two merging sentences share among their rarest (see _signatures)

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'", "`": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                         "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2015": "-", "\u2212": "-", "\u00a0": " "})
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty "
    "hundred thousand million billion trillion half first second third dozen dozens percent".split()
)
# Months count like numbers ("may" is left out: it is a modal more often than a month).
_MONTH_WORDS = frozenset(
    "january february march april june july august september october november december".split()
)
_NEGATIONS = frozenset("not no never nor without n't none cannot".split())
_STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for from with as into onto over under about after before
    between during is are was were be been being am will would shall should can could may might must has
    have had do does did this that these those it its they them their he him his she her we us our you
    your i me my which who whom whose what where when while than then so such also very more most much
    many some any all both each other another there here said says say according just only even still
    up down out off again further once""".split()
)


def normalise(text: str) -> str:
    """Case, whitespace, quotes and dashes folded; trailing punctuation dropped."""
    if not text.isascii():
        text = text.translate(_QUOTES)
    return " ".join(text.lower().split()).rstrip(" .!?\u2026")


@dataclass
class Candidate:
    """One kept sentence of one article, in reading order."""

    article_index: int
    position: int
    article_id: str
    start: int
    end: int
    text: str
    key: str = ""
    words: frozenset[str] = field(default_factory=frozenset)
    numbers: tuple[str, ...] = ()
    negated: bool = False


@dataclass
class Cluster:
    first: Candidate
    members: list[Candidate]


_DROPPED = _STOPWORDS | _NEGATIONS
# Blanks every ASCII character but [a-z0-9] (all 128 mapped: a missing key makes str.translate slow).
_BLANK_NON_WORD = str.maketrans({c: c if c.isdigit() or "a" <= c <= "z" else " " for c in map(chr, range(128))})


def prepare(cand: Candidate) -> None:
    cand.key = key = normalise(cand.text)
    if key.isascii() and "'" not in key and "-" not in key:
        tokens = key.translate(_BLANK_NON_WORD).split()  # the same words _WORD finds, without the regex
    else:
        tokens = _WORD.findall(key)
    token_set = frozenset(tokens)
    cand.words = token_set - _DROPPED
    nums = [n.replace(",", "") for n in _NUMBER.findall(cand.key)]
    if not token_set.isdisjoint(_NUMBER_WORDS):
        nums += [t for t in tokens if t in _NUMBER_WORDS]
    if not token_set.isdisjoint(_MONTH_WORDS):  # "in March" vs "in April": not the same fact
        nums += [t for t in tokens if t in _MONTH_WORDS]
    # Names count like numbers: "North Korea fired ..." and "South Korea fired ..." are near-identical
    # in words, not the same fact.
    nums += ["^" + w for w in _names(cand.text)]
    cand.numbers = tuple(sorted(nums))
    cand.negated = not token_set.isdisjoint(_NEGATIONS) or "n't" in cand.key


_CAPITALISED = re.compile(r"[A-Z][\w'\u2019-]*")  # no look-behind: twice as fast, and the same on both sides


def _names(text: str) -> list[str]:
    """Capitalised words, lower-cased, stop words left out ("The", "In")."""
    found = _CAPITALISED.findall(text)
    return [w for w in map(str.lower, found) if w not in _STOPWORDS] if found else []


def _prepare_all(cands: Sequence[Candidate]) -> None:
    """``prepare`` each candidate once per distinct text: copies (pasted paragraphs, wire copy) share it.
    Candidates already prepared (by worker processes) are left as they are."""
    seen: dict[str, Candidate] = {}
    for c in cands:
        if c.key:
            continue
        done = seen.get(c.text)
        if done is None:
            prepare(c)
            seen[c.text] = c
        else:
            c.key, c.words, c.numbers, c.negated = done.key, done.words, done.numbers, done.negated


def _prefix_length(size: int) -> int:
    """How many of the rarest words to block on: SHARED - 1 more than plain prefix filtering keeps."""
    return size - math.ceil(NEAR_THRESHOLD * size - 1e-9) + SHARED


def _signatures(prefix: list[int]) -> list[tuple[int, ...]]:
    """Every SHARED-word combination of the prefix: two sentences with Jaccard >= threshold share one.

    Such a pair shares at least ceil(threshold * size) words for either side's size, so at most
    ``size - ceil(threshold * size)`` of a side's words are unshared and its prefix (that many plus
    SHARED rarest words) holds at least SHARED shared words: the same SHARED rarest shared words on
    both sides. Blocking on combinations instead of single words keeps candidate lists short when many
    sentences share a rare word (one template, other names), and stays exact: no match is missed.
    """
    return list(combinations(prefix, SHARED))


# Exactness needs every merging pair to share at least SHARED words, even at the smallest size indexed.
assert SHARED <= math.ceil(NEAR_THRESHOLD * MIN_CONTENT_WORDS - 1e-9), "SHARED too large for the threshold"


def _similar(a: Candidate, b: Candidate) -> float:
    """Jaccard over content words; 0 when numbers or negation differ or sizes rule the threshold out."""
    la, lb = len(a.words), len(b.words)
    if a.numbers != b.numbers or a.negated != b.negated or min(la, lb) < NEAR_THRESHOLD * max(la, lb):
        return 0.0
    inter = len(a.words & b.words)
    return inter / (la + lb - inter)


_Index = dict[tuple[tuple[str, ...], bool], dict[tuple[int, ...], list[int]]]  # (numbers, negated) -> sig
MAX_CHECKS = 400  # similarity checks per sentence; bounds the worst case on pathological input


MASK_BITS = 256  # width of the word fingerprints that rule out most candidates before a set intersection


def _mask(ranks: list[int], bits: list[int]) -> int:
    """Fingerprint of a word set: bit ``rank % MASK_BITS`` for each word (``bits[rank]``)."""
    return reduce(or_, map(bits.__getitem__, ranks), 0)


def _best_match(ids: frozenset[int], mask: int, sigs: list[tuple[int, ...]],
                block: dict[tuple[int, ...], list[int]], reps: list[frozenset[int]], masks: list[int]) -> int | None:
    """Most similar representative at or above the threshold; ties go to the earliest.

    ``ids`` are the sentence's content words as ranks and ``reps`` each cluster's, the very same int
    objects, so set intersections compare pointers and never touch the words. Inlines ``_similar``: the
    block already fixes numbers and negation, and Jaccard >= threshold implies the size ratio test.
    Only the earliest MAX_CHECKS candidates are checked.

    The fingerprints skip most candidates exactly: bits set in one fingerprint only are at least as
    many as the words in one set only (s), and Jaccard = (la + lb - s) / (la + lb + s) falls below 0.8
    as soon as 9 * s > la + lb, so such a candidate can be neither the best at or above the threshold.
    """
    found: set[int] = set()
    for sig in sigs:
        hit = block.get(sig)
        if hit:
            found.update(hit)
    if not found:
        return None
    order = sorted(found)
    best_sim, best = 0.0, -1
    la = len(ids)
    for ci in order[:MAX_CHECKS] if len(order) > MAX_CHECKS else order:  # ascending: ties keep the first
        other = reps[ci]
        lb = len(other)
        if 9 * (mask ^ masks[ci]).bit_count() > la + lb:
            continue
        inter = len(ids & other)
        sim = inter / (la + lb - inter)
        if sim > best_sim:
            best_sim, best = sim, ci
    return best if best_sim >= NEAR_THRESHOLD else None


def cluster(cands: Sequence[Candidate]) -> list[Cluster]:
    """Group duplicates, first occurrence first; a later copy from an article already there is dropped."""
    _prepare_all(cands)
    df = Counter(chain.from_iterable(c.words for c in cands))
    # One global order, rarest first (ties by spelling), shared by every prefix.
    rank = {w: i for i, (_n, w) in enumerate(sorted((n, w) for w, n in df.items()))}
    bits = [1 << (i % MASK_BITS) for i in range(len(rank))]
    clusters: list[Cluster] = []
    reps: list[frozenset[int]] = []  # per cluster: its first sentence's content words, as ranks
    sources: list[set[int]] = []  # per cluster: the articles already among its members
    by_key: dict[str, int] = {}
    index: _Index = {}
    masks: list[int] = []  # per cluster: the fingerprint of reps[i]
    signed: dict[frozenset[str], tuple[frozenset[int], int, list[tuple[int, ...]]]] = {}  # words -> ...
    for c in cands:
        target = by_key.get(c.key)
        sigs: list[tuple[int, ...]] = []
        ids: frozenset[int] = frozenset()
        mask = 0
        if target is None and len(c.words) >= MIN_CONTENT_WORDS:
            got = signed.get(c.words)
            if got is None:
                ordered = sorted(map(rank.__getitem__, c.words))
                got = signed[c.words] = (frozenset(ordered), _mask(ordered, bits),
                                         _signatures(ordered[:_prefix_length(len(ordered))]))
            ids, mask, sigs = got
            block = index.get((c.numbers, c.negated))
            if block:
                target = _best_match(ids, mask, sigs, block, reps, masks)
        if target is not None:
            if c.article_index not in sources[target]:
                sources[target].add(c.article_index)
                clusters[target].members.append(c)
            continue
        by_key[c.key] = len(clusters)
        if sigs:
            block = index.get((c.numbers, c.negated))
            if block is None:
                block = index[(c.numbers, c.negated)] = defaultdict(list)
            for sig in sigs:
                block[sig].append(len(clusters))
        clusters.append(Cluster(c, [c]))
        reps.append(ids)
        masks.append(mask)
        sources.append({c.article_index})
    return clusters
