"""Property: whatever bytes a reader gets, it ends in a loaded article (or project) or the app's own error with
a clear one-line message, within a time bound and a memory bound; never an uncaught exception, never a hang.

Inputs are valid sample files broken by hypothesis-driven mutations (tests/fuzz_harness.py); each runs in a
worker process, so a hang is a timeout and memory is the worker's own peak. The runs are derandomized: `make
test` tries the same inputs every time; bench/fuzz_readers.py runs 10,000 or more fresh ones. Inputs that once
broke a reader are kept under tests/data/fuzz/ and replayed here.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from fuzz_harness import (
    KINDS,
    SPECIFIC,
    Worker,
    build_samples,
    mutate,
    problems,
    read_crasher,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CRASHERS = Path(__file__).parent / "data" / "fuzz"
EXAMPLES_PER_KIND = 40

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def samples():
    return build_samples()


@pytest.fixture(scope="module")
def worker():
    with Worker() as w:
        yield w


def _check(worker: Worker, kind: str, data: bytes, export: bool, recipe: str) -> None:
    outcome = worker.run(kind, data, export=export)
    found = problems(outcome)
    assert not found, f"{kind} input ({recipe}, {len(data)} bytes): " + "; ".join(found)


_FUZZ = settings(max_examples=EXAMPLES_PER_KIND, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                        HealthCheck.data_too_large])


@pytest.mark.parametrize("kind", KINDS)
def test_mutated_files_end_in_an_article_or_a_clear_error(samples, worker, kind):
    @_FUZZ
    @given(rnd=st.randoms(use_true_random=False), steps=st.integers(1, 3), export=st.booleans())
    def run(rnd: random.Random, steps: int, export: bool) -> None:
        data, names = mutate(kind, samples, rnd, steps, cheap=True)
        _check(worker, kind, data, export and steps == 1, "+".join(names))

    run()


@pytest.mark.parametrize("mutation", [m for kind in KINDS for m in SPECIFIC[kind]],
                         ids=lambda m: m.__name__)
def test_each_kind_of_structural_damage(samples, worker, mutation):
    """Every structure-aware mutation (bombs, entity expansion, nesting, broken object trees) a few times."""
    kind = next(k for k in KINDS if mutation in SPECIFIC[k])
    for seed in range(4):
        rnd = random.Random(seed)
        data = mutation(rnd.choice(samples[kind]), rnd, samples)
        _check(worker, kind, data, False, f"{mutation.__name__}, seed {seed}")


def test_the_samples_themselves_load(samples, worker):
    for kind in KINDS:
        for data in samples[kind]:
            outcome = worker.run(kind, data, export=True)
            assert outcome.result == "loaded", f"{kind}: {outcome.result} {outcome.message[-500:]}"


@pytest.mark.parametrize("path", sorted(p for p in CRASHERS.glob("*") if not p.name.endswith(".why")),
                         ids=lambda p: p.name)
def test_inputs_that_once_broke_a_reader(worker, path):
    kind, data = read_crasher(path)
    _check(worker, kind, data, True, path.name)
