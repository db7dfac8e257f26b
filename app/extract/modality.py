"""Status of a sentence's main claim: reported (happened/is), expected (future, plan) or opinion.

Cheap regex heuristics, checked in that order of precedence: opinion (attributed views, hedges),
then expected (future or plan markers outside relative clauses), else reported. A reporting verb
before "would" ("announced that they would ...") is an announced decision, so it stays reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

REPORTED, EXPECTED, OPINION = "reported", "expected", "opinion"

_OPINION = re.compile(
    r"\b(?:would|will|could|may|might)\s+(?:most\s+|very\s+|quite\s+)?(?:likely|probably)\b"
    r"|\bmost\s+likely\b|\bprobably\b|\bperhaps\b|\barguably\b|\bpresumably\b"
    r"|\b(?:believes?|believed|thinks?(?!\s+tanks?)|feels?\s+that|argues?|argued|contends?|suspects?)\b"
    r"|\b(?:views?|sees?|regards?|considers?)\s+(?:[\w'\u2019,-]+\s+){1,8}?(?:as|to\s+be)\b"
    r"|\bin\s+(?:his|her|their|our|my|the)\s+(?:view|opinion)\b"
    r"|\baccording\s+to\s+(?:some\s+|many\s+|several\s+|other\s+)?"
    r"(?:analysts|experts|observers|critics|commentators|pundits|scholars)\b"
    r"|\b(?:analysts|experts|observers|critics|commentators|pundits|scholars)\s+"
    r"(?:say|said|believe|argue|argued|warn|warned|suggest|suggested|expect|expected|think|fear)\b"
    r"|\bhave\s+different\s+(?:opinions|views)\b|\bit\s+(?:seems|appears)\b|\bseems?\s+to\b"
)
# The regexes above run on lower-cased text (much faster than re.IGNORECASE), and only when the
# sentence has one of their trigger words, so most sentences cost a few set look-ups.
_TOKEN = re.compile(r"[a-z]+(?:['\u2019][a-z]+)*")
_OPINION_TRIGGERS = frozenset(
    """likely probably perhaps arguably presumably believe believes believed think thinks feel feels argue
    argues argued contend contends suspect suspects view views see sees regard regards consider considers
    opinion according analysts experts observers critics commentators pundits scholars different seems
    seem appears""".split()
)
_FUTURE_TRIGGERS = frozenset(
    """will shall won't won\u2019t wo set expected scheduled slated poised due going planning preparing
    likely aim aims plan plans intend intends hope hopes seek seeks expect expects upcoming forthcoming
    next later would could""".split()
)
# The only words sentence_status looks up: the set of them a sentence holds decides which regexes run.
_TRIGGERS = _OPINION_TRIGGERS | _FUTURE_TRIGGERS | {"may", "might", "to", "is", "are"}
# Every ASCII character mapped (letters to themselves): a missing key makes str.translate slow.
_LETTERS_ONLY = str.maketrans({c: c if "a" <= c <= "z" else " " for c in map(chr, range(128))})


def _trigger_words(low: str) -> set[str]:
    """Trigger words among ``_TOKEN.findall(low)``; plain ASCII skips the regex (same tokens: letter runs)."""
    if low.isascii() and "'" not in low:
        return _TRIGGERS.intersection(low.translate(_LETTERS_ONLY).split())
    return _TRIGGERS.intersection(_TOKEN.findall(low))


# Hedging modals, case-sensitive so that the month ("in May") is not one.
_HEDGE = re.compile(r"\b(?:may|might)\b")

_FUTURE = re.compile(
    r"\b(?:will|shall|won['\u2019]t|wo\s*n['\u2019]t)\b|\w['\u2019]ll\b"
    r"|\b(?:is|are|was|were)\s+(?:also\s+)?(?:set|expected|scheduled|slated|poised|due|going|planning|"
    r"preparing|likely)\s+to\b"
    r"|\b(?:is|are)\s+(?:also\s+)?(?:scheduled|slated|set|due)\s+(?:for|on|in)\b"
    r"|\b(?:is|are)\s+(?:also\s+)?to\s+(?:be|meet|hold|visit|sign|discuss|attend|travel|begin|start|"
    r"launch|announce|host)\b"
    r"|\b(?:aims?|plans?|intends?|hopes?|seeks?|expects?)\s+to\b"
    r"|\b(?:upcoming|forthcoming)\b|\bnext\s+(?:week|month|year)\b|\blater\s+this\s+(?:week|month|year)\b"
    r"|\bwould\b|\bcould(?!\s+not|n't)\b"
)
# A reporting verb shortly before "would": future-in-the-past of an announced decision.
_ANNOUNCED_WOULD = re.compile(
    r"\b(?:announced|said|told|agreed|pledged|vowed|promised|decided|confirmed|declared|stated|"
    r"committed|resolved|added|noted|stressed|insisted|reiterated|emphasi[sz]ed)\b(?:\s+\S+){0,10}?\s+would\b"
)
# ", which is set to ...", and the same after an apposition: ", a document that will guide ..."
_CLAUSE_START = re.compile(r"[,;(\u2013\u2014]\s*(?:(?:a|an|the)\s+[\w-]+(?:\s+[\w-]+){0,2}\s+(?:that|which|who)"
                           r"|which|who|whom|whose|where|when)\b[^,;(\u2013\u2014]*$")

# In a preview article, present-tense lines about the meeting are expectations too.
_MEETING_WORDS = re.compile(
    r"\b(?:talks|meeting|summit|agenda|dialogue|discussions?|topics?|ministers|visit|session)\b"
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|has\s+been|have\s+been|ago|yesterday|last|met|held|took|made|said|told|gave|"
    r"went|came|began|saw|left|sent|spent|won|lost|led|sought|brought|bought|struck|wrote|spoke|chose|"
    r"grew|rose|fell|became|paid|sold|built|kept|found|stood|ran|got|drew|flew|knew|thought)\b"
    r"|\b\w{3,}ed\b"
)
_ANAPHOR = re.compile(r"^(?:This|These|That|It|Such)\b")
_SUBORDINATE = re.compile(
    r",\s*(?:which|who|whom|whose|where|when|while|as|because|since|although|though|after|before)\b"
)


def _main_clause(sentence: str) -> str:
    """The sentence up to its first trailing subordinate clause (", as it ...", ", which ...")."""
    m = _SUBORDINATE.search(sentence)
    return sentence[: m.start()] if m else sentence


# Every _FUTURE branch opens with one of these words (or a letter before "'ll"): only where one of them
# occurs can a match start, so _future_matches tries the pattern there instead of scanning every position.
_FUTURE_HEADS = ("wo", "will", "shall", "is", "are", "was", "were", "aim", "plan", "intend", "hope", "seek",
                 "expect", "upcoming", "forthcoming", "next", "later", "could")


def _future_matches(low: str) -> Iterator[re.Match[str]]:
    """Exactly ``_FUTURE.finditer(low)``, trying the pattern only where a branch can start."""
    starts: set[int] = set()
    find = low.find
    for head in _FUTURE_HEADS:
        i = find(head)
        while i >= 0:
            starts.add(i)
            i = find(head, i + 1)
    for ll in ("'ll", "\u2019ll"):
        i = find(ll, 1)
        while i >= 0:
            starts.add(i - 1)
            i = find(ll, i + 1)
    end = 0
    match = _FUTURE.match
    for i in sorted(starts):
        if i >= end:
            m = match(low, i)
            if m:
                yield m
                end = m.end()


@lru_cache(maxsize=65536)
def sentence_status(sentence: str) -> str:
    """Status of one sentence read on its own (memoised: wire copy and pasted paragraphs repeat)."""
    low = sentence.lower()
    tokens = _trigger_words(low)
    if not tokens.isdisjoint(_OPINION_TRIGGERS) and _OPINION.search(low):
        return OPINION
    if "may" in tokens or "might" in tokens:
        for m in _HEDGE.finditer(sentence):
            if not _CLAUSE_START.search(low, 0, m.start()):
                return OPINION
    future_ish = not tokens.isdisjoint(_FUTURE_TRIGGERS) or (
        "to" in tokens and ("is" in tokens or "are" in tokens))
    if not future_ish and "'ll" not in low and "\u2019ll" not in low:
        return REPORTED
    for m in _future_matches(low):
        if _CLAUSE_START.search(low, 0, m.start()):
            continue  # ", which is set to launch in March": a side remark, not the main claim
        if m.group() == "would" and _ANNOUNCED_WOULD.search(low, 0, m.end()):
            continue
        return EXPECTED
    return REPORTED


def article_statuses(sentences: list[str]) -> list[str]:
    """Statuses for one article's sentences, with preview-article context.

    An article that is mostly about what will happen (a preview) describes its agenda in the
    present tense ("Another topic on the agenda is ..."); those lines and "This ..." sentences that
    follow an expectation are expectations as well, unless they are in the past tense.
    """
    statuses = [sentence_status(s) for s in sentences]
    future = sum(1 for s in statuses if s == EXPECTED)
    if future < 3 or future * 4 < len(statuses):
        return statuses
    for i, sent in enumerate(sentences):
        if statuses[i] != REPORTED or _PAST.search(_main_clause(sent.lower())):
            continue
        follows_expected = i > 0 and statuses[i - 1] == EXPECTED and _ANAPHOR.match(sent)
        if follows_expected or _MEETING_WORDS.search(sent.lower()):
            statuses[i] = EXPECTED
    return statuses
