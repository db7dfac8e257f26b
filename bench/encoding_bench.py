"""Text decoding benchmark: how fast ``decode_bytes`` is, and how often it gets the text right.

    .venv/bin/python bench/encoding_bench.py [--runs N]

Prints the best time of ``decode_bytes`` on the sample articles, on the 1,000-article benchmark corpus
(all files, as ``extract_bench.py`` reads them) and on 2 MB texts in several encodings, then how many of the
test texts in ``tests/data/encodings`` (each language in its legacy code page, UTF-8 and UTF-16 with and
without a BOM) come back exactly.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import write_corpus  # noqa: E402

from app.ingest.document import ReadProblem  # noqa: E402
from app.ingest.encoding import decode_bytes  # noqa: E402

TEXTS = ROOT / "tests" / "data" / "encodings"
LEGACY = {"pl": ["cp1250"], "cs": ["cp1250"], "hu": ["cp1250"], "fr": ["cp1252"], "de": ["cp1252"],
          "es": ["cp1252"], "en": ["cp1252"], "ru": ["cp1251"], "uk": ["cp1251"], "bg": ["cp1251"],
          "ja": ["cp932", "euc_jp"], "ko": ["euc_kr"], "zh": ["gb18030"]}
UNICODE = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]
TWO_MB = 2 * 1024 * 1024


def best_of(runs: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def two_mb(lang: str, encoding: str) -> bytes:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(TEXTS.glob(f"{lang}-*.txt")))
    data = text.encode(encoding)
    return (data * (TWO_MB // len(data) + 1))[: TWO_MB - TWO_MB % 2]


def _decode_or_none(data: bytes) -> str | None:
    try:
        return decode_bytes(data)
    except ReadProblem:
        return None


def accuracy() -> tuple[int, int, list[str]]:
    right, total, wrong = 0, 0, []
    for path in sorted(TEXTS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for encoding in LEGACY[path.name[:2]] + UNICODE:
            total += 1
            got = _decode_or_none(text.encode(encoding))
            if got == text:
                right += 1
            else:
                wrong.append(f"{path.name} {encoding}")
    return right, total, wrong


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = args.runs

    seeds = [p.read_bytes() for p in sorted((ROOT / "seeds").glob("*.txt"))]
    t = best_of(runs, lambda: [decode_bytes(d) for d in seeds])
    print(f"seeds ({len(seeds)} files, {sum(map(len, seeds)) / 1024:.0f} KB): {t * 1000:.2f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), 1000, 700)
        corpus = [p.read_bytes() for p in sorted(Path(tmp).glob("*.txt"))]
    t = best_of(runs, lambda: [decode_bytes(d) for d in corpus])
    print(f"benchmark corpus ({len(corpus)} files, {sum(map(len, corpus)) / 1e6:.1f} MB): {t * 1000:.1f} ms")

    for lang, encoding in (("en", "utf-8"), ("fr", "utf-8"), ("fr", "cp1252"), ("pl", "cp1250"),
                           ("ru", "cp1251"), ("ja", "cp932"), ("ja", "utf-16-le"), ("zh", "gb18030")):
        data = two_mb(lang, encoding)
        t = best_of(runs, lambda data=data: _decode_or_none(data))
        note = "" if _decode_or_none(data) is not None else " (refused as binary)"
        print(f"2 MB {lang} {encoding}: {t * 1000:.1f} ms{note}")

    right, total, wrong = accuracy()
    print(f"test texts decoded exactly: {right} of {total}")
    for line in wrong:
        print(f"  wrong: {line}")


if __name__ == "__main__":
    main()
