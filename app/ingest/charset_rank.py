"""Rank every candidate reading of a file's bytes, cheapest first, by the costs of ``charset_scores``.

Each reading is judged on a sample: the words that hold non-ASCII bytes (where encodings differ), up to
``SAMPLE_BYTES``; UTF-16 on the start of the file itself. ``ratio`` (cost per non-ASCII byte, or per
character for UTF-16) tells how well the best one fits.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

from .alphabets import identify_language
from .charset_scores import UNWRITTEN_LETTER, cjk_cost, page_letters, single_byte_cost, wide_cost
from .charsets import CANDIDATES, MULTI_BYTE, SINGLE_BYTE, UTF16

SAMPLE_BYTES = 32 * 1024


@dataclass(frozen=True)
class Reading:
    codec: str
    cost: float
    evidence: int  # non-ASCII bytes judged (characters, for UTF-16)
    sample: str  # the judged sample as this codec reads it

    @property
    def ratio(self) -> float:
        return self.cost / max(self.evidence, 1)

    @property
    def wide(self) -> bool:
        """Judged on its own sample (UTF-16), not on the words with non-ASCII bytes."""
        return self.codec in UTF16


_HIGH = re.compile(rb"[\x80-\xff]")
_ASCII_WORD = re.compile(rb"(?<![a-z\x80-\xff])[a-z]+(?![a-z\x80-\xff])")
_SPACED = re.compile(rb"[\x80-\xff] (?=[\x80-\xff])")  # words apart: Korean does it, Chinese and Japanese not
# Bytes that end a word and never continue a multi-byte character (trail bytes are 0x40 and up, or digits).
_BOUNDARY = re.compile(rb"[\x00-\x2f\x3a-\x3f]")
_LAST_BOUNDARY = re.compile(rb"[\x00-\x2f\x3a-\x3f](?=[^\x00-\x2f\x3a-\x3f]*\Z)")


def sample_words(data: bytes) -> bytes:
    """The words that hold non-ASCII bytes, in file order, joined by spaces, at most SAMPLE_BYTES.

    Each word starts after a byte that cannot be inside a multi-byte character, so every codec reads it
    from a character's first byte; only the very end may cut a character."""
    parts: list[bytes] = []
    size, pos, end = 0, 0, len(data)
    while size < SAMPLE_BYTES:
        m = _HIGH.search(data, pos)
        if m is None:
            break
        i = m.start()
        back = _LAST_BOUNDARY.search(data, max(pos, i - 64), i)
        start = back.end() if back else i
        stop = _BOUNDARY.search(data, i)
        pos = stop.start() if stop else end
        parts.append(data[start:pos])
        size += pos - start + 1
    return b" ".join(parts)[:SAMPLE_BYTES]


def high_byte_counts(sample: bytes) -> dict[int, int]:
    return {b: sample.count(b) for b in set(sample) if b >= 0x80}


def rank(data: bytes, sample: bytes, extra: tuple[str, ...] = ()) -> list[Reading]:
    """Every candidate reading of ``data`` that decodes, cheapest first (ties: the more common codec)."""
    counts = high_byte_counts(sample)
    evidence = sum(counts.values())
    final = len(sample) < SAMPLE_BYTES  # the whole sample: a character cut at its end is an error
    language = identify_language(_ASCII_WORD.findall(data[: 2 * SAMPLE_BYTES].lower()))
    single = []
    for codec in SINGLE_BYTE + tuple(c for c in extra if c not in SINGLE_BYTE and _is_single_byte(c)):
        judged = single_byte_cost(sample, counts, codec, language)
        if judged is not None:
            single.append((codec, judged))
    least_unwritten = min((j.unwritten for codec, j in single if page_letters(codec).latin), default=0)
    readings = [Reading(codec, j.cost + UNWRITTEN_LETTER * max(j.unwritten - least_unwritten, 0), evidence,
                        sample.decode(codec)) for codec, j in single]
    spaced = len(_SPACED.findall(data, 0, SAMPLE_BYTES))
    for codec in MULTI_BYTE:
        text = _decode_start(sample, codec, final)
        if text is not None:
            readings.append(Reading(codec, cjk_cost(text, codec, spaced), evidence, text))
    if len(data) % 2 == 0:
        head = data[:SAMPLE_BYTES]
        for codec in UTF16:
            text = _decode_start(head, codec, len(head) == len(data))
            if text:
                readings.append(Reading(codec, wide_cost(text), len(text), text))
    order = {codec: i for i, codec in enumerate((*extra, *CANDIDATES))}
    return sorted(readings, key=lambda r: (round(r.ratio, 6), order.get(r.codec, len(order))))


def _decode_start(data: bytes, codec: str, final: bool) -> str | None:
    """``data`` decoded strictly; unless ``final``, a character cut off at the end is left out."""
    try:
        return codecs.getincrementaldecoder(codec)().decode(data, final=final)
    except UnicodeDecodeError:
        return None


@cache
def _is_single_byte(codec: str) -> bool:
    try:
        return len(bytes(range(256)).decode(codec, "replace")) == 256
    except LookupError:
        return False
