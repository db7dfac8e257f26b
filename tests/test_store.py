"""Project files (save, open, upgrade, refuse damaged or newer files) and recovery copies; no Qt."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from app import store
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
from app.shared import atomic_file
from app.shared.errors import ProjectError
from app.store import migrations
from app.store.recovery import Recovery, find_recoverable, read_recoverable, recovery_path

TEXT_A = "Tokyo, 28 July 2024. Ministers met in Tokyo. They agreed to upgrade command links."
TEXT_B = "防衛相の木原稔氏が出席した。 The meeting ran late."


def sample_briefing() -> Briefing:
    a = Article(id="a1", path="/news/a.txt", title="Ministers meet", text=TEXT_A, outlet="Wire",
                published=date(2024, 7, 28), raw_text="Don't forget Channel 9!\n" + TEXT_A,
                removed=[RemovedPart("Don't forget Channel 9!", "promo", 0), RemovedPart(" 0", "counter")])
    b = Article(id="a2", path="/news/b.html", title="会談", text=TEXT_B)
    facts = [
        Fact("F002", "They agreed to upgrade command links (edited).", "command_and_control", 0.875, True,
             [SourceSpan("a1", 46, len(TEXT_A))], "reported",
             [Mention("command links", "system", "command and control")],
             [DateMention("28 July 2024", "2024-07-28", "day")],
             [Conflict("F001", "other source says 2025")]),
        Fact("F001", "Ministers met in Tokyo.", "date_venue", 0.5, False,
             [SourceSpan("a1", 21, 45), SourceSpan("a2", 0, 14)], "expected"),
        Fact("F003", "Manual fact with no source.", "other", 0.0, True, []),
    ]
    entities = [Entity("person", "Minoru Kihara", "Defence Minister", "Japan", ["Kihara"], 3, "木原稔", True),
                Entity("organisation", "Channel 9", included=False)]
    timeline = [TimelineEvent("2024-07-28", "day", "Ministers met", "F001")]
    memo = MemoMeta(to="Deputy Secretary", sender="Asia desk", date=date(2024, 7, 29),
                    subject="US-Japan 2+2", classification="CUI", template="information-memo",
                    through="Chief of Staff", summary="Allies upgrade command links.")
    return Briefing([a, b], facts, memo, entities, timeline)


def test_save_then_open_gives_the_same_briefing(tmp_path):
    original = sample_briefing()
    path = store.save_project(original, tmp_path / "meeting.briefing")
    reopened = store.load_project(path)
    assert reopened == original
    assert [f.id for f in reopened.facts] == ["F002", "F001", "F003"]  # order kept
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "briefing-builder-project" and doc["version"] == store.FORMAT_VERSION
    assert doc["app_version"] and doc["saved"]
    assert "木原稔" in path.read_text(encoding="utf-8")  # readable UTF-8, not \\u escapes


def test_real_extraction_round_trips(tmp_path, seed_paths):
    from app.run.pipeline import build_briefing

    briefing = build_briefing(seed_paths).briefing
    briefing.facts[0].included = not briefing.facts[0].included
    briefing.facts[1].text += " (checked)"
    briefing.facts.reverse()
    path = store.save_project(briefing, tmp_path / "seeds.briefing")
    assert store.load_project(path) == briefing


def test_failed_save_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "meeting.briefing"
    store.save_project(sample_briefing(), path)
    before = path.read_bytes()
    written: list[Path] = []

    def fail_after_writing(src, dst):  # the temp file is complete; the rename fails (crash, full disk...)
        written.append(Path(src))
        assert Path(src).read_bytes().startswith(b"{")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", fail_after_writing)
    changed = sample_briefing()
    changed.facts[0].text = "Something else"
    with pytest.raises(ProjectError, match="Cannot save meeting.briefing: the disk is full"):
        store.save_project(changed, path)
    assert written and written[0].parent == tmp_path  # the temp file was a sibling...
    assert path.read_bytes() == before  # ...the old file is untouched...
    assert sorted(p.name for p in tmp_path.iterdir()) == ["meeting.briefing"]  # ...and no temp file is left


def test_failed_write_of_temp_file_leaves_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "meeting.briefing"
    store.save_project(sample_briefing(), path)
    before = path.read_bytes()

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic_file.os, "fsync", broken_fsync)
    with pytest.raises(ProjectError, match="Cannot save meeting.briefing"):
        store.save_project(Briefing(), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["meeting.briefing"]


def test_save_into_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ProjectError, match="Cannot save x.briefing: the file or its folder does not exist"):
        store.save_project(sample_briefing(), tmp_path / "nope" / "x.briefing")


# A project written by development builds (format 0): the CLI's JSON at the top level.
VERSION_0 = {
    "format": "briefing-builder-project",
    "version": 0,
    "articles": [{"id": "a1", "path": "/news/a.txt", "title": "Ministers meet", "outlet": "Wire",
                  "published": "2024-07-28", "text": TEXT_A,
                  "removed": [{"text": "Don't forget Channel 9!", "reason": "promo"}]}],
    "facts": [{"id": "F001", "text": "Ministers met in Tokyo.", "section": "date_venue", "score": 1,
               "included": False, "sources": [{"article": "a1", "start": 21, "end": 45}],
               "conflicts": [{"fact": "F002", "reason": "differs"}]},
              {"id": "F002", "text": "They agreed.", "section": "other"}],
    "memo": {"to": "Deputy Secretary", "from": "Asia desk", "date": "2024-07-29", "subject": "2+2"},
}


def test_version_0_file_is_upgraded(tmp_path):
    path = tmp_path / "old.briefing"
    path.write_text(json.dumps(VERSION_0), encoding="utf-8")
    loaded = store.read_project(path)
    assert loaded.version == 0
    b = loaded.briefing
    assert b.articles[0].published == date(2024, 7, 28) and b.articles[0].raw_text == ""
    assert b.articles[0].removed == [RemovedPart("Don't forget Channel 9!", "promo", -1)]
    assert b.facts[0].sources == [SourceSpan("a1", 21, 45)] and b.facts[0].included is False
    assert b.facts[0].score == 1.0 and b.facts[0].conflicts == [Conflict("F002", "differs")]
    assert b.facts[1].included is True and b.facts[1].sources == []
    assert b.memo.sender == "Asia desk" and b.memo.date == date(2024, 7, 29)
    assert b.memo.classification == "UNCLASSIFIED" and b.entities == [] and b.timeline == []
    # Saving writes the current format, which opens to the same briefing.
    store.save_project(b, path)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == store.FORMAT_VERSION
    assert store.load_project(path) == b


def test_every_older_version_has_a_migration():
    assert set(migrations.MIGRATIONS) == set(range(store.FORMAT_VERSION))


def test_newer_version_explains(tmp_path):
    path = tmp_path / "future.briefing"
    path.write_text(json.dumps({"format": "briefing-builder-project", "version": 3, "app_version": "2.0.0",
                                "briefing": {"shape": "unknown"}}), encoding="utf-8")
    with pytest.raises(ProjectError) as info:
        store.load_project(path)
    assert str(info.value) == ("Cannot open future.briefing: it was made by a newer Briefing Builder 2.0.0 "
                               "(format 3); this version reads up to 1. Update Briefing Builder to open it.")


def _valid_doc() -> dict:
    return {"format": "briefing-builder-project", "version": 1, "briefing": store.snapshot(sample_briefing())}


def _broken(doc_change) -> dict:
    doc = _valid_doc()
    doc_change(doc)
    return doc


@pytest.mark.parametrize(("content", "message"), [
    (b"{not json", "Cannot open bad.briefing: the file is damaged or not a project (invalid JSON at line 1"),
    (b"\xff\xfe\x00garbage", "it is not a Briefing Builder project (it is not UTF-8"),
    (b"[1, 2]", "Cannot open bad.briefing: it is not a Briefing Builder project (no \"format\""),
    (json.dumps({"format": "something-else", "version": 1}).encode(), "not a Briefing Builder project"),
    (json.dumps({"format": "briefing-builder-project"}).encode(), "format version is missing"),
    (json.dumps({"format": "briefing-builder-project", "version": "1"}).encode(), "version is missing"),
    (json.dumps({"format": "briefing-builder-project", "version": 1}).encode(), '"briefing" entry is'),
    (json.dumps(_broken(lambda d: d["briefing"]["facts"][1].update(text=5))).encode(),
     "the file is damaged (briefing.facts[1].text: expected text, found a number)"),
    (json.dumps(_broken(lambda d: d["briefing"]["facts"][0]["sources"][0].update(start="4"))).encode(),
     "briefing.facts[0].sources[0].start: expected a whole number, found text"),
    (json.dumps(_broken(lambda d: d["briefing"]["facts"][0].update(included=1))).encode(),
     "briefing.facts[0].included: expected true or false, found a number"),
    (json.dumps(_broken(lambda d: d["briefing"]["facts"][2].pop("section"))).encode(),
     "briefing.facts[2]: the required entry 'section' is missing"),
    (json.dumps(_broken(lambda d: d["briefing"].update(articles={}))).encode(),
     "briefing.articles: expected a list, found an object"),
    (json.dumps(_broken(lambda d: d["briefing"]["memo"].update(date="29/07/2024"))).encode(),
     "briefing.memo.date: expected a date like 2024-07-28, found '29/07/2024'"),
    (json.dumps(_broken(lambda d: d["briefing"]["facts"][0]["sources"][0].update(article_id="zz"))).encode(),
     "briefing.facts[0].sources[0]: fact F002 cites the article \"zz\", which is not in the project"),
    (json.dumps(_broken(lambda d: d["briefing"]["facts"][0]["sources"][0].update(end=10_000))).encode(),
     "briefing.facts[0].sources[0]: ends past the end of its article (fact F002, character 10000; the "
     "article has 82 characters)"),
])
def test_malformed_files_give_a_clear_message(tmp_path, content, message):
    path = tmp_path / "bad.briefing"
    path.write_bytes(content)
    with pytest.raises(ProjectError) as info:
        store.load_project(path)
    assert message in str(info.value)
    assert path.read_bytes() == content  # opening never rewrites the file


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ProjectError, match="Cannot open gone.briefing: the file or its folder does not"):
        store.load_project(tmp_path / "gone.briefing")


def test_optional_entries_added_later_take_defaults(tmp_path):
    doc = _valid_doc()
    del doc["briefing"]["entities"], doc["briefing"]["memo"]["summary"]
    doc["briefing"]["facts"][0]["from_a_newer_minor_release"] = True  # unknown entries are ignored
    path = tmp_path / "p.briefing"
    path.write_text(json.dumps(doc), encoding="utf-8")
    b = store.load_project(path)
    assert b.entities == [] and b.memo.summary == "" and b.facts == sample_briefing().facts


# -- recovery ------------------------------------------------------------------------------------------

def test_recovery_file_is_found_restored_and_removed(tmp_path):
    folder = tmp_path / "recovery"
    rec = Recovery(folder)
    briefing = sample_briefing()
    path = rec.write_briefing(briefing)
    assert path.parent == folder and path.name.startswith("untitled-")
    found = find_recoverable(folder)
    assert [r.path for r in found] == [path]
    assert found[0].project is None and found[0].facts == 3 and found[0].articles == 2
    assert "Untitled briefing, autosaved" in found[0].describe()
    assert read_recoverable(found[0]).briefing == briefing
    rec.discard()
    assert find_recoverable(folder) == []


def test_recovery_follows_the_project_name(tmp_path):
    folder = tmp_path / "recovery"
    rec = Recovery(folder)
    untitled = rec.write_briefing(Briefing())
    project = tmp_path / "Tokyo 2+2.briefing"
    rec.set_project(project)  # saved as: the untitled copy goes, later copies are named after the project
    assert not untitled.exists()
    named = rec.write_briefing(sample_briefing())
    assert named == recovery_path(folder, project, "x") and named.name.startswith("Tokyo_2_2-")
    item = find_recoverable(folder)[0]
    assert item.project == project and item.name == "Tokyo 2+2.briefing"


def test_recovery_skips_files_of_running_instances_and_orders_newest_first(tmp_path):
    folder = tmp_path / "rec"
    older = Recovery(folder).write_briefing(Briefing())
    newer = Recovery(folder).write_briefing(sample_briefing())
    for path, when in ((older, "2024-01-01T10:00:00+00:00"), (newer, "2024-01-02T10:00:00+00:00")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["saved"] = when
        path.write_text(json.dumps(doc), encoding="utf-8")
    assert [r.path for r in find_recoverable(folder)] == [newer, older]
    if os.name == "posix":  # a file whose writer (here: pid 1, always running) is alive is not a crash
        doc = json.loads(older.read_text(encoding="utf-8"))
        doc["recovery"]["pid"] = 1
        older.write_text(json.dumps(doc), encoding="utf-8")
        assert [r.path for r in find_recoverable(folder)] == [newer]
    (folder / "junk.recovery.briefing").write_text("{", encoding="utf-8")  # unreadable: skipped, kept
    assert newer in [r.path for r in find_recoverable(folder)]
    assert find_recoverable(tmp_path / "missing") == []
