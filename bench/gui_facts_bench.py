"""How the facts view copes with 10,000 facts: set the model, filter per keystroke, tick all, edit, move.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_facts_bench.py [N]
Each figure includes the view's relayout and one paint (processEvents until idle).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402, TID251 - a GUI benchmark

from app.domain import Article, Briefing, Fact, Mention, SourceSpan  # noqa: E402
from app.edits.facts import move_facts  # noqa: E402
from app.extract.topics import default_taxonomy  # noqa: E402
from app.ui.fact_model import FactModel  # noqa: E402
from app.ui.views import FactView  # noqa: E402

WORDS = ("alliance minister defence command upgrade missile Japan Tokyo Washington agreement forces joint "
         "exercise deterrence industry production cooperation talks statement security region threat "
         "capability budget treaty summit").split()
VIEW: list = [None]
PEOPLE = ("Kihara", "Austin", "Blinken", "Kamikawa", "Marles", "Wong")


def synthetic(n: int) -> Briefing:
    rng = random.Random(7)
    keys = list(default_taxonomy().keys)
    articles = [Article(f"A{i}", f"/bench/a{i}.txt", f"Report {i} on the talks", "x" * 400, f"Outlet {i % 7}")
                for i in range(40)]
    facts = []
    for i in range(n):
        words = rng.choices(WORDS, k=rng.randint(8, 40))
        person = rng.choice(PEOPLE)
        text = f"{person} said the {' '.join(words)}."
        facts.append(Fact(f"F{i + 1:05d}", text, rng.choice(keys), round(rng.random(), 2), rng.random() < 0.4,
                          [SourceSpan(f"A{rng.randrange(40)}", 0, 100)],
                          entities=[Mention(person, "person", person)]))
    return Briefing(articles, facts)


def timed(label: str, action, end: str = "\n") -> float:
    """Print the model's time (the edit or filter itself) and the view's (relayout and one paint)."""
    app, view = QApplication.instance(), VIEW[0]
    start = time.perf_counter()
    action()
    middle = time.perf_counter()
    app.processEvents()
    view.executeDelayedItemsLayout()  # the relayout Qt would run on the next event loop pass
    view.viewport().repaint()  # and one paint of what is on screen
    app.processEvents()
    done = time.perf_counter()
    ms = (done - start) * 1000
    model_ms, view_ms = 1000 * (middle - start), 1000 * (done - middle)
    print(f"{label:<40} {ms:8.1f} ms  (model {model_ms:6.1f}, view {view_ms:6.1f})",
          end=end)
    return ms


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    app = QApplication.instance() or QApplication(sys.argv[:1])
    briefing = synthetic(n)
    model = FactModel()
    model.edit_sink = lambda edit: (edit.apply(briefing), model.sync(briefing.facts, briefing.articles))
    view = FactView()
    VIEW[0] = view
    view.resize(900, 800)
    view.setModel(model)
    view.show()
    app.processEvents()
    print(f"{n} facts in {len({f.section for f in briefing.facts})} sections")
    timed("set the model (and lay out the view)", lambda: (model.set_facts(briefing.facts, briefing.articles),
                                                          view.expandAll()))
    view.setCurrentIndex(model.index(0, 0, model.index(0, 0)))
    query = ""
    for key in "kihara":
        query += key
        ms = timed(f"filter keystroke {query!r}", lambda q=query: model.set_filter(q), end="")
        print(f"   -> {model.shown_count()} shown")
        del ms
    timed("clear the filter", lambda: model.set_filter(""))
    timed("filter 'entity:austin' in one go", lambda: model.set_filter("entity:austin"))
    timed("clear the filter", lambda: model.set_filter(""))
    timed("untick all (one undoable edit)", lambda: model.set_all(False))
    timed("tick all (one undoable edit)", lambda: model.set_all(True))
    timed("ticked only on", lambda: model.set_filter(ticked_only=True))
    timed("ticked only off", lambda: model.set_filter(ticked_only=False))
    first = model.fact(view.indexAt(view.viewport().rect().topLeft() + view.viewport().rect().center() * 0))
    first = first or model.fact(model.index(0, 0, model.index(0, 0)))  # the fact at the top of the view
    timed("tick one fact (on screen)", lambda: model.set_ticked([first.id], not first.included))
    timed("edit one fact's text",
          lambda: model.setData(model.index_of_fact(first.id), first.text + " Edited."))
    target = next(k for k in default_taxonomy().keys if k != first.section)
    timed("move one fact to another section", lambda: model.request(move_facts(briefing, [first.id], target)))
    timed("scroll to the end", lambda: view.scrollToBottom())
    view.close()


if __name__ == "__main__":
    main()
