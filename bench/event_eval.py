"""Event-frame evaluation on real articles: is the main event of each meeting folder of
``tests/data/eval_meetings`` recognised as the analyst labelled it in ``meeting.yaml``?

    .venv/bin/python bench/event_eval.py [--verbose]

Per meeting: kind, parties (share of the labelled ones found), place (a labelled place word in the found
place), date, status, and principals: RECALL is the share of the people at the table (``principals``) that
the frame names, PRECISION the share of the frame's principals who took part (``principals`` or
``also_present``). Names match on their last word ("Zelenskiy" is Zelensky's transliteration: the first five
letters of the last word are compared).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL_DIR = ROOT / "tests" / "data" / "eval_meetings"
# the labelled kinds the frame's kinds stand for (the frame says "2+2" where an analyst writes two_plus_two)
KIND_OF = {"two_plus_two": {"two_plus_two", "2+2"}, "ministerial": {"ministerial", "foreign ministers",
           "defence ministers", "meeting"}}


def person_key(name: str) -> str:
    words = [w for w in name.replace(".", "").replace(",", "").split() if w.lower() not in ("jr", "sr", "ii", "iii")]
    return words[-1].lower()[:5] if words else ""


def score_folder(folder: Path) -> dict:
    from app.run.pipeline import build_briefing

    label = yaml.safe_load((folder / "meeting.yaml").read_text(encoding="utf-8"))
    briefing = build_briefing(sorted(folder.glob("*.txt"))).briefing
    event = briefing.main_event()
    row = {"meeting": folder.name, "event": event}
    if event is None:
        return row | {"kind": False, "parties": 0.0, "place": False, "date": False, "status": False,
                      "recall": 0.0, "precision": 0.0, "found": [], "missed": label.get("principals") or []}
    want = label.get("parties") or []
    row["kind"] = event.kind in KIND_OF.get(label["kind"], {label["kind"]})
    row["parties"] = sum(any(p.lower() in q.lower() or q.lower() in p.lower() for q in event.parties)
                         for p in want) / (len(want) or 1)
    place_words = {w.strip(",.").lower() for w in str(label.get("place", "")).split() if len(w) > 3}
    row["place"] = bool(event.place) and any(w in event.place.lower() for w in place_words)
    row["date"] = (event.date or "")[:10] == str(label.get("date", ""))[:10]
    row["status"] = event.status == label.get("status")
    table = {person_key(n) for n in label.get("principals") or []}
    present = table | {person_key(n) for n in label.get("also_present") or []}
    found = [p.name for p in event.principals]
    keys = {person_key(n) for n in found}
    row["recall"] = len(table & keys) / (len(table) or 1)
    row["precision"] = sum(person_key(n) in present for n in found) / (len(found) or 1)
    row["found"] = found
    row["missed"] = [n for n in label.get("principals") or [] if person_key(n) not in keys]
    row["wrong"] = [n for n in found if person_key(n) not in present]
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list missed and wrong principals")
    args = ap.parse_args(argv)
    rows = [score_folder(f) for f in sorted(p for p in EVAL_DIR.iterdir() if p.is_dir())]
    print(f"{'meeting':48} kind parties place date status  p.rec p.prec")
    for r in rows:
        ok = {k: "ok" if r[k] else "--" for k in ("kind", "place", "date", "status")}
        print(f"{r['meeting']:48} {ok['kind']:4} {r['parties']:7.2f} {ok['place']:5} {ok['date']:4} {ok['status']:6} "
              f"{r['recall']:6.2f} {r['precision']:6.2f}")
        if args.verbose:
            ev = r["event"]
            if ev is not None:
                print(f"    frame: {ev.kind} | {', '.join(ev.parties)} | {ev.place} | {ev.date} | {ev.status}")
            if r.get("missed"):
                print(f"    missed: {', '.join(r['missed'])}")
            if r.get("wrong"):
                print(f"    not at the table: {', '.join(r['wrong'])}")
    n = len(rows) or 1
    print(f"{'overall':48} {sum(r['kind'] for r in rows) / n:4.2f} {sum(r['parties'] for r in rows) / n:7.2f} "
          f"{sum(r['place'] for r in rows) / n:5.2f} {sum(r['date'] for r in rows) / n:4.2f} "
          f"{sum(r['status'] for r in rows) / n:6.2f} {sum(r['recall'] for r in rows) / n:6.2f} "
          f"{sum(r['precision'] for r in rows) / n:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
