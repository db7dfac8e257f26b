"""Shared fixtures. Tests run headless: Qt uses the offscreen platform."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def preview_seed() -> Path:
    """The preview article: promo and AI-disclaimer junk, counters, future tense."""
    return SEEDS / "2024-07-28_preview_us-japan-2plus2-tokyo.txt"


@pytest.fixture
def report_seed() -> Path:
    """The post-meeting report: four paragraphs pasted twice."""
    return SEEDS / "2024-07-28_report_us-japan-2plus2-command-upgrade.txt"
