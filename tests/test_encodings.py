"""Text encodings: every language in the code pages it is really written in comes back exactly, a declared
charset that does not fit the bytes loses to them, and a guess is never silent (a warning in the article,
the command line and the window).

The texts in tests/data/encodings are news prose about diplomatic meetings, three per language: two articles
and a short one (a headline and two sentences), stored as UTF-8 and encoded here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.ingest import load_article
from app.ingest.encoding import decode_text
from app.ingest.html_reader import decode_html
from app.ingest.text_reader import markdown_to_text, read_markdown
from app.launch.cli import main

DATA = Path(__file__).resolve().parent / "data" / "encodings"
LEGACY = {
    "pl": ("cp1250",), "cs": ("cp1250",), "hu": ("cp1250",),
    "fr": ("cp1252",), "de": ("cp1252",), "es": ("cp1252",), "en": ("cp1252",),
    "ru": ("cp1251",), "uk": ("cp1251",), "bg": ("cp1251",),
    "ja": ("shift_jis", "cp932", "euc_jp"), "ko": ("euc_kr",), "zh": ("gb18030",),
}
UNICODE = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be")  # "utf-16": with a BOM
TEXTS = sorted(DATA.glob("*.txt"))
CASES = [pytest.param(p.name, enc, id=f"{p.stem}-{enc}") for p in TEXTS for enc in LEGACY[p.name[:2]] + UNICODE]
GUESS = "the text encoding could not be told for sure; read as Windows-1250 (Central European) — check accented letters"
# One Hungarian sentence: its accented letters would be as plausible in Windows-1252 ("jövõ"), so the bytes
# alone cannot say which page it is; read as Windows-1250 (right), with a warning.
AMBIGUOUS = "A miniszter jövő héten kínai partnerével tárgyal."


def true_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def html_page(text: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    title, *paragraphs = text.split("\n")
    body = "".join(f"<p>{p}</p>" for p in paragraphs if p)
    return f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"


def test_the_test_texts_are_many_and_real():
    assert len(TEXTS) == 38
    for path in TEXTS:
        text = true_text(path.name)
        sentences = len(re.findall(r"[.?](?:\s|$)|。", text))
        assert sentences == 2 if "short" in path.name else sentences >= 6, path.name  # headline and two, or 6+
        assert path.name == "en-short.txt" or any(ord(ch) > 0x7F for ch in text), path.name


# ---- exact text in every format ------------------------------------------------------------------------

@pytest.mark.parametrize("name,encoding", CASES)
def test_txt_decodes_exactly_without_warning(tmp_path, name, encoding):
    text = true_text(name)
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    article = load_article(path)
    assert article.raw_text == text
    assert article.warnings == []


@pytest.mark.parametrize("name,encoding", CASES)
def test_markdown_decodes_exactly(name, encoding):
    title, _, body = true_text(name).partition("\n")
    source = f"# {title}\n\n{body}"
    doc = read_markdown(source.encode(encoding))
    assert doc.text == markdown_to_text(source)[0]
    assert doc.title == title
    assert doc.warnings == []


# A page in UTF-16 cannot declare it in a <meta> that is read as ASCII: those are tested without one.
HTML_CASES = [pytest.param(p.name, enc, label, id=f"{p.stem}-{enc}-{'meta' if label else 'bare'}")
              for p in TEXTS for enc in LEGACY[p.name[:2]] + UNICODE
              for label in (None, {"utf-8-sig": "utf-8", "cp932": "windows-31j"}.get(enc, enc))
              if not (label and enc.startswith("utf-16"))]


@pytest.mark.parametrize("name,encoding,label", HTML_CASES)
def test_html_decodes_exactly_with_and_without_meta_charset(name, encoding, label):
    page = html_page(true_text(name), label)
    decoded = decode_html(page.encode(encoding))
    assert decoded.text == page
    assert decoded.warnings == ()


@pytest.mark.parametrize("name", ["pl-article1.txt", "cs-short.txt", "ru-article2.txt", "ja-short.txt",
                                  "zh-article2.txt", "fr-short.txt"])
def test_html_article_loads_with_its_paragraphs(tmp_path, name):
    encoding = LEGACY[name[:2]][0]
    text = true_text(name)
    path = tmp_path / (Path(name).stem + ".html")
    path.write_bytes(html_page(text, None).encode(encoding))
    article = load_article(path)
    for paragraph in text.split("\n")[1:]:
        if paragraph:
            assert paragraph in article.raw_text
    assert article.warnings == []


def test_decoding_is_deterministic():
    data = true_text("cs-article2.txt").encode("cp1250") + true_text("hu-short.txt").encode("cp1250")
    assert len({(d.text, d.encoding, d.warnings) for d in (decode_text(data) for _ in range(5))}) == 1


# ---- declarations that do not fit the bytes lose to them ------------------------------------------------

@pytest.mark.parametrize("label,name,encoding", [
    ("utf-16", "en-short.txt", "ascii"),  # the field report: CJK garbage before
    ("utf-16le", "en-short.txt", "ascii"),
    ("utf-16", "ja-short.txt", "utf-8"),
    ("iso-8859-1", "fr-article1.txt", "utf-8"),  # valid multi-byte UTF-8 under a Latin-1 label
    ("iso-8859-1", "ja-article1.txt", "utf-8"),
    ("shift_jis", "ru-article1.txt", "cp1251"),
    ("shift_jis", "uk-short.txt", "cp1251"),
    ("windows-1252", "pl-article1.txt", "cp1250"),
    ("windows-1252", "cs-short.txt", "cp1250"),
    ("windows-1250", "fr-article2.txt", "cp1252"),
    ("utf-8", "de-article1.txt", "cp1252"),
    ("euc-kr", "zh-article1.txt", "gb18030"),
    ("gb2312", "ko-article2.txt", "euc_kr"),
    ("koi8-r", "bg-article1.txt", "cp1251"),
])
def test_a_declared_charset_that_does_not_fit_loses_to_the_bytes(label, name, encoding):
    page = html_page(true_text(name), label)
    assert decode_html(page.encode(encoding)).text == page


def test_an_xml_declaration_that_does_not_fit_loses_to_the_bytes():
    page = '<?xml version="1.0" encoding="ISO-8859-1"?>' + html_page(true_text("hu-article1.txt"), None)
    assert decode_html(page.encode("utf-8")).text == page


@pytest.mark.parametrize("label,encoding", [("windows-1250", "cp1250"), ("iso-8859-2", "iso8859_2")])
def test_a_declaration_that_fits_settles_what_the_bytes_leave_open(label, encoding):
    # Alone, the sentence is a guess (see test_an_uncertain_guess_is_read_with_a_warning); declared, it is not.
    page = html_page(f"Budapest\n{AMBIGUOUS}", label)
    decoded = decode_html(page.encode(encoding))
    assert decoded.text == page and decoded.warnings == ()


def test_a_declared_windows_1252_page_stays_windows_1252():
    page = html_page("Zürich\nLa réunion a coûté 3 €, a-t-il dit à l’AFP.", "windows-1252")
    decoded = decode_html(page.encode("cp1252"))
    assert decoded.text == page and decoded.warnings == ()


# ---- a guess is never silent ------------------------------------------------------------------------------

def test_an_uncertain_guess_is_read_with_a_warning(tmp_path):
    path = tmp_path / "meeting.txt"
    path.write_bytes(AMBIGUOUS.encode("cp1250"))
    article = load_article(path)
    assert article.raw_text == AMBIGUOUS
    assert article.warnings == [GUESS]


def test_utf8_with_damaged_bytes_says_so(tmp_path):
    good = true_text("ja-article1.txt").encode("utf-8")
    path = tmp_path / "damaged.txt"
    path.write_bytes(good[:30] + b"\xff" + good[30:])
    article = load_article(path)
    assert "\ufffd" in article.raw_text
    assert article.warnings == ["1 byte is not valid UTF-8 and shows as \ufffd"]


def test_warnings_survive_a_project_save_and_load(tmp_path):
    from app import store
    from app.domain import Briefing

    path = tmp_path / "meeting.txt"
    path.write_bytes(AMBIGUOUS.encode("cp1250"))
    briefing = Briefing(articles=[load_article(path)])
    again = store.load_project(store.save_project(briefing, tmp_path / "p.briefing"))
    assert again.articles[0].warnings == [GUESS]


def test_cli_extract_prints_each_warning_on_stderr_and_in_json(tmp_path, capsys, seed_paths):
    path = tmp_path / "meeting.txt"
    path.write_bytes(AMBIGUOUS.encode("cp1250"))
    assert main(["extract", str(path), *map(str, seed_paths)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [f"briefing-builder: warning: meeting.txt: {GUESS}"]
    articles = {Path(a["path"]).name: a for a in json.loads(captured.out)["articles"]}
    assert articles["meeting.txt"]["warnings"] == [GUESS]
    assert all(a["warnings"] == [] for name, a in articles.items() if name != "meeting.txt")


def test_window_marks_the_guessed_article_and_says_so(qtbot, isolated_settings, tmp_path, seed_paths):
    from PySide6.QtCore import Qt

    from app.ui import create_main_window
    from app.ui.article_model import SubtitleRole
    from tests.conftest import wait_settled

    path = tmp_path / "meeting.txt"
    path.write_bytes(AMBIGUOUS.encode("cp1250"))
    win = create_main_window(seed_paths)
    qtbot.addWidget(win)
    wait_settled(qtbot, win)
    messages: list[str] = []
    win.statusBar().messageChanged.connect(messages.append)
    win.add_paths([path])
    wait_settled(qtbot, win)
    assert any(f"⚠ meeting.txt: {GUESS}" in m for m in messages)  # the load's summary says it
    model = win.article_model
    row = next(r for r in range(model.rowCount()) if model.article(model.index(r, 0)).path == str(path))
    index = model.index(row, 0)
    assert index.data(SubtitleRole).startswith("⚠ ")  # the list marks the article
    assert f"⚠ {GUESS}" in index.data(Qt.ItemDataRole.ToolTipRole)
    others = [model.index(r, 0) for r in range(model.rowCount()) if r != row]
    assert others and not any(i.data(SubtitleRole).startswith("⚠") for i in others)
    win.article_list.setCurrentIndex(index)  # and the article's header, above its text
    assert GUESS in win.source_panel.title.text()
