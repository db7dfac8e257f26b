"""Damaged, hand-edited and hostile ``.briefing`` files, shared by the core, window and audit tests.

``REFUSED``: (name, file bytes, what the message must say) for files that must not open.
``REPAIRED``: (name, file bytes, what a note must say, or "" for none, and a check of the briefing) for
files that open with a repair or a note. Every case is built from one valid project, changed in one way.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from app.domain import (
    Article,
    Briefing,
    Conflict,
    DateMention,
    Entity,
    Fact,
    MemoMeta,
    Mention,
    RemovedPart,
    SourceSpan,
    TimelineEvent,
)
from app.store import snapshot

TEXT_A = "Tokyo, 28 July 2024. Ministers met in Tokyo. They agreed to upgrade command links."
TEXT_B = "防衛相の木原稔氏が出席した。 The meeting ran late."


def sample_briefing() -> Briefing:
    a = Article(id="a1", path="/news/a.txt", title="Ministers meet", text=TEXT_A, outlet="Wire",
                published=date(2024, 7, 28), raw_text="Don't forget Channel 9!\n" + TEXT_A,
                removed=[RemovedPart("Don't forget Channel 9!", "promo", 0)])
    b = Article(id="a2", path="/news/b.html", title="会談", text=TEXT_B)
    facts = [
        Fact("F001", "Ministers met in Tokyo.", "date_venue", 0.5, True,
             [SourceSpan("a1", 21, 45), SourceSpan("a2", 0, 14)], "reported",
             [Mention("Tokyo", "place", "Tokyo")], [DateMention("28 July 2024", "2024-07-28", "day")],
             [Conflict("F002", "other source says 2025")]),
        Fact("F002", "They agreed to upgrade command links.", "command_and_control", 0.875, True,
             [SourceSpan("a1", 46, len(TEXT_A))], "expected"),
        Fact("F003", "Manual fact with no source.", "other", 0.0, False, []),
    ]
    entities = [Entity("person", "Minoru Kihara", "Defence Minister", "Japan", ["Kihara"], 3, "木原稔"),
                Entity("organisation", "Channel 9", included=False)]
    timeline = [TimelineEvent("2024-07-28", "day", "Ministers met", "F001")]
    memo = MemoMeta(to="Deputy Secretary", sender="Asia desk", date=date(2024, 7, 29), subject="US-Japan 2+2",
                    classification="UNCLASSIFIED", template="information-memo", summary="")
    return Briefing([a, b], facts, memo, entities, timeline)


def valid_doc() -> dict[str, Any]:
    return {"format": "briefing-builder-project", "version": 1, "app_version": "0.1.0",
            "saved": "2024-07-29T08:15:02+00:00", "briefing": snapshot(sample_briefing())}


def dumped(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def changed(change: Callable[[dict[str, Any]], None]) -> bytes:
    doc = copy.deepcopy(valid_doc())
    change(doc)
    return dumped(doc)


def _in_text(old: str, new: str) -> bytes:
    """The valid file with one piece of its JSON text replaced (for what json.dumps cannot write)."""
    raw = dumped(valid_doc())
    assert raw.count(old.encode()) >= 1, old
    return raw.replace(old.encode(), new.encode(), 1)


def _fact(i: int) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda doc: doc["briefing"]["facts"][i]


def _set(path: Callable[[dict[str, Any]], dict[str, Any]], **values: Any) -> Callable[[dict[str, Any]], None]:
    return lambda doc: path(doc).update(values)


def _source(i: int, k: int, **values: Any) -> Callable[[dict[str, Any]], None]:
    return lambda doc: doc["briefing"]["facts"][i]["sources"][k].update(values)


VALID = dumped(valid_doc())
_DEEP = 100_000
_BIG = "1" + "0" * 30

REFUSED: list[tuple[str, bytes, str]] = [
    ("newer", changed(lambda d: d.update(version=7, app_version="3.0.0")),
     "it was made by a newer Briefing Builder 3.0.0 (format 7); this version reads up to 1. Update"),
    ("truncated", VALID[: len(VALID) // 2], "the file ends too early, at line"),
    ("truncated-at-end", VALID.rstrip()[:-1], "the file ends too early"),
    ("truncated-in-a-string", VALID[: VALID.index(b'"text": "') + 12], "the file ends too early"),
    ("empty", b"", "the file is empty"),
    ("not-an-object", b"[1, 2, 3]", "it is not a Briefing Builder project (no \"format\""),
    ("briefing-null", changed(lambda d: d.update(briefing=None)),
     "briefing: expected an object, found nothing (null)"),
    ("wrong-type", changed(_set(_fact(1), text=5)), "briefing.facts[1].text: expected text, found a number"),
    ("bool-for-number", changed(_source(0, 0, start=True)),
     "briefing.facts[0].sources[0].start: expected a whole number, found true/false"),
    ("missing-entry", changed(lambda d: d["briefing"]["facts"][2].pop("section")),
     "briefing.facts[2]: the required entry 'section' is missing"),
    ("list-for-object", changed(lambda d: d["briefing"].update(memo=[])),
     "briefing.memo: expected an object, found a list"),
    ("huge-whole-number", _in_text('"start": 21', f'"start": {_BIG}'),
     "briefing.facts[0].sources[0].start: expected a whole number, found 10000000000000000000…, a number "
     "too large"),
    ("number-of-5000-digits", _in_text('"mentions": 3', '"mentions": ' + "9" * 5000),
     "briefing.entities[0].mentions: expected a whole number, found 99999999999999999999…, a number too large"),
    ("huge-float", _in_text('"score": 0.875', '"score": 1e400'),
     "briefing.facts[1].score: expected a number, found 1e400, a number too large"),
    ("nan", _in_text('"score": 0.875', '"score": NaN'), "briefing.facts[1].score: expected a number, found NaN"),
    ("infinity", _in_text('"score": 0.5', '"score": -Infinity'),
     "briefing.facts[0].score: expected a number, found -Infinity"),
    ("deep-nesting", _in_text('"timeline": [', '"timeline": [' + "[" * _DEEP + "]" * _DEEP + ","),
     "it is nested too deeply to be a project"),
    ("deep-nesting-in-text", b'{"format": "briefing-builder-project", "version": 1, "briefing": '
     + b'{"a": ' * 5000 + b"1" + b"}" * 5000 + b"}", "it is nested too deeply"),
    ("duplicate-key", _in_text('"text": "They agreed to upgrade command links."',
                               '"text": "They agreed.", "text": "They agreed to upgrade command links."'),
     'briefing.facts[1]: the entry "text" is given twice'),
    ("duplicate-top-level-key", _in_text('"version": 1,', '"version": 1, "version": 2,'),
     'the entry "version" is given twice'),
    ("invalid-utf8", VALID.replace(b"Ministers meet", b"Ministers m\xe9et", 1),
     "the file is damaged (it is not UTF-8 text: byte"),
    ("utf16", "\ufeff".encode("utf-16-le") + VALID.decode().encode("utf-16-le"),
     "it is not a Briefing Builder project (it is not UTF-8 text: it is UTF-16"),
    ("lone-surrogate", _in_text('"Ministers meet"', '"Ministers \\ud83d meet"'),
     "briefing.articles[0].title: holds a broken character at position 11"),
    ("span-past-end", changed(_source(0, 0, start=500, end=520)),
     "briefing.facts[0].sources[0]: starts past the end of its article (fact F001, character 500; the "
     "article has 82 characters)"),
    ("span-end-past-end", changed(_source(1, 0, end=83)),
     "briefing.facts[1].sources[0]: ends past the end of its article (fact F002, character 83"),
    ("span-inverted", changed(_source(0, 1, start=10, end=2)),
     "briefing.facts[0].sources[1]: ends before it starts (fact F001, characters 10-2)"),
    ("span-negative", changed(_source(0, 0, start=-4)),
     "briefing.facts[0].sources[0]: starts before the beginning of its article (fact F001, character -4)"),
    ("span-missing-article", changed(_source(1, 0, article_id="a9")),
     'briefing.facts[1].sources[0]: fact F002 cites the article "a9", which is not in the project'),
    ("duplicate-article-id", changed(lambda d: d["briefing"]["articles"][1].update(id="a1")),
     'briefing.articles[1].id: "a1" is also the id of articles[0]'),
    ("duplicate-fact-id", changed(lambda d: d["briefing"]["facts"][2].update(id="F001")),
     'briefing.facts[2].id: "F001" is also the id of facts[0]'),
    ("unknown-status", changed(_set(_fact(1), status="rumour")),
     'briefing.facts[1].status: "rumour" is not a status this version knows (reported, expected or opinion)'),
    ("removed-part-past-raw-text", changed(lambda d: d["briefing"]["articles"][0]["removed"][0]
                                           .update(start=10_000, text="")),
     "briefing.articles[0].removed[0].start: is past the end of the article's raw text (character 10000"),
    ("bad-date", changed(lambda d: d["briefing"]["memo"].update(date="2024-02-30")),
     "briefing.memo.date: expected a date like 2024-07-28, found '2024-02-30'"),
]

_DEFAULT_NOTE = 'is not installed; the memo uses the default template (information memo)'

REPAIRED: list[tuple[str, bytes, str, Callable[[Briefing], bool]]] = [
    ("bom", b"\xef\xbb\xbf" + VALID, "", lambda b: b == sample_briefing()),
    ("extra-entries", changed(lambda d: (d.update(comment="hand-edited"), _fact(0)(d).update(colour="red"),
                                         d["briefing"].update(notes=[1, 2]))),
     "", lambda b: b == sample_briefing()),
    ("missing-optional-entries", changed(lambda d: (d["briefing"].pop("entities"), d["briefing"].pop("timeline"),
                                                    _fact(0)(d).pop("score"))),
     "", lambda b: b.entities == [] and b.timeline == [] and b.facts[0].score == 0.0),
    ("unknown-template", changed(lambda d: d["briefing"]["memo"].update(template="house-style-2031")),
     f'The memo template "house-style-2031" {_DEFAULT_NOTE}', lambda b: b.memo.template == "information-memo"),
    ("template-escaping", changed(lambda d: d["briefing"]["memo"].update(template="../../etc/passwd")),
     f'The memo template "../../etc/passwd" {_DEFAULT_NOTE}', lambda b: b.memo.template == "information-memo"),
    ("template-absolute", changed(lambda d: d["briefing"]["memo"].update(template="/etc/passwd")),
     f'"/etc/passwd" {_DEFAULT_NOTE}', lambda b: b.memo.template == "information-memo"),
    ("conflict-names-missing-fact", changed(lambda d: _fact(0)(d)["conflicts"].append(
        {"fact_id": "F404", "reason": "gone"})),
     "1 note that sources differ named facts that are not in the project and were left out",
     lambda b: b.facts[0].conflicts == [Conflict("F002", "other source says 2025")]),
    ("timeline-names-missing-fact", changed(lambda d: d["briefing"]["timeline"].append(
        {"date": "2024", "granularity": "year", "text": "x", "fact_id": "F404"})),
     "1 timeline entry named facts that are not in the project and were left out",
     lambda b: [e.fact_id for e in b.timeline] == ["F001"]),
    ("duplicate-entity", changed(lambda d: d["briefing"]["entities"].append(dict(d["briefing"]["entities"][0],
                                                                                 included=False))),
     "1 participant or name was listed twice; the first entry of each is kept",
     lambda b: len(b.entities) == 2 and b.entities[0].included),
    ("status-in-capitals", changed(_set(_fact(1), status=" Expected")),
     "1 status written in capitals or with spaces was read as lower case",
     lambda b: b.facts[1].status == "expected"),
    ("unknown-section", changed(_set(_fact(2), section="my_own_topic")), "",
     lambda b: b.facts[2].section == "my_own_topic"),
    ("unknown-classification", changed(lambda d: d["briefing"]["memo"].update(classification="SEKRIT")),
     'The classification "SEKRIT" is not one this version knows; the memo is marked UNCLASSIFIED',
     lambda b: b.memo.classification == "SEKRIT"),
]
