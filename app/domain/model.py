"""Articles, facts and the briefing that holds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

DEFAULT_CLASSIFICATION = "UNCLASSIFIED"
FACT_STATUSES = ("reported", "expected", "opinion")  # what a source says happened / will happen / thinks


@dataclass(frozen=True)
class SourceSpan:
    """``article.text[start:end]`` is the sentence a fact was drawn from."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class RemovedPart:
    """A piece of the raw text the cleaner dropped, with why, so it can be restored."""

    text: str
    reason: str
    start: int = -1  # offset in Article.raw_text, -1 when unknown


@dataclass
class Article:
    id: str
    path: str
    title: str
    text: str  # cleaned text: every SourceSpan indexes into this
    outlet: str = ""
    published: date | None = None
    removed: list[RemovedPart] = field(default_factory=list)
    raw_text: str = ""
    warnings: list[str] = field(default_factory=list)  # what to check when reading it, one sentence each

    def span_text(self, span: SourceSpan) -> str:
        return self.text[span.start : span.end]


@dataclass(frozen=True)
class Mention:
    """An entity, number or amount named in a fact: ``value`` is its canonical form."""

    text: str
    type: str  # person | organisation | country | place | system | money | quantity | ...
    value: str = ""


@dataclass(frozen=True)
class DateMention:
    """A date phrase in a fact, normalised: value "2024-07-28", "2024-07" or "2024" by granularity."""

    text: str
    value: str
    granularity: str  # day | month | year


@dataclass(frozen=True)
class Conflict:
    """This fact disagrees with ``fact_id`` (another source); ``reason`` says how, in one line."""

    fact_id: str
    reason: str


@dataclass
class Entity:
    """One real-world person, organisation, place or system across all its name variants."""

    type: str
    name: str
    role: str = ""
    country: str = ""
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    native_name: str = ""  # e.g. 木原稔 for Minoru Kihara, when known
    included: bool = True  # shown in the memo's participants table


@dataclass(frozen=True)
class TimelineEvent:
    date: str  # same form as DateMention.value
    granularity: str
    text: str
    fact_id: str


@dataclass
class Fact:
    id: str
    text: str
    section: str
    score: float = 0.0
    included: bool = True
    sources: list[SourceSpan] = field(default_factory=list)
    status: str = "reported"  # reported | expected | opinion
    entities: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    # The memo's wording of the fact ("" until drafted: the memo then prints ``text``, the source wording).
    memo_text: str = ""
    memo_edited: bool = False  # the analyst wrote memo_text: no redraft ever rewrites it
    needs_context: bool = False  # opens with a reference the memo cannot resolve: unticked by default

    def memo_wording(self) -> str:
        return self.memo_text or self.text


EVENT_KINDS = ("two_plus_two", "ministerial", "summit", "bilateral", "trilateral", "multilateral",
               "press_conference", "visit", "call", "meeting")
EVENT_STATUSES = ("happened", "upcoming")


@dataclass
class Principal:
    """A person taking part in an event, with the role and country the entities give."""

    name: str
    role: str = ""
    country: str = ""
    sources: list[SourceSpan] = field(default_factory=list)


@dataclass
class Event:
    """A meeting the articles are about. ``sources`` maps a field name ("kind", "parties", "place",
    "date", "status", "principals") to the sentences it was read from, so every field is traceable."""

    id: str
    kind: str = "meeting"  # one of EVENT_KINDS
    name: str = ""  # the meeting's own name when the texts give one: "Security Consultative Committee"
    parties: list[str] = field(default_factory=list)  # countries and organisations, e.g. ["United States", "Japan"]
    principals: list[Principal] = field(default_factory=list)
    place: str = ""
    date: str = ""  # same form as DateMention.value: "2024-07-28", "2024-07" or ""
    status: str = "happened"  # one of EVENT_STATUSES
    main: bool = False  # the event the briefing is about (exactly one when any)
    fact_ids: list[str] = field(default_factory=list)  # facts that report on it
    sources: dict[str, list[SourceSpan]] = field(default_factory=dict)


@dataclass
class MemoMeta:
    to: str = ""
    sender: str = ""  # the memo's FROM line ("from" is a keyword)
    date: date | None = None
    subject: str = ""
    classification: str = DEFAULT_CLASSIFICATION
    template: str = "information-memo"
    through: str = ""  # optional THROUGH line of the memo header
    summary: str = ""  # the BLUF / summary the user wrote; empty means draft it from the top facts


@dataclass
class Briefing:
    articles: list[Article] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    memo: MemoMeta = field(default_factory=MemoMeta)
    entities: list[Entity] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def main_event(self) -> Event | None:
        for event in self.events:
            if event.main:
                return event
        return self.events[0] if self.events else None

    def article(self, article_id: str) -> Article | None:
        for art in self.articles:
            if art.id == article_id:
                return art
        return None

    def included_facts(self) -> list[Fact]:
        return [f for f in self.facts if f.included]
