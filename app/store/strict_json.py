"""Project-file text to JSON data, refusing what ``json.loads`` would quietly accept or crash on.

Python's reader takes ``NaN`` and ``Infinity``, keeps the last of two equal keys, turns ``1e400`` into
infinity and raises a bare ValueError for a number of more than 4,300 digits. A project is data a person
may have edited by hand, so each of those is a problem with a place and a sentence instead:

- ``NaN``, ``Infinity`` and numbers too large to mean anything become ``BadNumber`` values, which the
  codec refuses where a number is expected ("briefing.facts[2].score: expected a number, found NaN");
- an object that names the same entry twice is refused ("briefing.facts[2]: the entry "text" is given
  twice"), because either value could be the one the editor meant;
- text that is not UTF-8, a file cut short and nesting too deep for the reader each get their own sentence.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DIGITS = 16  # whole numbers of more digits (10**16 and up) mean nothing in a project: no text is that long


class JsonProblem(ValueError):
    """The text is not JSON a project can hold; ``str()`` says why and where, for the user. ``syntax``: it is
    not JSON at all (so perhaps not a project), rather than JSON no project would hold."""

    def __init__(self, message: str, syntax: bool = False) -> None:
        super().__init__(message)
        self.syntax = syntax


class BadNumber:
    """A number the file spells but a project cannot hold (``NaN``, ``Infinity``, ``1e400``, 10**20)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text if len(text) <= 24 else text[:20] + "…"

    def __repr__(self) -> str:
        return f"BadNumber({self.text!r})"

    def describe(self) -> str:
        if self.text.lstrip("-") in ("NaN", "Infinity"):
            return self.text
        return f"{self.text}, a number too large"


class _Repeated(dict):
    """An object in which some key appeared more than once (the first such key is kept for the message)."""

    repeated = ""


def _parse_int(text: str) -> int | BadNumber:
    return BadNumber(text) if len(text.lstrip("-")) > MAX_DIGITS else int(text)


def _parse_float(text: str) -> float | BadNumber:
    value = float(text)
    return BadNumber(text) if value in (float("inf"), float("-inf")) else value


def _first_twice(items: list[tuple[str, Any]]) -> str:
    seen: set[str] = set()
    for key, _ in items:
        if key in seen:
            return key
        seen.add(key)
    return ""


def _join(where: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


def _first_repeated(data: Any) -> tuple[str, str] | None:
    """Where the first object with a repeated key is, and the key: walked without recursion."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, _Repeated):
            return where, value.repeated
        if isinstance(value, dict):
            stack.extend((_join(where, k), v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((_join(where, i), v) for i, v in reversed(list(enumerate(value))))
    return None


def decode_text(raw: bytes) -> str:
    """The file's text: UTF-8, with or without a byte-order mark. JsonProblem names the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise JsonProblem("it is not UTF-8 text: it is UTF-16, as some editors save it; save it as UTF-8 "
                              "again") from None
        line = raw.count(b"\n", 0, exc.start) + 1
        raise JsonProblem(f"it is not UTF-8 text: byte {exc.start + 1} (line {line}) is not valid UTF-8; "
                          f"was it saved in another encoding?") from None


def loads(text: str) -> Any:
    """Parse ``text`` as strict JSON (see the module's notes); JsonProblem says what is wrong."""
    repeats: list[bool] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(items)
        if len(out) == len(items):
            return out
        marked = _Repeated(out)
        marked.repeated = _first_twice(items)
        repeats.append(True)
        return marked

    try:
        data = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=BadNumber,
                          object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        # A string still open at the end is reported where it starts: the file ends inside it.
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise JsonProblem(f"the file ends too early, at line {exc.lineno}: it was cut short, perhaps by "
                              f"a full disk or an interrupted copy") from None
        raise JsonProblem(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                          syntax=True) from None
    except RecursionError:
        raise JsonProblem("it is nested too deeply to be a project") from None
    except ValueError as exc:  # e.g. the interpreter's limit on digits in a number
        raise JsonProblem(f"it holds a value that cannot be read ({exc})") from None
    if repeats:
        found = _first_repeated(data)
        if found:
            where, key = found
            raise JsonProblem(f"{where + ': ' if where else ''}the entry \"{key}\" is given twice")
    return data
