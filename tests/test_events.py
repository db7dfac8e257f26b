"""The event frame: which meetings the articles are about, and what it drives in the memo."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from app import store
from app.domain import Event, SourceSpan
from app.memo.frame import event_subject, opening_line
from app.run.pipeline import build_briefing

ROOT = Path(__file__).resolve().parent.parent

QUAD = """Quad foreign ministers meet in Tokyo

TOKYO, July 29, 2024 - The foreign ministers of Australia, India, Japan and the United States met in Tokyo on \
Monday for the Quad foreign ministers' meeting.

U.S. Secretary of State Antony Blinken, Australian Foreign Minister Penny Wong, Indian External Affairs Minister \
Subrahmanyam Jaishankar and Japanese Foreign Minister Yoko Kamikawa attended the ministerial meeting.

The ministers agreed to expand maritime surveillance cooperation in the Indo-Pacific and announced a new coast \
guard training programme.
"""

SUMMIT_PREVIEW = """French and German leaders to hold summit next week

PARIS, May 10, 2024 - French President Emmanuel Macron and German Chancellor Olaf Scholz will meet next week in \
Berlin for a bilateral summit on European defence.

The two leaders are expected to discuss joint air defence procurement and support for Ukraine.

Officials said a declaration on defence industrial cooperation will be signed at the summit.
"""

CALL = """Albanese and Kishida discuss security in phone call

CANBERRA, March 5, 2024 - Australian Prime Minister Anthony Albanese held a phone call with Japanese Prime \
Minister Fumio Kishida on Tuesday.

During the phone call, the two leaders agreed to deepen defence cooperation and to hold joint exercises later \
this year.

Albanese said the partnership between Australia and Japan had never been stronger.
"""

VISIT_PREVIEW = """Indian leader to make first state visit to the US this month

NEW DELHI, June 8, 2023 - Officials told reporters on Wednesday that the state visit would include an address \
to Congress.

The White House confirmed on Wednesday that a dinner will be held during the state visit.

At the invitation of US President Joe Biden, Indian Prime Minister Narendra Modi will land in Washington on \
June 22 for the state visit.

The adviser said on Wednesday that the visit would deepen ties, ahead of Modi's June 22 state visit.
"""


def _briefing(tmp_path: Path, name: str, text: str):
    folder = tmp_path / name
    folder.mkdir()
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return build_briefing([folder]).briefing


@pytest.fixture(scope="module")
def seeds():
    return build_briefing([ROOT / "seeds"]).briefing


def _spans_hold(briefing, event: Event) -> None:
    texts = {a.id: a.text for a in briefing.articles}
    for spans in [*event.sources.values(), *(p.sources for p in event.principals)]:
        for s in spans:
            assert 0 <= s.start < s.end <= len(texts[s.article_id])


def test_seeds_main_event_is_the_two_plus_two(seeds):
    main = seeds.main_event()
    assert [e.main for e in seeds.events].count(True) == 1
    assert main.kind == "two_plus_two"
    assert main.parties == ["United States", "Japan"]
    assert main.place == "Tokyo" and main.date == "2024-07-28" and main.status == "happened"
    assert {p.name for p in main.principals} == {"Antony Blinken", "Lloyd Austin", "Yoko Kamikawa",
                                                 "Minoru Kihara"}
    assert "Joe Biden" not in {p.name for p in main.principals}  # named in an aside, not at the table
    for field_name in ("kind", "parties", "principals", "place"):
        assert main.sources[field_name], field_name
    _spans_hold(seeds, main)
    assert set(main.fact_ids) <= {f.id for f in seeds.facts}


def test_seeds_hold_a_trilateral_with_south_korea_and_an_earlier_meeting(seeds):
    tri = [e for e in seeds.events if e.kind == "trilateral"]
    assert tri and "South Korea" in tri[0].parties and not tri[0].main
    assert "Shin Won-sik" in {p.name for p in tri[0].principals}
    earlier = [e for e in seeds.events if e.date.startswith("2024-04")]
    assert earlier and {p.name for p in earlier[0].principals} >= {"Fumio Kishida", "Joe Biden"}


def test_seed_subject_and_opening(seeds):
    main = seeds.main_event()
    assert event_subject(main) == "U.S.–Japan “2+2” ministerial dialogue, Tokyo, 28 July 2024"
    assert seeds.memo.subject == event_subject(main)
    line = opening_line(main)
    assert line.startswith("U.S. Secretary of Defense Lloyd Austin and Secretary of State Antony Blinken met "
                           "their Japanese counterparts")
    assert line.endswith("in Tokyo on 28 July 2024 for the “2+2” ministerial dialogue.")


def test_quad_ministerial(tmp_path):
    b = _briefing(tmp_path, "quad", QUAD)
    main = b.main_event()
    assert main.kind == "ministerial" and main.name == "Quad"
    assert set(main.parties) == {"United States", "Australia", "India", "Japan"}
    assert main.place == "Tokyo" and main.date == "2024-07-29" and main.status == "happened"
    assert len(main.principals) == 4
    assert event_subject(main) == "U.S.–Australia–India–Japan Quad ministerial meeting, Tokyo, 29 July 2024"
    _spans_hold(b, main)


def test_summit_preview_is_upcoming_and_its_facts_expected(tmp_path):
    b = _briefing(tmp_path, "summit", SUMMIT_PREVIEW)
    main = b.main_event()
    assert main.kind == "summit" and main.status == "upcoming"
    assert main.parties == ["France", "Germany"] and main.place == "Berlin"
    assert opening_line(main).startswith("French President Emmanuel Macron will meet German Chancellor Olaf Scholz")
    by_id = {f.id: f for f in b.facts}
    assert all(by_id[i].status == "expected" for i in main.fact_ids)
    assert event_subject(main) == "France–Germany summit, Berlin"


def test_meeting_day_beats_the_days_statements_were_made(tmp_path):
    # two "on Wednesday" statements against two dates beside the meeting words: the visit is on June 22
    main = _briefing(tmp_path, "visit", VISIT_PREVIEW).main_event()
    assert main.kind == "visit" and main.place == "Washington"
    assert main.date == "2023-06-22"


SUMMIT_ABOUT_A_WAR = """Leaders meet in Vilnius for the alliance summit

VILNIUS, July 11, 2023 - The alliance summit opened in Vilnius on Tuesday.

On Tuesday, Lithuanian President Gitanas Nauseda hosted Polish President Andrzej Duda in Vilnius.

On Tuesday, the allies pledged more air defence systems to stop Russian President Vladimir Putin.

At the summit on Tuesday, Duda mistakenly called Nauseda Prime Minister Ingrida Simonyte.

Ahead of the summit, Polish National Security Adviser Jacek Siewiera travelled to Kyiv.
"""


def test_people_only_talked_about_are_not_principals(tmp_path):
    main = _briefing(tmp_path, "summit", SUMMIT_ABOUT_A_WAR).main_event()
    assert main.kind == "summit" and main.place == "Vilnius"
    assert {p.name for p in main.principals} == {"Gitanas Nauseda", "Andrzej Duda"}
    assert "Russia" not in main.parties


TOWN_TALKS = """Ministers meet for annual 2+2 talks

The 2+2 talks were held in Kirkenes on 3 May 2025, with ministers from Norway and Finland.

Norwegian Foreign Minister Espen Barth Eide welcomed Finnish Foreign Minister Elina Valtonen in Kirkenes \
for the 2+2 talks on 3 May 2025.

Eide and Valtonen agreed to hold the next talks in Helsinki in 2026.
"""


def test_a_venue_the_gazetteer_does_not_know_is_found_from_its_venue_phrases(tmp_path):
    main = _briefing(tmp_path, "town", TOWN_TALKS).main_event()
    assert main.kind == "two_plus_two" and main.date == "2025-05-03"
    assert main.place == "Kirkenes"  # said twice as the venue; Helsinki is the next one, said once
    assert main.sources["place"]


def test_phone_call(tmp_path):
    b = _briefing(tmp_path, "call", CALL)
    main = b.main_event()
    assert main.kind == "call" and main.parties == ["Australia", "Japan"] and main.date == "2024-03-05"
    assert main.place == ""
    assert event_subject(main) == "Australia–Japan phone call, 5 March 2024"
    assert opening_line(main) == ("Australian Prime Minister Anthony Albanese spoke with Japanese Prime Minister "
                                  "Fumio Kishida on 5 March 2024 by phone.")


def test_no_meeting_falls_back_to_a_headline_never_a_sentence(tmp_path):
    b = _briefing(tmp_path, "plain", "Tariffs rise on steel imports\n\nThe government raised tariffs on steel "
                                     "imports by ten percent on Monday, officials said.\n")
    assert b.events == []
    assert b.memo.subject == "Tariffs rise on steel imports"


def test_outcome_report_makes_a_preview_fact_reported(tmp_path):
    folder = tmp_path / "pair"
    folder.mkdir()
    (folder / "2024-05-01_preview.txt").write_text(
        "Ministers to meet\n\nThe ministers are expected to sign a new defence pact in Rome on Friday.\n",
        encoding="utf-8")
    (folder / "2024-05-04_report.txt").write_text(
        "Ministers meet\n\nThe ministers signed a new defence pact in Rome on Friday.\n", encoding="utf-8")
    b = build_briefing([folder]).briefing
    pact = [f for f in b.facts if "defence pact" in f.text]
    merged = [f for f in pact if len({s.article_id for s in f.sources}) == 2]
    assert all(f.status == "reported" for f in merged)
    assert any(f.status == "reported" for f in pact)


def test_json_has_events_with_sources(seeds):
    out = subprocess.run([sys.executable, "-m", "app", "extract", str(ROOT / "seeds"), "--format", "json"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    data = json.loads(out.stdout)
    main = [e for e in data["events"] if e["main"]]
    assert len(main) == 1 and main[0]["kind"] == "two_plus_two" and main[0]["place"] == "Tokyo"
    assert main[0]["sources"]["place"][0]["article"] in {a["id"] for a in data["articles"]}
    assert all(p["sources"] for p in main[0]["principals"])


def test_cli_export_pdf_title_is_the_event_subject(tmp_path):
    out = tmp_path / "memo.pdf"
    subprocess.run([sys.executable, "-m", "app", "export", str(ROOT / "seeds"), "--output", str(out)],
                   capture_output=True, text=True, check=True, cwd=ROOT)
    reader = PdfReader(out)
    assert reader.metadata.title == "U.S.–Japan “2+2” ministerial dialogue, Tokyo, 28 July 2024"
    assert "U.S.–Japan “2+2” ministerial dialogue, Tokyo, 28 July 2024" in reader.pages[0].extract_text()


def test_export_file_name_follows_the_subject(seeds):
    from app.ui.memo_export import suggested_name

    name = suggested_name(seeds.memo, "pdf")
    assert name == "2024-07-28 U.S.–Japan “2+2” ministerial dialogue, Tokyo, 28 July 2024.pdf"


def test_participants_are_the_events_principals(seeds):
    from app.memo.extras import participants
    from app.memo.template import load_template

    table = participants(seeds, load_template("information-memo"))
    names = [row[0] for row in table.rows]
    main = seeds.main_event()
    assert names[:len(main.principals)] == [p.name for p in main.principals]
    assert "Donald Trump" not in names and "Kamala Harris" not in names
    assert "Shin Won-sik" in names


def test_project_round_trip_keeps_events(seeds, tmp_path):
    path = store.save_project(seeds, tmp_path / "m.briefing")
    again = store.load_project(path)
    assert again.events == seeds.events


def test_event_span_out_of_range_is_refused(seeds, tmp_path):
    art = seeds.articles[0]
    bad = replace(seeds.events[0], sources={"place": [SourceSpan(art.id, 0, len(art.text) + 50)]})
    broken = replace(seeds, events=[bad, *seeds.events[1:]])
    path = store.save_project(broken, tmp_path / "bad.briefing")
    with pytest.raises(store.ProjectError, match=r"events\[0\]\.sources\.place\[0\]: ends past the end of its "
                                                 r"article \(event E01"):
        store.load_project(path)


def test_an_organisations_summit_is_named_without_its_members() -> None:
    event = Event(id="E01", kind="summit", name="NATO summit", parties=["United States", "NATO", "Ukraine"],
                  place="Washington", date="2024-07-10", main=True)
    assert event_subject(event) == "NATO summit, Washington, 10 July 2024"
    event.name = ""
    assert event_subject(event) == "U.S.–NATO–Ukraine summit, Washington, 10 July 2024"


def test_two_kind_words_of_one_noun_phrase_name_one_meeting_by_the_more_specific() -> None:
    from app.extract.event_cues import default_cues, kinds_in

    cues = default_cues()
    assert kinds_in(cues, "they met for the fourth 2+2 ministerial dialogue in manila.") == ["two_plus_two"]
    assert kinds_in(cues, "the first trilateral summit at camp david") == ["trilateral"]
    # two meetings in one sentence: the last is what it is about, the first its frame
    assert kinds_in(cues, "prior to the 2+2 talks, kihara met shin for trilateral talks")[-1] == "trilateral"


def test_a_building_or_estate_is_met_at_a_city_in() -> None:
    from app.memo.frame import venue_preposition

    assert [venue_preposition(p) for p in ("Camp David", "the Pentagon", "Filoli Estate", "Tokyo", "Queenscliff",
                                           "Washington")] == ["at", "at", "at", "in", "in", "in"]
    event = Event(id="E01", kind="summit", parties=["United States", "Japan"], place="Camp David",
                  date="2023-08-18", main=True)
    assert " at Camp David on 18 August 2023 " in opening_line(event)


UNDATED_EARLIER_MEETING = ("""Leaders meet for the alliance summit

The alliance summit opened in Vilnius on 11 July 2023.

Lithuanian President Gitanas Nauseda hosted Polish President Andrzej Duda at the summit in Vilnius on \
11 July 2023.
""", """Why the Vilnius summit matters

The summit in Vilnius brings the alliance's leaders together.

In March, Nauseda met Czech President Petr Pavel in Prague.
""")


def test_an_undated_sentence_naming_another_month_is_another_meeting(tmp_path):
    folder = tmp_path / "undated"
    folder.mkdir()
    for n, text in enumerate(UNDATED_EARLIER_MEETING):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    briefing = build_briefing([folder]).briefing
    assert briefing.articles[1].published is None  # "In March" cannot be dated: no year to give it
    main = briefing.main_event()
    assert main.date == "2023-07-11"
    assert {p.name for p in main.principals} == {"Gitanas Nauseda", "Andrzej Duda"}
