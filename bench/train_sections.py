"""Train the section model from the labelled evaluation set and report how well it generalises.

    .venv/bin/python bench/train_sections.py [--no-write] [--epochs N]

Samples: every labelled fact of ``tests/data/eval_meetings`` (and of the seed labels), as the sentence the
pipeline extracted for it (the quote itself when extraction missed it), with its analyst section.
Reports section agreement in-sample and LEAVE-ONE-MEETING-OUT (train on every other meeting, score the one
held out: the honest figure for articles about a new meeting), next to keyword voting on the same samples.
Writes ``resources/section_model.json`` trained on everything.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import memo_eval  # noqa: E402

from app.extract import sections as model_mod  # noqa: E402
from app.extract.topics import default_taxonomy, tokens  # noqa: E402

Sample = tuple[str, str, str]  # meeting, sentence, section


def _sentence_for(briefing, label: memo_eval.Label) -> str:
    by_file = {Path(a.path).name: a for a in briefing.articles}
    article = by_file.get(label.article)
    if article is None:
        return label.quote
    fact = (memo_eval._phrase_match if label.phrases else memo_eval._span_match)(briefing, article, label)
    if fact is None:
        return label.quote
    for span in fact.sources:
        if span.article_id == article.id:
            return article.text[span.start:span.end]
    return fact.text


def collect() -> list[Sample]:
    from app.run.pipeline import build_briefing

    out: list[Sample] = []
    for folder in sorted(p for p in memo_eval.EVAL_DIR.iterdir() if p.is_dir()):
        labels, _ = memo_eval.read_labels(folder)
        briefing = build_briefing(sorted(folder.glob("*.txt"))).briefing
        out.extend((folder.name, _sentence_for(briefing, lb), lb.section) for lb in labels)
    seed_files = {k: next(iter(sorted(memo_eval.SEED_DIR.glob(f"*{k}*.txt"))), None) for k in memo_eval.SEED_LABELS}
    if all(seed_files.values()):
        import yaml

        briefing = build_briefing(sorted(seed_files.values())).briefing
        for kind, path in memo_eval.SEED_LABELS.items():
            for fact in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("facts") or []:
                phrases = tuple(memo_eval._norm(p) for p in fact.get("must_mention") or [])
                label = memo_eval.Label(seed_files[kind].name, "", fact["section"], phrases=phrases)
                sentence = _sentence_for(briefing, label)
                if sentence:
                    out.append(("seeds", sentence, fact["section"]))
    return out


def featurise(samples: list[Sample]) -> list[tuple[str, dict[str, float], str]]:
    tax = default_taxonomy()
    keys = tax.keys
    return [(m, model_mod.features(tokens(s), tax.section_hits(s), keys), y) for m, s, y in samples]


def agreement(model, rows) -> float:
    return sum(model.predict(f) == y for _, f, y in rows) / (len(rows) or 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true", help="report only, keep the shipped model")
    ap.add_argument("--epochs", type=int, default=20)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    samples = collect()
    rows = featurise(samples)
    keys = default_taxonomy().keys
    tax = default_taxonomy()
    print(f"{len(rows)} labelled facts from {len({m for m, _, _ in rows})} meetings "
          f"({time.perf_counter() - t0:.1f} s to extract); sections: {dict(Counter(y for _, _, y in rows))}")
    keyword = sum(tax.vote(s) == y for _, s, y in samples) / len(samples)
    full = model_mod.train([(f, y) for _, f, y in rows], keys, epochs=args.epochs)
    print(f"keyword voting agreement: {keyword:.3f}")
    print(f"model in-sample agreement: {agreement(full, rows):.3f}")
    right = total = 0
    for meeting in sorted({m for m, _, _ in rows}):
        train_rows = [(f, y) for m, f, y in rows if m != meeting]
        held = [r for r in rows if r[0] == meeting]
        fold = model_mod.train(train_rows, keys, epochs=args.epochs)
        ok = sum(fold.predict(f) == y for _, f, y in held)
        kw = sum(tax.vote(s) == y for m, s, y in samples if m == meeting)
        print(f"  held out {meeting:46} {ok / len(held):.2f} (keywords {kw / len(held):.2f}, n={len(held)})")
        right += ok
        total += len(held)
    print(f"model leave-one-meeting-out agreement: {right / total:.3f}")
    if not args.no_write:
        path = ROOT / "resources" / model_mod.MODEL_FILE
        path.write_text(json.dumps(full.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size / 1024:.0f} KB, {len(full.weights)} features)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
