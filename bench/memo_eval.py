"""Memo evaluation on real articles: each meeting folder of ``tests/data/eval_meetings`` through the real
pipeline, scored against the analyst's labels (format: that folder's README.md).

    .venv/bin/python bench/memo_eval.py [--meeting NAME] [--json] [--no-pdf]

Per meeting and overall: labelled facts FOUND (an extracted fact's source span in that article overlaps the
quote), section agreement over found facts and over all labelled facts, TICKED recall (found and included by
default), COVERED (ticked, or a ticked fact from another text is a near-duplicate of it: the memo says it
once), OUTCOMES (covered share of the labels marked ``outcome: true``), boilerplate lines that reached the
default memo (exported to PDF with the app's renderer and read back with pypdf) and the PDF's page count. The
two seed articles are scored too, from their ``tests/data/eval_seed_*.yaml`` labels (a fact there is found
when one extracted fact holds every ``must_mention`` phrase).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EVAL_DIR = ROOT / "tests" / "data" / "eval_meetings"
SEED_DIR = ROOT / "seeds"
SEED_LABELS = {"preview": ROOT / "tests/data/eval_seed_preview.yaml",
               "report": ROOT / "tests/data/eval_seed_report.yaml"}
MIN_BOILERPLATE_CHARS = 6  # shorter lines ("-", "57º") would be found in any memo by chance


@dataclass
class Label:
    article: str  # file name of the text
    quote: str
    section: str
    start: int = -1  # in the text as read from disk; -1 for phrase-only (seed) labels
    end: int = -1
    phrases: tuple[str, ...] = ()  # seed labels: every phrase must be in one fact
    outcome: bool = False  # agreed/announced/signed at the meeting (the label file's ``outcome: true``)


@dataclass
class Score:
    name: str
    labelled: int = 0
    found: int = 0
    agree: int = 0
    ticked: int = 0
    covered: int = 0  # ticked, or a ticked fact from another text says the same (the memo carries it)
    outcomes: int = 0
    outcomes_covered: int = 0
    boilerplate: int = 0
    boilerplate_seen: int = 0
    pages: int | None = None
    misses: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)

    def rates(self) -> dict[str, float]:
        n = self.labelled or 1
        return {"found": self.found / n, "section_found": self.agree / (self.found or 1),
                "section_all": self.agree / n, "ticked": self.ticked / n, "covered": self.covered / n,
                "outcomes": self.outcomes_covered / (self.outcomes or 1)}


def read_labels(folder: Path) -> tuple[list[Label], list[str]]:
    """Labels and boilerplate lines of every text in one meeting folder."""
    labels: list[Label] = []
    boiler: list[str] = []
    for meta in sorted(folder.glob("[0-9]*.yaml")):
        text = meta.with_suffix(".txt").read_text(encoding="utf-8")
        data = yaml.safe_load(meta.read_text(encoding="utf-8")) or {}
        for fact in data.get("facts") or []:
            start = text.find(fact["quote"])
            labels.append(Label(meta.with_suffix(".txt").name, fact["quote"], fact["section"], start,
                                start + len(fact["quote"]) if start >= 0 else -1,
                                outcome=bool(fact.get("outcome"))))
        boiler.extend(str(line) for line in data.get("boilerplate") or [])
    return labels, boiler


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def match(briefing, labels: list[Label], score: Score) -> None:
    """Count found / agreeing / ticked labels against the briefing's facts."""
    from app.memo.selection import near_duplicate, signature

    by_file = {Path(a.path).name: a for a in briefing.articles}
    ticked = [signature(f.memo_wording()) for f in briefing.facts if f.included]
    for label in labels:
        score.labelled += 1
        score.outcomes += label.outcome
        article = by_file.get(label.article)
        best = None
        if article is not None:
            if label.phrases:
                best = _phrase_match(briefing, article, label)
            else:
                best = _span_match(briefing, article, label)
        if best is None:
            score.misses.append(f"{label.article}: {label.quote[:70]}")
            continue
        score.found += 1
        score.ticked += bool(best.included)
        covered = best.included or any(near_duplicate(signature(best.memo_wording()), t) for t in ticked)
        score.covered += covered
        score.outcomes_covered += covered and label.outcome
        if best.section == label.section:
            score.agree += 1
        else:
            score.disagreements.append(f"{label.section} <- {best.section}: {label.quote[:60]}")


def _span_match(briefing, article, label: Label):
    # Spans index the cleaned text; the quote is located there (cleaning keeps sentence wording).
    start = article.text.find(label.quote)
    if start < 0:
        return None
    end = start + len(label.quote)
    for fact in briefing.facts:
        for span in fact.sources:
            if span.article_id == article.id and span.start < end and start < span.end:
                return fact
    return None


def _phrase_match(briefing, article, label: Label):
    for fact in briefing.facts:
        for span in fact.sources:
            if span.article_id != article.id:
                continue
            said = _norm(article.text[span.start:span.end])
            if all(p in said for p in label.phrases):
                return fact
    return None


def memo_text(briefing, tmp: Path) -> tuple[str, int | None]:
    """The default memo exported to PDF by the app's renderer, read back as text."""
    from pypdf import PdfReader

    from app.render import export_memo

    result = export_memo(briefing, tmp / "memo.pdf")
    reader = PdfReader(str(result.path))
    return "\n".join(page.extract_text() or "" for page in reader.pages), result.pages


def score_boilerplate(text: str, boiler: list[str], score: Score, labels: list[Label] = ()) -> None:
    memo = _norm(text)
    kept = [_norm(label.quote) for label in labels]
    for line in boiler:
        if len(line.strip()) < MIN_BOILERPLATE_CHARS:
            continue
        if any(_norm(line) in quote for quote in kept):
            continue  # a dateline's place name ("San Francisco") that a kept fact says too proves nothing
        score.boilerplate += 1
        if _norm(line) in memo:
            score.boilerplate_seen += 1
            score.leaks.append(line)


def evaluate_folder(folder: Path, pdf: bool = True) -> Score:
    from app.run.pipeline import build_briefing

    labels, boiler = read_labels(folder)
    briefing = build_briefing(sorted(folder.glob("*.txt"))).briefing
    score = Score(folder.name)
    match(briefing, labels, score)
    if pdf:
        with tempfile.TemporaryDirectory() as tmp:
            text, score.pages = memo_text(briefing, Path(tmp))
        score_boilerplate(text, boiler, score, labels)
    return score


def evaluate_seeds(pdf: bool = True) -> Score | None:
    from app.run.pipeline import build_briefing

    files = {kind: next(iter(sorted(SEED_DIR.glob(f"*{kind}*.txt"))), None) for kind in SEED_LABELS}
    if not all(files.values()) or not all(p.exists() for p in SEED_LABELS.values()):
        return None
    labels = []
    for kind, path in SEED_LABELS.items():
        for fact in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("facts") or []:
            phrases = tuple(_norm(p) for p in fact.get("must_mention") or [])
            labels.append(Label(files[kind].name, fact.get("id", ""), fact["section"], phrases=phrases))
    briefing = build_briefing(sorted(files.values())).briefing
    score = Score("seeds")
    match(briefing, labels, score)
    if pdf:
        with tempfile.TemporaryDirectory() as tmp:
            _, score.pages = memo_text(briefing, Path(tmp))
    return score


def total(scores: list[Score]) -> Score:
    out = Score("overall")
    for s in scores:
        for name in ("labelled", "found", "agree", "ticked", "covered", "outcomes", "outcomes_covered",
                     "boilerplate", "boilerplate_seen"):
            setattr(out, name, getattr(out, name) + getattr(s, name))
    return out


def _row(s: Score) -> str:
    r = s.rates()
    pages = "-" if s.pages is None else str(s.pages)
    return (f"{s.name:48} {s.labelled:4} {r['found']:6.2f} {r['section_found']:7.2f} {r['section_all']:7.2f} "
            f"{r['ticked']:6.2f} {r['covered']:7.2f} {r['outcomes']:8.2f} {s.boilerplate_seen:3}/{s.boilerplate:<3} "
            f"{pages:>5}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meeting", help="one meeting folder name")
    ap.add_argument("--json", action="store_true", help="print machine-readable totals")
    ap.add_argument("--no-pdf", action="store_true", help="skip the memo export (boilerplate, pages)")
    ap.add_argument("--verbose", action="store_true", help="list misses and section disagreements")
    args = ap.parse_args(argv)
    folders = sorted(p for p in EVAL_DIR.iterdir() if p.is_dir())
    if args.meeting:
        folders = [p for p in folders if p.name == args.meeting]
        if not folders:
            print(f"no meeting folder named {args.meeting}", file=sys.stderr)
            return 2
    scores = [evaluate_folder(f, not args.no_pdf) for f in folders]
    meetings_total = total(scores)
    seeds = None if args.meeting else evaluate_seeds(not args.no_pdf)
    if args.json:
        out = {"meetings": {s.name: {**s.rates(), **{k: v for k, v in asdict(s).items()
                                                      if k not in ("misses", "disagreements", "name")}}
                            for s in scores},
               "overall": {**meetings_total.rates(), "labelled": meetings_total.labelled,
                           "boilerplate_seen": meetings_total.boilerplate_seen,
                           "boilerplate": meetings_total.boilerplate}}
        if seeds is not None:
            out["seeds"] = {**seeds.rates(), "labelled": seeds.labelled, "pages": seeds.pages}
        print(json.dumps(out, indent=2))
        return 0
    print(f"{'meeting':48} {'lab':>4} {'found':>6} {'sec|fd':>7} {'sec|all':>7} {'ticked':>6} {'covered':>7} "
          f"{'outcomes':>8} {'boiler':>7} {'pages':>5}")
    for s in scores + [meetings_total] + ([seeds] if seeds else []):
        print(_row(s))
        if args.verbose:
            for line in s.misses:
                print("    miss   ", line)
            for line in s.disagreements:
                print("    section", line)
            for line in s.leaks:
                print("    leak   ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
