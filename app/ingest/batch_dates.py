"""A wire dateline without a year ("TOKYO, July 29 (Kyodo) -") dated from the other articles of the batch.

Wire copy often gives only month and day. Alone, such an article has no publication date, so "on Monday"
or "in March" in it cannot be dated. Beside articles about the same meeting whose dates are known, the
year is the one that puts that day nearest to their median date, if within WINDOW_DAYS of it (a batch
spread over years gives no answer).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from app.domain.model import Article

from .cleaning import DATELINE
from .dates import month_and_day

WINDOW_DAYS = 60


def date_from_batch(articles: Sequence[Article], others: Iterable[Article] = ()) -> None:
    """Give each of ``articles`` that has no publication date but a dateline's month and day the nearest
    such date to the batch's (``articles`` and ``others``)."""
    known = sorted(a.published for a in (*articles, *others) if a.published is not None)
    if not known:
        return
    for art in articles:
        if art.published is not None:
            continue
        for part in art.removed:
            found = month_and_day(part.text) if part.reason == DATELINE else None
            if found is not None:
                art.published = _nearest(*found, known)
                break


def _nearest(month: int, day: int, known: list[date]) -> date | None:
    middle = known[(len(known) - 1) // 2]  # the lower median: a date of the batch itself
    best: tuple[int, date] | None = None
    for year in (middle.year - 1, middle.year, middle.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February in a common year
            continue
        gap = abs((candidate - middle).days)
        if best is None or gap < best[0]:
            best = (gap, candidate)
    return best[1] if best is not None and best[0] <= WINDOW_DAYS else None
