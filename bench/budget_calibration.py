"""Checks the memo length estimate (app/memo/budget.py) against real PDF renders.

    .venv/bin/python bench/budget_calibration.py [--articles 10]

For the sample articles and a synthetic briefing, with every template, ticks the facts one by one in score
order and prints, at each step where the rendered page count changes, the estimated pages (fractional)
next to the rendered ones; UNDER marks a render with more pages than the estimate rounded up. Ends with
the default selection's pages per template.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import write_corpus  # noqa: E402

from app.memo import build_memo  # noqa: E402
from app.memo.budget import estimate_fraction  # noqa: E402
from app.memo.template import list_templates  # noqa: E402
from app.render.pdf_writer import render_pdf  # noqa: E402
from app.run.pipeline import build_briefing  # noqa: E402


def sweep(name: str, briefing, template: str, out: Path, step: int) -> tuple[int, int]:
    briefing.memo = replace(briefing.memo, template=template)
    default = {f.id for f in briefing.facts if f.included}
    order = sorted(briefing.facts, key=lambda f: -f.score)
    checked = under = 0
    last = None
    for n in range(0, len(order) + 1, step):
        for i, fact in enumerate(order):
            fact.included = i < n
        memo = build_memo(briefing)
        est = estimate_fraction(memo)
        pages = render_pdf(memo, out)
        checked += 1
        if pages > math.ceil(est - 1e-6):
            under += 1
            print(f"  {name:10} {template:18} ticked {n:3}: estimate {est:5.2f} pages, rendered {pages}  UNDER")
        elif pages != last:
            print(f"  {name:10} {template:18} ticked {n:3}: estimate {est:5.2f} pages, rendered {pages}")
            last = pages
    for fact in briefing.facts:
        fact.included = fact.id in default
    memo = build_memo(briefing)
    pages = render_pdf(memo, out)
    print(f"  {name:10} {template:18} default selection ({len(default)} facts): "
          f"estimate {estimate_fraction(memo):.2f}, rendered {pages}")
    return checked, under


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        write_corpus(folder, articles=args.articles, words=500)
        cases = [("samples", ROOT / "seeds"), (f"synthetic{args.articles}", folder)]
        total = under = 0
        for name, path in cases:
            briefing = build_briefing([path]).briefing
            step = max(1, len(briefing.facts) // 25)
            for template, _title in list_templates():
                c, u = sweep(name, briefing, template, Path(tmp) / "memo.pdf", step)
                total, under = total + c, under + u
        print(f"renders checked {total}, rendered longer than estimated {under}")


if __name__ == "__main__":
    main()
