"""What a format reader hands to the cleaner."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class RawDocument:
    text: str  # the readable text of the file, newlines normalised to "\n"; becomes Article.raw_text
    title: str = ""  # a title the format itself declares (HTML metadata, Word Title style, Markdown heading)
    outlet: str = ""
    published: date | None = None
    warnings: list[str] = field(default_factory=list)  # what the user should check ("encoding is a guess")


class ReadProblem(Exception):
    """A reader could not make sense of the bytes; the message completes "<file name>: ..."."""

    def __init__(self, problem: str, detail: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.detail = detail
