"""Bulk work pauses the cyclic garbage collector and always turns it back on."""

from __future__ import annotations

import gc

import pytest

from app.shared.gc_pause import gc_paused


def test_collector_is_off_inside_and_back_on_after_an_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_pipeline_leaves_the_collector_on(seed_paths):
    from app.run.pipeline import build_briefing

    build_briefing(seed_paths)
    assert gc.isenabled()
