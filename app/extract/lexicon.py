"""Words to comparable ideas: light stemming plus the paraphrase table in ``resources/paraphrases.yaml``.

Two sentences that say the same thing in other words ("upgrading the command" / "modernizing the
command") share few surface words; mapping each content word to a concept (its stem, or the first
member of its synonym group) lets the corroboration step compare what they say rather than how.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from app.shared.errors import BriefingError
from app.shared.paths import resource_path

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for from with as into onto over under about after before
    between during is are was were be been being am will would shall should can could may might must has
    have had do does did this that these those it its they them their he him his she her we us our you
    your i me my which who whom whose what where when while than then so such also very most much
    many some any all both each other another there here said says say according just only even still
    up down out off again further once how why whether because due since although though however
    furthermore moreover meanwhile like well including include includes included one ones part
    take took taken make made way ways set go going get got"""
    .split()
)
NEGATIONS = frozenset("not no never nor without n't cannot none neither".split())
# A few irregular forms news prose uses for the verbs that matter here.
_IRREGULAR = {
    "met": "meet", "held": "hold", "began": "begin", "begun": "begin", "grew": "grow", "grown": "grow",
    "rose": "rise", "risen": "rise", "gave": "give", "given": "give", "sent": "send", "bought": "buy",
    "sold": "sell", "struck": "strike", "spoke": "speak", "drew": "draw", "fell": "fall", "fallen": "fall",
    "led": "lead", "known": "know", "knew": "know", "chose": "choose", "chosen": "choose", "won": "win",
    "left": "leave", "built": "build", "brought": "bring", "sought": "seek", "paid": "pay", "cut": "cut",
    "arms": "arms", "us": "us", "news": "news", "series": "series", "status": "status",
}
_UNDOUBLE = re.compile(r"([b-df-hj-km-np-tv-xz])\1$")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Lower-case word folded to a crude stem: only ever compared with other stems from here."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "xes", "ches", "shes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    for suffix, repl in (("ization", "iz"), ("isation", "iz"), ("ation", "at"), ("ment", ""),
                         ("ied", "y"), ("ing", ""), ("ed", ""), ("ly", "")):
        if suffix == "ly" and (len(w) < 7 or w.endswith("ply")):
            continue
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            if suffix in ("ing", "ed") and _UNDOUBLE.search(w) and not w.endswith(("ll", "ss", "zz")):
                w = w[:-1]
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    if w.endswith("is") and len(w) > 5:
        w = w[:-2] + "iz"  # modernise -> moderniz, like modernize
    return w


@dataclass(frozen=True)
class Lexicon:
    concepts: dict[str, str]  # stem -> concept id
    phrases: dict[tuple[str, ...], str]  # stems in a row -> concept id
    longest_phrase: int
    demonyms: dict[str, str]  # lower-case word -> country
    goods: frozenset[str]  # stems
    phrase_heads: frozenset[str] = frozenset()

    def concept(self, word_stem: str) -> str:
        return self.concepts.get(word_stem, word_stem)


def build_lexicon(data: dict) -> Lexicon:
    concepts: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for group in data.get("synonyms") or []:
        words = [str(w) for w in group if str(w).strip()]
        if not words:
            continue
        head = stem(words[0].split()[0])
        for entry in words:
            parts = tuple(stem(p) for p in re.split(r"[\s]+", entry.strip()))
            if len(parts) == 1:
                concepts.setdefault(parts[0], head)  # first group wins on a shared stem
            else:
                phrases.setdefault(parts, head)
    demonyms = {str(k).lower(): str(v) for k, v in (data.get("demonyms") or {}).items()}
    for country in list(demonyms.values()):
        demonyms.setdefault(country.lower(), country)  # "Japan" itself, "United States" itself
    goods = frozenset(stem(str(w)) for w in data.get("goods") or [])
    longest = max((len(p) for p in phrases), default=1)
    return Lexicon(concepts, phrases, longest, demonyms, goods, frozenset(p[0] for p in phrases))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    path = resource_path("paraphrases.yaml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BriefingError("The paraphrase table could not be read.", f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise BriefingError("The paraphrase table is not a YAML mapping.", str(path))
    return build_lexicon(data)
