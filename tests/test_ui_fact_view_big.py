"""A big load opens its sections a few at a time, so no single event-loop turn lays out every fact."""

from __future__ import annotations

from app.domain import Fact
from app.ui import views
from app.ui.fact_model import FactModel
from app.ui.views import FactView

SECTIONS = ["participants", "date_venue", "command_and_control", "defence_industry", "deterrence", "threats"]


def _facts(per_section: int) -> list[Fact]:
    return [Fact(f"F{s}{i:04d}", f"Fact {i} about {key}, long enough to wrap.", key)
            for s, key in enumerate(SECTIONS) for i in range(per_section)]


def _expanded(view: FactView, model: FactModel) -> list[bool]:
    return [view.isExpanded(model.index(row, 0)) for row in range(model.rowCount())]


def test_a_big_briefing_expands_in_stages_and_keeps_what_the_user_folded(qtbot):
    model, view = FactModel(), FactView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()
    per_section = views.STAGED_ROWS // 2 + 1  # two sections per turn at most
    model.set_facts(_facts(per_section))
    assert _expanded(view, model) == [True, True] + [False] * 4  # the rest waits for later turns
    view.collapse(model.index(0, 0))  # the user folds an open one while the others are still coming
    qtbot.waitUntil(lambda: _expanded(view, model) == [False, True, True, True, True, True], timeout=5_000)


def test_a_small_briefing_expands_at_once(qtbot):
    model, view = FactModel(), FactView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.set_facts(_facts(20))
    assert all(_expanded(view, model))
