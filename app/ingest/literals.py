"""Required literals of a regular expression: a cheap test that rules most texts out before the regex runs.

``required_literals(pattern)`` returns lower-case strings of which every match must contain at least one
(or None when no such set was found). ``"click here" in text.lower()`` costs a few dozen nanoseconds,
while the boilerplate patterns ("``.*\\bclick here\\b.*``") cost microseconds per line: gating each
pattern by its literals makes the line filter several times faster without changing what it matches.
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

Literals = frozenset[str]
_REPEATS = tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(_c, name))
_ATOMIC = getattr(_c, "ATOMIC_GROUP", object())


def _better(a: Literals | None, b: Literals | None) -> Literals | None:
    """The more selective requirement: longer shortest string, then fewer alternatives."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))


def _sequence(items) -> Literals | None:
    best: Literals | None = None
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av).lower())
            continue
        if run:
            best = _better(best, frozenset(["".join(run)]))
            run = []
        found: Literals | None = None
        if op is _c.SUBPATTERN:
            found = _sequence(av[-1])
        elif op is _c.BRANCH:
            alternatives = [_sequence(alt) for alt in av[1]]
            if all(alternatives):
                found = frozenset().union(*alternatives)  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            found = _sequence(av[2])
        elif op is _ATOMIC:
            found = _sequence(av)
        best = _better(best, found)
    if run:
        best = _better(best, frozenset(["".join(run)]))
    return best


def required_literals(pattern: str, flags: int = re.IGNORECASE) -> Literals | None:
    """Strings one of which occurs (lower-cased) in every match of ``pattern``; None if unknown."""
    try:
        found = _sequence(_p.parse(pattern, flags))
    except Exception:  # an internal parser change must never break the filter: just run the regex
        return None
    if not found or any(not s.strip() for s in found):
        return None
    return found


def required_prefixes(pattern: str, flags: int = re.IGNORECASE) -> Literals | None:
    """Lower-case strings one of which every match of ``pattern`` starts with; None if unknown.
    ("(?:don't|do not)\\s+forget" -> {"don't", "do not"}: a line starting otherwise cannot match.)"""
    try:
        found = _prefixes(list(_p.parse(pattern, flags)), {})
    except Exception:  # see required_literals
        return None
    return found or None


def _prefixes(items: list, memo: dict) -> Literals | None:
    # The same tail of a pattern is reached through every alternative before it: remember its answer
    # (keyed by the identity of the parsed items, which live as long as the parse).
    key = tuple(map(id, items))
    if key not in memo:
        memo[key] = _prefixes_of(items, memo)
    return memo[key]


def _prefixes_of(items: list, memo: dict) -> Literals | None:
    while items and items[0][0] is _c.AT:  # \b or ^ at the start take no characters
        items = items[1:]
    if not items:
        return None
    op, av = items[0]
    if op is _c.LITERAL:
        run = []
        for op2, av2 in items:
            if op2 is not _c.LITERAL:
                break
            run.append(chr(av2).lower())
        head = "".join(run)
        rest = _prefixes(items[len(run):], memo) if len(run) < len(items) else None
        # "do" + {"n't", " not"}: the parser factors common prefixes out of alternatives
        return frozenset(head + r for r in rest) if rest and len(rest) <= 64 else frozenset([head])
    if op is _c.BRANCH:
        alternatives = [_prefixes(list(alt) + items[1:], memo) for alt in av[1]]
        return frozenset().union(*alternatives) if all(alternatives) else None  # type: ignore[arg-type]
    if op is _c.SUBPATTERN:
        return _prefixes(list(av[-1]) + items[1:], memo)
    if op in _REPEATS and av[0] == 0:  # optional at the start: its prefixes or the rest's
        first, rest = _prefixes(list(av[2]), memo), _prefixes(items[1:], memo)
        return first | rest if first and rest else None
    if op in _REPEATS:
        return _prefixes(list(av[2]), memo)
    if op is _c.IN and len(av) <= 8 and all(o is _c.LITERAL for o, _ in av):
        return frozenset(chr(c).lower() for _, c in av)
    return None


_CHEAP = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~0123456789")


def required_chars(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str]:
    """ASCII punctuation and digits that every match of ``pattern`` contains ("/" in ``.*afp\\s*/\\s*X``).

    Such characters have no case, so ``ch in text`` is exact under IGNORECASE and, being rare in prose,
    it rules a line out in one test where the word literals would need a dozen."""
    try:
        return frozenset(_chars(_p.parse(pattern, flags)))
    except Exception:  # see required_literals
        return frozenset()


def _chars(items) -> set[str]:
    found: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL and chr(av) in _CHEAP:
            found.add(chr(av))
        elif op is _c.SUBPATTERN:
            found |= _chars(av[-1])
        elif op in _REPEATS and av[0] >= 1:
            found |= _chars(av[2])
    return found


def leading_wildcard(pattern: str, flags: int = re.IGNORECASE) -> bool:
    """Does ``pattern`` open with ``.*``/``.{0,n}`` (its fullmatch scans the whole line, so gate it first)?"""
    try:
        items = [item for item in _p.parse(pattern, flags) if item[0] is not _c.AT]
    except Exception:  # see required_literals
        return True
    if not items:
        return False
    op, av = items[0]
    return op in _REPEATS and av[1] > 1 and any(o is _c.ANY for o, _ in av[2])


def has_backreference(pattern: re.Pattern[str]) -> bool:
    """Does ``pattern`` refer back to a group (``\\1``, ``(?(1)...)``)? Then it cannot join an alternation."""
    try:
        return _refers_back(_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # see required_literals
        return True


def _refers_back(items) -> bool:
    for op, av in items:
        if op in (_c.GROUPREF, _c.GROUPREF_EXISTS, getattr(_c, "GROUPREF_IGNORE", None)):
            return True
        subs = av if isinstance(av, (list, tuple)) else ()
        for sub in subs:
            if isinstance(sub, _p.SubPattern) and _refers_back(sub):
                return True
            if isinstance(sub, (list, tuple)) and any(isinstance(x, _p.SubPattern) and _refers_back(x) for x in sub):
                return True
    return False
