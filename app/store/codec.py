"""Dataclasses <-> plain JSON data, driven by the classes' type hints.

Every field of the domain dataclasses is written under its own name, so a field another part of the app
adds later (with a default, as the model's rules require) is saved and loaded without touching this file.
Reading checks every value's type and says where a bad one is ("facts[3].sources[0].start: expected a whole
number, found text"), because a project file may have been edited by hand or damaged.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any

from app.store.strict_json import BadNumber


class DecodeError(ValueError):
    """A value in the file does not fit the model: ``where`` is a path like ``facts[3].text``."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


_NONE = type(None)


def _describe(value: Any) -> str:
    if isinstance(value, BadNumber):
        return value.describe()
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


@cache
def _fields(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """(name, resolved type, required) for each init field of ``cls``."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        out.append((f.name, hints[f.name], required))
    return tuple(out)


# -- writing ---------------------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    return value


def _iso(value: Any) -> Any:
    return None if value is None else value.isoformat()


def _encoder_for(tp: Any) -> Callable[[Any], Any]:
    """A function encoding values of type ``tp``; specialised per field because autosave snapshots 10,000
    facts on the GUI thread and generic dispatch per value was several times slower."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        real = [t for t in typing.get_args(tp) if t is not _NONE]
        if len(real) == 1:
            inner = _encoder_for(real[0])
            if inner is _plain or inner is _iso:
                return inner  # both pass None through
            return lambda v: None if v is None else inner(v)
        return encode
    if origin in (list, tuple):
        args = typing.get_args(tp)
        inner = _encoder_for(args[0]) if args else encode
        if inner is _plain:
            return list
        return lambda v: [inner(x) for x in v]
    if tp in (str, int, float, bool):
        return _plain
    if tp in (date, datetime):
        return _iso
    if dataclasses.is_dataclass(tp):
        return _dataclass_encoder(tp)
    return encode


@cache
def _dataclass_encoder(cls: type) -> Callable[[Any], dict[str, Any]]:
    plan = [(name, _encoder_for(tp)) for name, tp, _ in _fields(cls)]
    plain = [name for name, enc in plan if enc is _plain]
    other = [(name, enc) for name, enc in plan if enc is not _plain]
    order = [name for name, _ in plan]

    def run(value: Any) -> dict[str, Any]:
        out = {name: getattr(value, name) for name in plain}
        for name, enc in other:
            out[name] = enc(getattr(value, name))
        return {name: out[name] for name in order}  # keep the model's field order in the file

    return run


def encode(value: Any) -> Any:
    """A dataclass tree as dicts, lists, strings, numbers, booleans and None (dates as ISO text)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _dataclass_encoder(type(value))(value)
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, (date, datetime)):  # datetime is a date: both keep their ISO form
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    raise TypeError(f"cannot save a {type(value).__name__} in a project file")


# -- reading ---------------------------------------------------------------------------------------------

def _join(where: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


def decode(tp: Any, data: Any, where: str = "") -> Any:
    """Build a value of type ``tp`` from JSON data, or raise DecodeError naming the bad value."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(tp)
        if data is None and _NONE in options:
            return None
        real = [t for t in options if t is not _NONE]
        if len(real) == 1:
            return decode(real[0], data, where)
        for option in real:  # first that fits
            try:
                return decode(option, data, where)
            except DecodeError:
                continue
        raise DecodeError(where, f"unexpected {_describe(data)}")
    if origin in (list, tuple):
        if not isinstance(data, list):
            raise DecodeError(where, f"expected a list, found {_describe(data)}")
        args = typing.get_args(tp)
        item = args[0] if args else Any
        items = [decode(item, v, _join(where, i)) for i, v in enumerate(data)]
        return items if origin is list else tuple(items)
    if origin is dict:
        if not isinstance(data, dict):
            raise DecodeError(where, f"expected an object, found {_describe(data)}")
        args = typing.get_args(tp)
        item = args[1] if len(args) == 2 else Any
        return {str(k): decode(item, v, _join(where, str(k))) for k, v in data.items()}
    if tp is Any:
        return data
    if dataclasses.is_dataclass(tp):
        return _decode_dataclass(tp, data, where)
    if tp is str:
        if not isinstance(data, str):
            raise DecodeError(where, f"expected text, found {_describe(data)}")
        if not data.isascii():
            _check_encodable(data, where)
        return data
    if tp is bool:
        if not isinstance(data, bool):
            raise DecodeError(where, f"expected true or false, found {_describe(data)}")
        return data
    if tp is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise DecodeError(where, f"expected a whole number, found {_describe(data)}")
        return data
    if tp is float:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            raise DecodeError(where, f"expected a number, found {_describe(data)}")
        return float(data)
    if tp is datetime or tp is date:
        if not isinstance(data, str):
            raise DecodeError(where, f"expected a date, found {_describe(data)}")
        try:
            return tp.fromisoformat(data)
        except ValueError:
            raise DecodeError(where, f"expected a date like 2024-07-28, found {data!r}") from None
    raise TypeError(f"no project-file reader for {tp!r}")


def _check_encodable(text: str, where: str) -> None:
    """A ``\\ud83d`` escape without its pair decodes to half a character, which nothing can print or save."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DecodeError(where, f"holds a broken character at position {exc.start + 1} (half of a "
                                 f"\\u escape pair)") from None


def _decode_dataclass(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise DecodeError(where, f"expected an object, found {_describe(data)}")
    kwargs = {}
    for name, tp, required in _fields(cls):
        if name in data:
            kwargs[name] = decode(tp, data[name], _join(where, name))
        elif required:
            raise DecodeError(where or cls.__name__.lower(), f"the required entry {name!r} is missing")
        # A missing optional entry takes the model's default: files from before a field existed still open.
    return cls(**kwargs)
