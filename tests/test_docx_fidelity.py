"""Word fidelity: the DOCX, opened by LibreOffice, looks like the app's own PDF.

Every template exports the sample articles, and a briefing with Japanese names, as DOCX and PDF; all the
DOCX files are converted to PDF in ONE LibreOffice run (a start costs seconds) and the result is read back
with pypdf and poppler (pdftotext -bbox, pdffonts): page count, banner and "Page X of Y" on every page,
footnotes at the foot of the page that cites them, tables and text inside the margins, fonts LibreOffice
renders itself (no fallback), Japanese names intact.

LibreOffice sees the system's fonts plus the app's own (resources/fonts), as on a machine with them
installed: Debian has Liberation Serif (fonts-liberation2) but no Japanese font unless one is installed.
``bench/docx_visual.py`` renders the same pages side by side to look at.
"""

from __future__ import annotations

import dataclasses
import html
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from pypdf import PdfReader

from app.domain.model import Article, Briefing, Fact, MemoMeta, SourceSpan
from app.memo import build_memo
from app.memo.document import FactParagraph, Summary
from app.memo.template import load_template
from app.render import export_memo
from app.run.pipeline import build_briefing

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import docx_visual  # noqa: E402  (the bench's LibreOffice set-up: the app's fonts visible to it)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None:
    pytest.skip("LibreOffice (soffice/libreoffice) is not on PATH: install libreoffice-writer-nogui to check "
                "how Word files render", allow_module_level=True)
if not (shutil.which("pdftotext") and shutil.which("pdffonts")):
    pytest.skip("poppler-utils (pdftotext, pdffonts) is not installed", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ("information-memo", "point-paper", "executive-brief")
JAPANESE = ("岸田文雄", "木原稔", "上川陽子")
BANNER = "UNCLASSIFIED"
# Liberation Serif for Times New Roman (metric-compatible), the app's own IPAex Mincho and Nanum Myeongjo
# for Japanese and Korean. Anything else is a fallback surprise: DejaVu Sans is LibreOffice's last resort,
# OpenSymbol its stand-in for the Symbol font of Word's stock bullets.
EXPECTED_FONTS = ("LiberationSerif", "IPAexMincho", "NanumMyeongjo", "DroidSansFallback")  # the bundled ones
TOLERANCE = 2.0  # points: a word's box is its font's ascent-to-descent, a little taller than its line


def japanese_briefing() -> Briefing:
    """Japanese names in facts and the participants table; enough facts for three pages."""
    articles = [
        Article("A1", "/in/2024-07-28_kyodo.txt", "Japan, U.S. upgrade command ties",
                "Kamikawa hosted the talks in Tokyo. Kishida met Kihara at the Kantei.", "Kyodo",
                date(2024, 7, 28)),
        Article("A2", "/in/preview.txt", "Ministers to meet in Tokyo",
                "The ministers are expected to discuss missile co-production next week.", "",
                date(2024, 7, 27)),
    ]
    facts = [
        Fact("F1", "Foreign Minister Yoko Kamikawa (上川陽子) hosted the talks.", "participants",
             sources=[SourceSpan("A1", 0, 34)]),
        Fact("F2", "Prime Minister Fumio Kishida (岸田文雄) met Defence Minister Minoru Kihara (木原稔).",
             "participants", sources=[SourceSpan("A1", 35, 70)]),
        Fact("F3", "The ministers will discuss missile co-production.", "defence_industry",
             sources=[SourceSpan("A2", 0, 71)], status="expected"),
    ]
    for i in range(40):
        facts.append(Fact(f"X{i:02d}", f"Extra fact number {i} about alliance cooperation with partners in "
                          "the region, long enough to wrap onto a second line of the memo.",
                          "alliances_regional", sources=[SourceSpan("A1", 0, 34)]))
    memo = MemoMeta(to="The Secretary", sender="EAP/J - Analyst", date=date(2024, 7, 28),
                    subject="U.S.-Japan 2+2, Tokyo, July 28, 2024")
    return Briefing(articles, facts, memo)


@dataclasses.dataclass
class Case:
    name: str  # "information-memo" or "information-memo-ja"
    template: str
    briefing: Briefing
    pdf: Path
    docx: Path
    converted: Path
    pdf_pages: int


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    out = tmp_path_factory.mktemp("fidelity")
    seeds = build_briefing(sorted((ROOT / "seeds").glob("*.txt"))).briefing
    made: dict[str, Case] = {}
    for suffix, source in (("", seeds), ("-ja", japanese_briefing())):
        for template in TEMPLATES:
            name = template + suffix
            briefing = dataclasses.replace(source, memo=dataclasses.replace(source.memo, template=template))
            pdf, docx = out / f"{name}.pdf", out / f"{name}.docx"
            pages = export_memo(briefing, pdf).pages
            export_memo(briefing, docx)
            made[name] = Case(name, template, briefing, pdf, docx, out / "lo" / f"{name}.pdf", pages or 0)
    env = dict(os.environ, FONTCONFIG_FILE=str(docx_visual.fontconfig_file(out)))
    profile = (out / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out / "lo"), *(str(c.docx) for c in made.values())],
                   check=True, env=env, capture_output=True, timeout=120)
    missing = [c.name for c in made.values() if not c.converted.exists()]
    assert not missing, f"LibreOffice wrote no PDF for {missing}"
    return made


NAMES = [t + s for s in ("", "-ja") for t in TEMPLATES]


@dataclasses.dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def _bbox_pages(pdf: Path) -> list[tuple[float, float, list[Word]]]:
    """(width, height, words) per page, from ``pdftotext -bbox``; y grows downwards."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        words = [Word(html.unescape(w[4]), *map(float, w[:4])) for w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', m[3])]
        pages.append((float(m[1]), float(m[2]), words))
    return pages


def _lines(words: list[Word]) -> list[str]:
    """Words grouped into lines by their top, top to bottom."""
    rows: dict[float, list[Word]] = {}
    for w in words:
        key = next((k for k in rows if abs(k - w.y0) < 3), w.y0)
        rows.setdefault(key, []).append(w)
    return [" ".join(w.text for w in sorted(rows[k], key=lambda w: w.x0)) for k in sorted(rows)]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_CJK = "\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af"


def _joined(text: str) -> str:
    """Flat text, with a line break between two CJK characters taken out: Japanese may break anywhere."""
    return re.sub(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])", "", _flat(text))


def _page_texts(pdf: Path) -> list[str]:
    return [_flat(p.extract_text()) for p in PdfReader(str(pdf)).pages]


@pytest.mark.parametrize("name", NAMES)
def test_page_count_is_within_one_page_of_the_pdf(cases, name: str) -> None:
    case = cases[name]
    converted = len(PdfReader(str(case.converted)).pages)
    assert abs(converted - case.pdf_pages) <= 1, (name, case.pdf_pages, converted)


@pytest.mark.parametrize("name", NAMES)
def test_banner_and_page_x_of_y_on_every_page_and_nothing_else_in_the_margins(cases, name: str) -> None:
    """Above the top margin only the banner; below the bottom margin only "Page X of Y" and the banner;
    every other word inside the margin box, on every page (the last one, with its notes, too)."""
    case = cases[name]
    lay = load_template(case.template).layout
    pages = _bbox_pages(case.converted)
    total = len(pages)
    for number, (width, height, words) in enumerate(pages, start=1):
        left, right = lay.margin_left * 72, width - lay.margin_right * 72
        top, bottom = lay.margin_top * 72, height - lay.margin_bottom * 72
        above = [w for w in words if (w.y0 + w.y1) / 2 < top]
        below = [w for w in words if (w.y0 + w.y1) / 2 > bottom]
        body = [w for w in words if w not in above and w not in below]
        assert _lines(above) == [BANNER], (name, number)
        assert _lines(below) == [f"Page {number} of {total}", BANNER], (name, number)
        outside = [w.text for w in words if w.x0 < left - TOLERANCE or w.x1 > right + TOLERANCE]
        assert not outside, (name, number, outside[:5])
        outside = [w.text for w in body if w.y0 < top - TOLERANCE or w.y1 > bottom + TOLERANCE]
        assert not outside, (name, number, outside[:5])


def _text_width_twips(document) -> int:
    sect = document.find(f".//{qn('w:body')}/{qn('w:sectPr')}")
    size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    return int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))


@pytest.mark.parametrize("name", NAMES)
def test_tables_fit_the_text_width(cases, name: str) -> None:
    with zipfile.ZipFile(cases[name].docx) as zf:
        document = parse_xml(zf.read("word/document.xml"))
    text_width = _text_width_twips(document)
    tables = document.findall(".//" + qn("w:tbl"))
    assert tables
    for table in tables:
        tblpr = table.find(qn("w:tblPr"))
        width = tblpr.find(qn("w:tblW"))
        assert width.get(qn("w:type")) == "dxa" and int(width.get(qn("w:w"))) <= text_width
        assert tblpr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        grid = [int(c.get(qn("w:w"))) for c in table.find(qn("w:tblGrid")).findall(qn("w:gridCol"))]
        assert sum(grid) <= text_width
        # the border sits on the margin: the indent is the left cell margin, and the table ends inside
        indent = int(tblpr.find(qn("w:tblInd")).get(qn("w:w")))
        cell_left = int(tblpr.find(qn("w:tblCellMar")).find(qn("w:left")).get(qn("w:w")))
        assert indent == cell_left and sum(grid) - cell_left <= text_width
        for row in table.findall(qn("w:tr")):
            cells = [int(tc.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w")))
                     for tc in row.findall(qn("w:tc"))]
            assert sum(cells) <= text_width


def _noted(case: Case) -> list[tuple[str, str]]:
    """(text before the reference, note text) for every note the memo model gives the body."""
    memo = build_memo(case.briefing)
    pairs = []
    for block in memo.blocks:
        if isinstance(block, FactParagraph):
            pairs += [(block.text, note) for note in block.notes if note]
        elif isinstance(block, Summary):
            pairs += [(text, note) for text, _, notes in block.sentences for note in notes if note]
    return pairs


@pytest.mark.parametrize("name", NAMES)
def test_notes_are_real_word_footnotes(cases, name: str) -> None:
    case = cases[name]
    memo = build_memo(case.briefing)
    noted = _noted(case)
    with zipfile.ZipFile(case.docx) as zf:
        names = set(zf.namelist())
        document = zf.read("word/document.xml").decode()
        if memo.citation_style != "footnotes" or not noted:
            assert "footnoteReference" not in document and "endnoteReference" not in document
            return
        assert "word/footnotes.xml" in names and "word/endnotes.xml" not in names
        notes = parse_xml(zf.read("word/footnotes.xml")).findall(qn("w:footnote"))[2:]  # after separators
    refs = re.findall(r'<w:footnoteReference w:id="(\d+)"/>', document)
    assert refs == [str(i) for i in range(1, len(notes) + 1)]
    texts = [_flat("".join(t.text or "" for t in n.iter(qn("w:t")))) for n in notes]
    assert texts == [_flat(note) for _, note in noted]


def test_footnotes_print_at_the_foot_of_the_page_that_cites_them(cases) -> None:
    """In LibreOffice's PDF each note starts on the page of its reference, below the citing text, and no
    page is a list of notes after the memo."""
    case = cases["information-memo"]
    noted = _noted(case)
    assert len(noted) >= 2
    pages = _bbox_pages(case.converted)
    texts = [_flat(" ".join(w.text for w in words)) for _, _, words in pages]
    for before, note in noted:
        tail = _flat(before).split()[-4:]
        cited = [i for i, t in enumerate(texts) if " ".join(tail) in t]
        start = _flat(note)[:45]
        holding = [i for i, t in enumerate(texts) if start in t]
        assert cited and holding and holding[0] == cited[-1], (note[:40], cited, holding)
        words = pages[holding[0]][2]
        first = start.split()
        note_top = max(w.y0 for i, w in enumerate(words[:-1])
                       if w.text == first[0] and words[i + 1].text == first[1])
        # the citing words stand above the note (the note may quote them too)
        assert any(w.y1 <= note_top + 1 and w.text.startswith(tail[-1][:6]) for w in words), note[:40]
    assert not any(re.match(r"(UNCLASSIFIED )?Notes\b", t) for t in texts)


def _fonts_named(docx: Path) -> tuple[set[str], set[str]]:
    """Latin and East Asian font names of the document defaults, of every run and of every style in use
    (with the styles they are based on); theme fonts count as their slot's name."""
    with zipfile.ZipFile(docx) as zf:
        parts = [zf.read(n).decode() for n in zf.namelist()
                 if re.fullmatch(r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml", n)]
        styles = zf.read("word/styles.xml").decode()
    by_id = {m[1]: m[0] for m in re.finditer(r'<w:style [^>]*w:styleId="([^"]+)".*?</w:style>', styles, re.S)}
    used = set(re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', "".join(parts)))
    used |= {m[1] for m in re.finditer(r'w:styleId="([^"]+)"', styles) if 'w:default="1"' in by_id[m[1]]}
    pending = list(used)
    while pending:
        based = re.search(r'<w:basedOn w:val="([^"]+)"', by_id.get(pending.pop(), ""))
        if based and based[1] not in used:
            used.add(based[1])
            pending.append(based[1])
    xml = "".join(parts) + "".join(by_id[i] for i in used if i in by_id)
    xml += re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S)[0]
    fonts = re.findall(r"<w:rFonts ([^>]*)/>", xml)
    latin = {v for f in fonts for v in re.findall(r'w:(?:ascii|hAnsi|cs|asciiTheme|hAnsiTheme)="([^"]+)"', f)}
    east_asia = {v for f in fonts for v in re.findall(r'w:eastAsia(?:Theme)?="([^"]+)"', f)}
    return latin, east_asia


@pytest.mark.parametrize("name", NAMES)
def test_fonts_are_the_named_ones_embedded_with_no_fallback(cases, name: str) -> None:
    case = cases[name]
    latin, east_asia = _fonts_named(case.docx)
    assert latin == {"Times New Roman"}  # metric-compatible with Liberation Serif, which LibreOffice uses
    assert east_asia == {"MS Mincho"}  # LibreOffice takes an installed Mincho for it (here: IPAex Mincho)
    report = subprocess.run(["pdffonts", str(case.converted)], check=True, capture_output=True,
                            text=True).stdout.splitlines()[2:]
    fonts = {}
    for line in report:
        family = line.split()[0].split("+", 1)[-1]
        fonts[family] = line
        assert "Type 3" not in line, line
        assert re.search(r"\byes\s+yes\s+yes\b", line), line  # embedded, subset, with a ToUnicode map
    assert {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"} <= set(fonts), sorted(fonts)
    assert all(f.startswith(EXPECTED_FONTS) for f in fonts), sorted(fonts)


@pytest.mark.parametrize("name", NAMES)
def test_japanese_names_are_intact(cases, name: str) -> None:
    """Every Japanese name the app's PDF prints is in LibreOffice's (the briefing with Japanese names has all
    three in every template; the samples' participants table has two)."""
    case = cases[name]
    ours = _joined(" ".join(_page_texts(case.pdf)))
    text = _joined(" ".join(_page_texts(case.converted)))
    expected = [n for n in JAPANESE if n in ours]
    assert set(expected) == set(JAPANESE) if name.endswith("-ja") else expected or name == "point-paper"
    for native in expected:
        assert native in text, (name, native)
    assert "\ufffd" not in text and "\u25a1" not in text
