"""A deterministic synthetic news corpus for the benchmarks: meeting reports with names, places,
numbers and dates in varied wording, plus the junk real pages carry (promos, counters, share lines,
bylines, photo credits, AI disclaimers, datelines, transcript labels, pasted-twice paragraphs) so
every cleaning path runs. Shared "event" sentences recur across articles so merging has work too.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

FIRST = """Antony Lloyd Yoko Minoru Shin Gilberto Richard Penny Marles Wong Ferdinand Jake Kurt Mira Ana
Hiroshi Takeshi Akiko Kenji Sung Min-ho Jae-won Ji-hye Maria Carlos Pierre Sophie Hans Olaf Anna
Priya Rajnath Subrahmanyam Nguyen Thi Lee Hyun Daniel Grace Helen Tomas Lukas Ingrid Ewa Piotr""".split()
FAMILY = """Blinken Austin Kamikawa Kihara Won-sik Teodoro Marles Wong Manalo Sullivan Campbell Hayashi
Kishida Ishiba Motegi Yamada Tanaka Suzuki Cho Park Kim Yoon Lee Santos Reyes Dubois Martin Schmidt
Weber Kowalski Nowak Singh Jaishankar Tran Pham Okafor Haddad Novak Larsen Costa Silva Moreau""".split()
ROLES = ["Defense Minister", "Foreign Minister", "Secretary of State", "Secretary of Defense",
         "Prime Minister", "Deputy Foreign Minister", "National Security Adviser", "Chief Cabinet Secretary",
         "Vice Minister", "Ambassador", "Chief of Staff", "Admiral", "General", "Spokesperson"]
COUNTRIES = ["Japan", "the United States", "South Korea", "the Philippines", "Australia", "India",
             "Vietnam", "Indonesia", "France", "Germany", "the United Kingdom", "Canada", "Poland", "Italy"]
ADJ = ["Japanese", "American", "South Korean", "Philippine", "Australian", "Indian", "Vietnamese",
       "Indonesian", "French", "German", "British", "Canadian", "Polish", "Italian"]
PLACES = ["Tokyo", "Washington", "Seoul", "Manila", "Canberra", "New Delhi", "Hanoi", "Jakarta", "Paris",
          "Berlin", "London", "Ottawa", "Warsaw", "Rome", "Yokota", "Hawaii", "Okinawa", "Guam", "Busan",
          "Singapore", "Honolulu", "Darwin", "Subic Bay", "Brussels"]
ORGS = ["U.S. Forces Japan", "Indo-Pacific Command", "the Joint Operations Command", "NATO", "ASEAN",
        "the Quad", "the Self-Defense Forces", "the Pentagon", "the Foreign Ministry", "the coast guard",
        "the Defense Ministry", "the National Security Council", "the European Union", "the G7"]
SYSTEMS = ["PAC-3 missiles", "Tomahawk missiles", "AMRAAM missiles", "SM-6 interceptors", "F-35 fighters",
           "patrol boats", "radar systems", "drones", "destroyers", "howitzers", "coastal radars"]
TOPICS = ["command and control", "missile co-production", "extended deterrence", "maritime security",
          "supply chains", "cyber defense", "space cooperation", "intelligence sharing", "export controls",
          "defense industrial cooperation", "regional stability", "disaster relief"]
THREATS = ["China's maritime activities", "North Korea's missile launches", "Russia's war in Ukraine",
           "gray-zone coercion", "cyberattacks on critical infrastructure", "drills near Taiwan"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

TEMPLATES = [
    "{role} {name} met {role2} {name2} in {place} on {day} to discuss {topic}.",
    "{adj} {role} {name} said the two countries would deepen cooperation on {topic}.",
    "The ministers agreed to expand {topic} and to hold the next round of talks in {place} in {month}.",
    "{country} plans to buy {n} {system} for ${money} billion over the next {years} years.",
    "{country} will provide {n} {system} to {country2} by {month} {year}, officials said.",
    "Officials are expected to announce a new framework for {topic} later this month.",
    "{name} told reporters that {threat} posed the greatest challenge to the region.",
    "The talks, the {ordinal} of their kind since {year0}, focused on {topic} and {topic2}.",
    "{org} is set to be upgraded to a joint force headquarters by {month} {year}.",
    "Analysts believe the agreement could reshape {topic} across the region.",
    "{name2} would most likely continue the current approach to {topic}, according to experts.",
    "In {month} {year0}, {country} and {country2} signed a memorandum on {topic}.",
    "The {adj} delegation, led by {name}, arrived in {place} on {day} evening.",
    "Both sides condemned {threat} and called for restraint.",
    "The budget for {topic} rose {pct} percent to ${money} billion this year.",
    "{org} will coordinate closely with {org2} under the new arrangement.",
    "According to {name}, the allies aim to finish the review of {topic} before {month}.",
    "{role} {name} and {role2} {name2} also discussed {threat} during a working lunch.",
    "{country} has stationed about {n},000 troops in {place} since {year0}.",
    "A joint statement issued after the meeting stressed the importance of {topic}.",
    "The meeting in {place} lasted {hours} hours and ended with a press conference.",
    "{name} said {country} was ready to share more data on {threat} with its partners.",
    "Critics argue that the plan for {topic} is too costly for {country}.",
    "The two governments did not reach an agreement on {topic2}, a senior official said.",
    "Next {month}, {country} will host a trilateral meeting with {country2} and {country3}.",
    "Some {n} personnel from {org} took part in the exercise near {place} in {month}.",
    "The minister noted that {topic} had improved markedly since the {ordinal} meeting in {year0}.",
    "{adj} officials may have different views on the pace of {topic}.",
    "{country} and {country2} reaffirmed their commitment to a free and open Indo-Pacific.",
    "{name}, who took office in {month} {year0}, is making his {ordinal} visit to {place}.",
]
BOILERPLATE = [
    "Don't forget to catch all the action live and free on Channel {n} and {n}Now.",
    "[This article has been trending and was generated with AI from several sources.]",
    "Subscribe to our newsletter for the latest defense news.",
    "Follow us on Twitter and Facebook",
    "Share this article",
    "Facebook Twitter Email",
    "{n} comments",
    " 0",
    "Photo: Reuters",
    "(AP Photo/Eugene Hoshiko)",
    "By {name} and {name2}, Associated Press",
    "Reporting by {name}; Editing by {name2}",
    "© {year} Reuters. All rights reserved.",
    "Read more: {country} and {country2} hold talks on {topic}",
    "ADVERTISEMENT",
    "5 min read",
]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]


class _Filler:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(FAMILY)}"

    def values(self, when: date) -> dict[str, object]:
        r = self.rng
        c = r.sample(range(len(COUNTRIES)), 3)
        return {
            "name": self.person(), "name2": self.person(), "role": r.choice(ROLES), "role2": r.choice(ROLES),
            "adj": ADJ[c[0]], "country": COUNTRIES[c[0]], "country2": COUNTRIES[c[1]],
            "country3": COUNTRIES[c[2]], "place": r.choice(PLACES), "day": DAYS[when.weekday()],
            "topic": r.choice(TOPICS), "topic2": r.choice(TOPICS), "threat": r.choice(THREATS),
            "org": r.choice(ORGS), "org2": r.choice(ORGS), "system": r.choice(SYSTEMS),
            "n": r.randint(2, 900), "money": f"{r.randint(1, 90) / 10:.1f}", "years": r.randint(2, 15),
            "month": r.choice(MONTHS), "year": when.year + r.randint(0, 2),
            "year0": when.year - r.randint(1, 30),
            "ordinal": r.choice(ORDINALS), "pct": r.randint(2, 40), "hours": r.randint(2, 9),
        }

    def sentence(self, when: date) -> str:
        text = self.rng.choice(TEMPLATES).format(**self.values(when))
        return text[:1].upper() + text[1:]


def make_article(i: int, rng: random.Random, events: list[str], words: int = 700) -> str:
    """One article of about ``words`` words (body; boilerplate lines come on top)."""
    fill = _Filler(rng)
    when = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
    v = fill.values(when)
    lines = [f"{v['country']} and {v['country2']} agree to deepen {v['topic']} at talks in {v['place']}"]
    if rng.random() < 0.5:
        lines.append(f"{MONTHS[when.month - 1]} {when.day}, {when.year}")
    if rng.random() < 0.4:
        lines.append(rng.choice(BOILERPLATE).format(**v))
    paragraphs: list[str] = []
    count = 0
    transcript = rng.random() < 0.15
    while count < words:
        n = rng.randint(2, 5)
        sentences = [fill.sentence(when) for _ in range(n)]
        if rng.random() < 0.3:
            sentences[rng.randrange(n)] = rng.choice(events)  # a claim other articles carry too
        para = " ".join(sentences)
        if transcript and rng.random() < 0.5:
            speaker = rng.choice(["SECRETARY", "MINISTER", "MODERATOR", "Q"])
            note = " (Via interpreter)" if rng.random() < 0.3 else ""
            para = f"{speaker} {rng.choice(FAMILY).upper()}:{note} {para}" if speaker != "Q" else f"Q: {para}"
        paragraphs.append(para)
        count += len(para.split())
        if rng.random() < 0.15:
            paragraphs.append(rng.choice(BOILERPLATE).format(**fill.values(when)))
    if paragraphs:
        wire = f"{v['place'].upper()}, {MONTHS[when.month - 1]} {when.day} (Reuters) - "
        paragraphs[0] = wire + paragraphs[0]
    if rng.random() < 0.3 and len(paragraphs) > 6:
        start = rng.randrange(1, len(paragraphs) - 4)
        paragraphs.extend(paragraphs[start:start + 4])  # pasted twice, as scraped pages often are
    lines.extend(paragraphs)
    lines.append(BOILERPLATE[rng.randrange(len(BOILERPLATE))].format(**v))
    return "\n\n".join(lines) + "\n"


def write_corpus(folder: Path, articles: int = 1000, words: int = 700, seed: int = 1) -> tuple[int, int]:
    """Write ``articles`` .txt files into ``folder``; returns (files, words written)."""
    rng = random.Random(seed)
    fill = _Filler(rng)
    events = [fill.sentence(date(2024, 7, 28)) for _ in range(300)]
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(articles):
        text = make_article(i, rng, events, words)
        total += len(text.split())
        (folder / f"article_{i:04d}.txt").write_text(text, encoding="utf-8")
    return articles, total


def long_article(chars: int, seed: int = 1) -> str:
    """One article of exactly ``chars`` characters: corpus articles run together (headlines, datelines,
    boilerplate and pasted-twice paragraphs included), as a very long page or transcript would read."""
    rng = random.Random(seed)
    fill = _Filler(rng)
    events = [fill.sentence(date(2024, 7, 28)) for _ in range(300)]
    parts: list[str] = []
    size = 0
    while size < chars:
        parts.append(make_article(len(parts), rng, events))
        size += len(parts[-1]) + 2
    return "\n\n".join(parts)[:chars]


def dense_facts(chars: int, seed: int = 2) -> str:
    """``chars`` characters of nothing but short fact sentences (a country, a number, a system, a person,
    a place), four to a paragraph: the most facts, and so the biggest memo, a text of this size can give."""
    rng = random.Random(seed)
    lines: list[str] = []
    size = 0
    while size < chars:
        lines.append(f"{rng.choice(COUNTRIES)} will buy {rng.randint(2, 900)} {rng.choice(SYSTEMS)} from "
                     f"{rng.choice(COUNTRIES)}, {rng.choice(FIRST)} {rng.choice(FAMILY)} said in "
                     f"{rng.choice(PLACES)}.")
        if len(lines) % 5 == 4:
            lines.append("")
        size += len(lines[-1]) + 1
    text = "\n".join(lines)[:chars]
    return text[: text.rfind(".") + 1].ljust(chars)  # end on a whole sentence, still ``chars`` long


def word_lines(chars: int, seed: int = 3) -> str:
    """``chars`` characters of one-word lines: the most lines, and so the most work per line."""
    rng = random.Random(seed)
    words = ["alpha", "beta", "gamma", "delta", "Tokyo", "ministers", "agreed", "talks"]
    return "\n".join(rng.choice(words) for _ in range(chars // 5))[:chars].ljust(chars, "x")
