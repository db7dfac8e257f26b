"""What a decoded project must satisfy beyond its types, and what is repaired on opening with a note.

The codec checks each value's type; this checks how values fit together. Two kinds of finding:

- a **problem** refuses the file (``CheckProblem``), because any guess could show the user something the
  file does not say: a source outside its article, two articles or facts with one id, an unknown status;
- a **repair** changes what was read and adds a note the window shows: a template that is not installed
  falls back to the default, conflict notes and timeline entries naming a fact that is gone are left out, a
  participant listed twice is listed once, a status in capitals is lower-cased.

A few values are kept as they are and only noted: a classification this version does not know prints as
UNCLASSIFIED, as it would if typed in the memo panel. Sections are free text (``resources/topics.yaml``
may differ between installations), so an unknown one is kept and shown under its own name.
The rules are listed in docs/project-format.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.domain import Briefing
from app.domain.model import FACT_STATUSES
from app.memo.text import known_classification
from app.shared.paths import resource_path

DEFAULT_TEMPLATE = "information-memo"  # app.memo.template's default, without importing YAML at start-up


class CheckProblem(ValueError):
    """The briefing cannot be shown as the file says; ``str()`` names the entry: "briefing.facts[3]...: ..."."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where, self.problem = where, problem


@dataclass
class Findings:
    notes: list[str] = field(default_factory=list)  # for the user, one sentence each
    repaired: bool = False  # the briefing now differs from the file (saving would change it)

    def repair(self, note: str) -> None:
        self.notes.append(note)
        self.repaired = True


def installed_templates() -> set[str]:
    """Template names are file stems in resources/templates: the name in a project is compared with them,
    never joined to a folder, so no name (``../../etc/passwd``) can point anywhere else."""
    try:
        return {p.stem for p in resource_path("templates").glob("*.yaml")}
    except OSError:
        return set()


def check_briefing(briefing: Briefing, where: str = "briefing") -> Findings:
    """Raise CheckProblem for the first problem; repair the rest in place and say what was done."""
    found = Findings()
    _check_articles(briefing, where)
    _check_facts(briefing, where, found)
    _check_references(briefing, where, found)
    _check_entities(briefing, where, found)
    _check_events(briefing, where)
    _check_memo(briefing, found)
    return found


def _check_articles(briefing: Briefing, where: str) -> None:
    first: dict[str, int] = {}
    for i, art in enumerate(briefing.articles):
        at = f"{where}.articles[{i}]"
        if art.id in first:
            raise CheckProblem(f"{at}.id", f"\"{_short(art.id)}\" is also the id of articles[{first[art.id]}]")
        first[art.id] = i
        for k, part in enumerate(art.removed):
            if part.start < -1:
                raise CheckProblem(f"{at}.removed[{k}].start", "is negative (-1 means \"place unknown\")")
            if part.start > len(art.raw_text):
                raise CheckProblem(f"{at}.removed[{k}].start",
                                   f"is past the end of the article's raw text (character {part.start}; "
                                   f"it has {len(art.raw_text)})")


def _check_facts(briefing: Briefing, where: str, found: Findings) -> None:
    lengths = {a.id: len(a.text) for a in briefing.articles}
    first: dict[str, int] = {}
    recased = 0
    for i, fact in enumerate(briefing.facts):
        at = f"{where}.facts[{i}]"
        if fact.id in first:
            raise CheckProblem(f"{at}.id", f"\"{_short(fact.id)}\" is also the id of facts[{first[fact.id]}]")
        first[fact.id] = i
        for k, span in enumerate(fact.sources):
            _check_span(f"{at}.sources[{k}]", fact.id, span.article_id, span.start, span.end, lengths)
        if fact.status not in FACT_STATUSES:
            status = fact.status.strip().lower()
            if status not in FACT_STATUSES:
                raise CheckProblem(f"{at}.status", f"\"{_short(fact.status)}\" is not a status this version "
                                                   f"knows ({', '.join(FACT_STATUSES[:-1])} or "
                                                   f"{FACT_STATUSES[-1]})")
            fact.status = status
            recased += 1
    if recased:
        found.repair(f"{_count(recased, 'status', 'statuses')} written in capitals or with spaces "
                     f"{'was' if recased == 1 else 'were'} read as lower case")


def _check_span(at: str, fact_id: str, article_id: str, start: int, end: int,
                lengths: dict[str, int], owner: str = "fact") -> None:
    fact = f"{owner} {_short(fact_id)}"
    if article_id not in lengths:
        raise CheckProblem(at, f"{fact} cites the article \"{_short(article_id)}\", which is not in the project")
    length = lengths[article_id]
    if start < 0:
        raise CheckProblem(at, f"starts before the beginning of its article ({fact}, character {start})")
    if end < start:
        raise CheckProblem(at, f"ends before it starts ({fact}, characters {start}-{end})")
    if start > length:
        raise CheckProblem(at, f"starts past the end of its article ({fact}, character {start}; the article "
                               f"has {length} characters)")
    if end > length:
        raise CheckProblem(at, f"ends past the end of its article ({fact}, character {end}; the article "
                               f"has {length} characters)")


def _check_events(briefing: Briefing, where: str) -> None:
    """An event's sources point into its articles like a fact's: one outside them is refused, not guessed."""
    lengths = {a.id: len(a.text) for a in briefing.articles}
    for i, event in enumerate(briefing.events):
        at = f"{where}.events[{i}]"
        for name, spans in event.sources.items():
            for k, span in enumerate(spans):
                _check_span(f"{at}.sources.{_short(name, 30)}[{k}]", event.id, span.article_id, span.start,
                            span.end, lengths, "event")
        for j, principal in enumerate(event.principals):
            for k, span in enumerate(principal.sources):
                _check_span(f"{at}.principals[{j}].sources[{k}]", event.id, span.article_id, span.start,
                            span.end, lengths, "event")


def _check_references(briefing: Briefing, where: str, found: Findings) -> None:
    """Conflicts and timeline entries name facts by id. Deleting a fact leaves them naming nothing; such
    references are left out, so a later fact given the same id does not inherit them."""
    ids = {f.id for f in briefing.facts}
    dropped_conflicts = 0
    for fact in briefing.facts:
        kept = [c for c in fact.conflicts if c.fact_id in ids and c.fact_id != fact.id]
        if len(kept) != len(fact.conflicts):
            dropped_conflicts += len(fact.conflicts) - len(kept)
            fact.conflicts = kept
    events = [e for e in briefing.timeline if e.fact_id in ids]
    dropped_events = len(briefing.timeline) - len(events)
    briefing.timeline = events
    parts = []
    if dropped_conflicts:
        parts.append(_count(dropped_conflicts, "note that sources differ", "notes that sources differ"))
    if dropped_events:
        parts.append(_count(dropped_events, "timeline entry", "timeline entries"))
    if parts:
        found.repair(f"{' and '.join(parts)} named facts that are not in the project and were left out")


def _check_entities(briefing: Briefing, where: str, found: Findings) -> None:
    seen: set[tuple[str, str]] = set()
    kept = []
    for entity in briefing.entities:
        key = (entity.type, entity.name)
        if key not in seen:
            seen.add(key)
            kept.append(entity)
    if len(kept) != len(briefing.entities):
        twice = len(briefing.entities) - len(kept)
        found.repair(f"{_count(twice, 'participant or name was', 'participants or names were')} listed "
                     f"twice; the first entry of each is kept")
        briefing.entities = kept


def _check_memo(briefing: Briefing, found: Findings) -> None:
    memo = briefing.memo
    name = memo.template.strip()
    if name and name not in installed_templates():
        found.repair(f"The memo template \"{_short(name)}\" is not installed; the memo uses the default "
                     f"template ({DEFAULT_TEMPLATE.replace('-', ' ')})")
        briefing.memo = replace(memo, template=DEFAULT_TEMPLATE)
    if not known_classification(memo.classification):
        found.notes.append(f"The classification \"{_short(memo.classification)}\" is not one this version "
                           f"knows; the memo is marked UNCLASSIFIED until you choose another")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _short(text: str, limit: int = 60) -> str:
    """A value quoted in a message: one line, not a page long."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
