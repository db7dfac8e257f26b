"""Project files that are damaged, hand-edited or from a newer version: each is refused with a message that
names the entry, or opened with a repair the user is told about; opening never writes the file."""

from __future__ import annotations

import os

import pytest
from hostile_projects import REFUSED, REPAIRED, VALID, sample_briefing

from app import store
from app.shared.errors import ProjectError
from app.store import strict_json


def _write(tmp_path, content: bytes):
    path = tmp_path / "hand-edited.briefing"
    path.write_bytes(content)
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return path


def _untouched(path, content: bytes) -> bool:
    return path.read_bytes() == content and path.stat().st_mtime_ns == 1_600_000_000_000_000_000


def test_the_valid_file_opens():
    loaded = store.project.parse_document(VALID, "x.briefing")
    assert loaded.briefing == sample_briefing() and loaded.notes == [] and not loaded.repaired


@pytest.mark.parametrize(("content", "message"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_refused_with_a_message_naming_the_problem(tmp_path, content, message):
    path = _write(tmp_path, content)
    with pytest.raises(ProjectError) as info:
        store.read_project(path)
    text = str(info.value)
    assert text.startswith("Cannot open hand-edited.briefing: ")
    assert message in text
    assert len(text) < 400 and "\n" not in text  # one sentence, even for a 5,000-digit number
    assert _untouched(path, content)


@pytest.mark.parametrize(("content", "note", "check"), [c[1:] for c in REPAIRED], ids=[c[0] for c in REPAIRED])
def test_repaired_or_noted(tmp_path, content, note, check):
    path = _write(tmp_path, content)
    loaded = store.read_project(path)
    assert check(loaded.briefing)
    if note:
        assert any(note in n for n in loaded.notes), loaded.notes
    else:
        assert loaded.notes == []
    assert _untouched(path, content)


def test_repairs_say_whether_the_briefing_differs_from_the_file():
    by_name = {name: content for name, content, _, _ in REPAIRED}
    for name in ("bom", "extra-entries", "unknown-section", "unknown-classification"):
        assert not store.project.parse_document(by_name[name], "x").repaired, name
    for name in ("unknown-template", "conflict-names-missing-fact", "duplicate-entity", "status-in-capitals"):
        assert store.project.parse_document(by_name[name], "x").repaired, name


def test_a_repaired_project_saves_and_reopens_clean(tmp_path):
    content = next(c for name, c, _, _ in REPAIRED if name == "template-escaping")
    loaded = store.project.parse_document(content, "x")
    path = store.save_project(loaded.briefing, tmp_path / "again.briefing")
    again = store.read_project(path)
    assert again.briefing == loaded.briefing and again.notes == [] and not again.repaired


def test_deleting_a_fact_then_saving_gives_a_file_that_opens(tmp_path):
    """The app itself leaves conflicts and timeline entries naming a deleted fact: never refused."""
    from app.edits.facts import RemoveFacts

    briefing = sample_briefing()
    RemoveFacts(["F002"]).apply(briefing)
    RemoveFacts(["F001"]).apply(briefing)
    loaded = store.read_project(store.save_project(briefing, tmp_path / "p.briefing"))
    assert [f.id for f in loaded.briefing.facts] == ["F003"] and loaded.briefing.timeline == []
    assert not loaded.repaired and not loaded.notes  # written without them: nothing to repair or report


def test_numbers_a_project_can_hold_still_read():
    assert strict_json.loads('{"a": [0, -1, 1.5, 1e300, -2.5e-300, 9999999999999999]}') == \
        {"a": [0, -1, 1.5, 1e300, -2.5e-300, 9999999999999999]}
    bad = strict_json.loads('[NaN, Infinity, -Infinity, 1e999, 12345678901234567]')
    assert all(isinstance(v, strict_json.BadNumber) for v in bad)


def test_a_repeated_key_deep_inside_is_found_with_its_place():
    with pytest.raises(strict_json.JsonProblem, match=r'^a\[1\]\.b\[0\]: the entry "c" is given twice$'):
        strict_json.loads('{"a": [{}, {"b": [{"c": 1, "c": 2}]}]}')


def test_a_big_project_is_checked_quickly(tmp_path):
    """The extra checks are linear: 20,000 facts over 2,000 articles open in well under the bound."""
    import time

    from app.domain import Article, Briefing, Fact, SourceSpan

    articles = [Article(f"a{i}", f"/n/{i}.txt", "t", "Sentence one. Sentence two.") for i in range(2000)]
    facts = [Fact(f"F{i:05d}", "Sentence one.", "other", 0.5, True, [SourceSpan(f"a{i % 2000}", 0, 13)])
             for i in range(20_000)]
    raw = store.project.document_bytes(store.snapshot(Briefing(articles, facts)))
    start = time.perf_counter()
    loaded = store.project.parse_document(raw, "big.briefing")
    assert len(loaded.briefing.facts) == 20_000
    assert time.perf_counter() - start < 20  # generous: the 2-core machine is shared


def test_odd_fact_ids_from_a_hand_edited_file_still_let_facts_be_added():
    from app.edits.base import new_fact_id

    content = VALID.replace(b'"id": "F002"', b'"id": "F\xc2\xb2"').replace(b'"id": "F003"',
                                                                           b'"id": "F' + b"9" * 5000 + b'"')
    briefing = store.project.parse_document(content, "x").briefing
    assert [f.id[:3] for f in briefing.facts] == ["F00", "F²", "F99"]
    assert new_fact_id(briefing) == "F002"
