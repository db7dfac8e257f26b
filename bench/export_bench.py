"""Memo export benchmark: a three-page memo to DOCX and PDF, cold (first export in a fresh process, imports
and font loading included) and warm (later exports), per template; and the preview's render time per page.

    .venv/bin/python bench/export_bench.py [--repeat N]

Targets (issue 4): DOCX and PDF export of a three-page memo under 0.3 s each (warm, in the running app).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_S = 0.3
TEMPLATES = ("information-memo", "point-paper", "executive-brief")


def three_page_briefing(template: str = "information-memo", n_facts: int = 10):
    """A realistic memo: participants (one with a Japanese name), figures, a timeline, a disagreement."""
    from app.domain.model import (
        Article,
        Briefing,
        Conflict,
        Entity,
        Fact,
        MemoMeta,
        Mention,
        SourceSpan,
        TimelineEvent,
    )

    texts = [(f"Fact {i}: the ministers agreed to deepen cooperation on item {i}, including joint planning, "
              "exercises and co-production of air defence interceptors for both forces.")
             for i in range(n_facts)]
    body = " ".join(texts)
    articles = [Article(f"A{i}", f"/in/2024-07-28_outlet{i}.txt", f"Allies upgrade command ties ({i})",
                        body, f"Outlet {i}", date(2024, 7, 28)) for i in range(1, 4)]
    sections = ("participants", "command_and_control", "defence_industry", "deterrence", "alliances_regional",
                "threats", "political_context")
    facts = []
    for i, text in enumerate(texts):
        start = body.index(text)
        spans = [SourceSpan(f"A{1 + i % 3}", start, start + len(text))]
        if i % 4 == 0:  # some facts rest on two sources
            spans.append(SourceSpan(f"A{1 + (i + 1) % 3}", start, start + len(text)))
        if i % 7 == 3:  # an edited fact: its note quotes the source sentence
            text = text.replace("agreed to deepen", "deepened")
        money = [Mention("$2.3 billion", "money", "USD 2300000000")] if i % 5 == 0 else []
        facts.append(Fact(f"F{i:03d}", text, sections[i % len(sections)], score=1 - i / 100, sources=spans,
                          status="expected" if i % 6 == 5 else "reported", entities=money))
    facts[1].conflicts = [Conflict(facts[2].id, "Staff numbers differ")]
    entities = [Entity("person", "Minoru Kihara", "Defence Minister", "Japan", native_name="木原稔"),
                Entity("person", "Yoko Kamikawa", "Foreign Minister", "Japan", native_name="上川陽子"),
                Entity("person", "Lloyd Austin", "Secretary of Defense", "United States"),
                Entity("person", "Antony Blinken", "Secretary of State", "United States")]
    timeline = [TimelineEvent("2024-07-28", "day", "Security Consultative Committee in Tokyo", facts[0].id),
                TimelineEvent("2025-03", "month", "Joint force headquarters stands up", facts[3].id)]
    memo = MemoMeta(to="The Secretary", sender="EAP/J - J. Analyst", date=date(2024, 7, 29),
                    subject="U.S.-Japan Security Consultative Committee (2+2), Tokyo", template=template)
    return Briefing(articles, facts, memo, entities, timeline)


def _cold(kind: str) -> tuple[float, float]:
    """Seconds of the first export in a fresh interpreter (imports and font registration included)."""
    code = (f"import sys, time; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'bench')!r}]\n"
            "from export_bench import three_page_briefing\n"
            "b = three_page_briefing(); import tempfile, pathlib\n"
            "d = pathlib.Path(tempfile.mkdtemp())\n"
            "t, c = time.perf_counter(), time.process_time()\n"
            "from app.render import export_memo\n"
            f"export_memo(b, d / 'memo.{kind}')\n"
            "print(time.perf_counter() - t, time.process_time() - c)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    wall, cpu = done.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def _warm(briefing, path: Path, repeat: int) -> tuple[float, float, int | None]:
    """Median wall and CPU seconds of an export after the first one in this process."""
    from app.render import export_memo

    result = export_memo(briefing, path)  # first use in this process
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        result = export_memo(briefing, path)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result.pages


def _preview(briefing, repeat: int) -> dict:
    from app.render.raster import preview_briefing

    preview_briefing(briefing, 600)
    runs = [preview_briefing(briefing, 600) for _ in range(repeat)]
    pages = runs[0].page_count
    raster = statistics.median(r.raster_seconds for r in runs)
    layout = statistics.median(r.layout_seconds for r in runs)
    return {"pages": pages, "layout_s": layout, "raster_per_page_s": raster / max(1, pages),
            "total_per_page_s": (layout + raster) / max(1, pages)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="export-bench-"))
    load = os.getloadavg()[0]
    print(f"Memo export benchmark (three-page memo: 10 facts, 3 sources, tables, endnotes); "
          f"load average {load:.1f} on {os.cpu_count()} CPUs: wall times include waiting for the CPU, "
          "CPU times do not")
    cold = {kind: _cold(kind) for kind in ("docx", "pdf")}
    print(f"  cold first export in a fresh process (imports + fonts, paid once): "
          f"DOCX {cold['docx'][0]:.3f} s wall / {cold['docx'][1]:.3f} s CPU, "
          f"PDF {cold['pdf'][0]:.3f} s wall / {cold['pdf'][1]:.3f} s CPU")
    figures: dict = {"load": load, "cold": cold, "warm": {}}
    worst = 0.0
    for template in TEMPLATES:
        briefing = three_page_briefing(template)
        docx_s, docx_cpu, _ = _warm(briefing, folder / f"{template}.docx", args.repeat)
        pdf_s, pdf_cpu, pages = _warm(briefing, folder / f"{template}.pdf", args.repeat)
        worst = max(worst, docx_cpu, pdf_cpu)
        figures["warm"][template] = {"docx_s": docx_s, "docx_cpu_s": docx_cpu, "pdf_s": pdf_s,
                                     "pdf_cpu_s": pdf_cpu, "pdf_pages": pages}
        print(f"  warm {template:17s} DOCX {docx_s:.3f} s wall / {docx_cpu:.3f} s CPU   "
              f"PDF {pdf_s:.3f} s wall / {pdf_cpu:.3f} s CPU   ({pages} pages)")
    preview = _preview(three_page_briefing(), args.repeat)
    figures["preview"] = preview
    print(f"  preview ({preview['pages']} pages at 600 px): layout {preview['layout_s']:.3f} s, "
          f"rasterise {preview['raster_per_page_s'] * 1000:.1f} ms/page, "
          f"total {preview['total_per_page_s'] * 1000:.1f} ms/page")
    verdict = "OK" if worst < TARGET_S else "OVER"
    print(f"  target: warm exports < {TARGET_S} s each -> {verdict} (worst {worst:.3f} s CPU)")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
