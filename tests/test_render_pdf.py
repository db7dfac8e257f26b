"""The PDF memo read back with pypdf and pypdfium2, plus the atomic export path shared with DOCX."""

from __future__ import annotations

import errno
import os
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

import app.render as render
from app.domain.model import Article, Briefing, Fact, MemoMeta, SourceSpan
from app.memo import build_memo
from app.render import export_memo
from app.shared.errors import ExportError

JAPANESE = ("岸田文雄", "木原稔", "上川陽子")
BASE14 = {"Courier", "Helvetica", "Times", "Symbol", "ZapfDingbats"}


def _briefing(n_extra: int = 0) -> Briefing:
    articles = [
        Article("A1", "/in/2024-07-28_kyodo.txt", "Japan, U.S. upgrade command ties", "x" * 200, "Kyodo",
                date(2024, 7, 28)),
        Article("A2", "/in/preview.txt", "Ministers to meet in Tokyo", "y" * 200, "", date(2024, 7, 27)),
    ]
    facts = [
        Fact("F1", "Foreign Minister Yoko Kamikawa (上川陽子) hosted the talks.", "participants",
             sources=[SourceSpan("A1", 0, 10)]),
        Fact("F2", "Prime Minister Fumio Kishida (岸田文雄) met Defence Minister Minoru Kihara (木原稔).",
             "participants", sources=[SourceSpan("A2", 0, 10), SourceSpan("A1", 10, 20)]),
        Fact("F3", "An unticked fact that must not print.", "participants", included=False,
             sources=[SourceSpan("A1", 0, 5)]),
        Fact("F4", "The ministers will discuss missile co-production.", "defence_industry",
             sources=[SourceSpan("A2", 0, 5)], status="expected"),
        Fact("F5", "Raw & ampersand, a < b, and <img src='http://example.invalid/x.png'> stay text.",
             "command_and_control", sources=[SourceSpan("A1", 30, 60)]),
    ]
    for i in range(n_extra):
        text = (f"Extra fact number {i} about alliance cooperation with partners in the region, "
                "long enough to wrap onto a second line of the memo.")
        facts.append(Fact(f"X{i:02d}", text, "alliances_regional", sources=[SourceSpan("A1", 0, 5)]))
    memo = MemoMeta(to="The Secretary", sender="EAP/J - Analyst", date=date(2024, 7, 28),
                    subject="U.S.-Japan 2+2, Tokyo, July 28, 2024")
    return Briefing(articles, facts, memo)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, Briefing]:
    briefing = _briefing(n_extra=30)
    path = tmp_path_factory.mktemp("pdf") / "memo.pdf"
    result = export_memo(briefing, path)
    return path, result.pages, briefing


def test_every_included_fact_is_present_in_order(long_pdf) -> None:
    path, pages, briefing = long_pdf
    reader = PdfReader(str(path))
    assert pages == len(reader.pages) >= 2
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    order = ["F1", "F2", "F5", "F4"] + [f"X{i:02d}" for i in range(30)]  # taxonomy order, then briefing order
    positions = []
    facts = {f.id: f for f in briefing.facts}
    for fact_id in order:
        # pypdf may split a line anywhere; compare the first words of each fact
        # (after the BLUF, whose sentences open like the bullets they shorten)
        head = " ".join(facts[fact_id].text.split()[:5])
        positions.append(text.find(head, text.find("\u2022")))
    assert -1 not in positions and positions == sorted(positions)
    assert "unticked" not in text
    # portion-marked, marked as an expectation, and followed by its endnote number
    assert re.search(r"\(U\) \(expected\) The ministers will discuss missile co-production\.\s?\d+", text)
    assert "[1] Kyodo. \u201cJapan, U.S. upgrade command ties.\u201d July 28, 2024." in text


def test_banner_and_page_numbers_on_every_page(long_pdf) -> None:
    path, pages, _ = long_pdf
    reader = PdfReader(str(path))
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert text.count("UNCLASSIFIED") == 2, f"page {number} lacks a banner"
        assert f"Page {number} of {pages}" in text


def test_fonts_are_embedded_and_no_base14_font_is_used(long_pdf) -> None:
    path, _, _ = long_pdf
    reader = PdfReader(str(path))
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        assert fonts
        for ref in fonts.values():
            font = ref.get_object()
            base = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            assert not any(base.startswith(name) for name in BASE14), base
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{base} is not embedded"
    assert b"Helvetica" not in path.read_bytes()


def test_metadata_and_section_bookmarks(long_pdf) -> None:
    path, _, _ = long_pdf
    reader = PdfReader(str(path))
    meta = reader.metadata
    assert meta.title == "U.S.-Japan 2+2, Tokyo, July 28, 2024"
    assert meta.author == "EAP/J - Analyst"
    assert meta.subject == "U.S.-Japan 2+2, Tokyo, July 28, 2024"
    titles = [item.title for item in reader.outline]
    assert titles == ["Participants", "Command and control", "Defence industry and procurement",
                      "Alliances and regional partners", "Sources", "Notes"]
    for item in reader.outline:  # each bookmark opens the page that shows its heading
        page = reader.pages[reader.get_destination_page_number(item)]
        assert item.title in _flat(page.extract_text())
    pages_of = [reader.get_destination_page_number(item) for item in reader.outline]
    assert pages_of == sorted(pages_of) and pages_of[-1] < len(reader.pages)


def test_japanese_and_markup_text_extract_intact(tmp_path: Path) -> None:
    path = tmp_path / "short.pdf"
    assert export_memo(_briefing(), path).pages == 1
    text = _flat(PdfReader(str(path)).pages[0].extract_text())
    for name in JAPANESE:
        assert name in text
    assert "Raw & ampersand, a < b, and <img src='http://example.invalid/x.png'> stay text." in text
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1]
             for f in PdfReader(str(path)).pages[0]["/Resources"]["/Font"].values()}
    assert "IPAexMincho" in fonts and "LiberationSerif" in fonts


def test_uncovered_characters_and_control_characters_do_not_break_the_build(tmp_path: Path) -> None:
    briefing = _briefing()
    briefing.facts[0].text = "Korean 한국 and emoji \U0001f600 and a bell\x07 and <b>unclosed"
    briefing.memo.classification = "cui"
    path = tmp_path / "odd.pdf"
    assert export_memo(briefing, path).pages == 1
    text = PdfReader(str(path)).pages[0].extract_text()
    assert "<b>unclosed" in text and text.count("CUI") >= 2


def test_memo_without_facts_still_exports(tmp_path: Path) -> None:
    briefing = _briefing()
    for fact in briefing.facts:
        fact.included = False
    path = tmp_path / "empty.pdf"
    assert export_memo(briefing, path).pages == 1
    reader = PdfReader(str(path))
    assert "No facts were selected" in reader.pages[0].extract_text()
    assert list(reader.outline) == []


def test_page_one_renders_to_png(long_pdf, tmp_path: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2")

    path, _, _ = long_pdf
    pdf = pdfium.PdfDocument(str(path))
    image = pdf[0].render(scale=1).to_pil().convert("L")
    assert image.size == (612, 792)  # letter at 72 dpi
    dark = sum(image.histogram()[:128])
    assert dark > 5000  # real text, not a blank page
    image.save(tmp_path / "page1.png")
    pdf.close()


def test_three_page_memo_exports_twice_the_same(tmp_path: Path) -> None:
    # Timing lives in bench/export_bench.py; here: a second export in the same process (warm caches,
    # registered fonts) gives the same pages and text.
    briefing = _briefing(n_extra=30)
    first = export_memo(briefing, tmp_path / "warm.pdf").pages
    second = export_memo(briefing, tmp_path / "memo.pdf").pages
    assert first == second >= 3
    texts = [_flat(" ".join(p.extract_text() for p in PdfReader(str(tmp_path / n)).pages))
             for n in ("warm.pdf", "memo.pdf")]
    assert texts[0] == texts[1]


def test_warm_up_registers_every_font() -> None:
    from reportlab.pdfbase import pdfmetrics

    render.warm_up()
    registered = set(pdfmetrics.getRegisteredFontNames())
    assert {"BB-LiberationSerif-Regular", "BB-LiberationSerif-Bold", "BB-DejaVuSerif", "BB-ipaexm"} <= registered
    render.warm_up()  # idempotent


# -- export_memo: suffixes, atomic writes, readable errors --------------------------------------------


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


def test_unsupported_suffix(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="Unsupported export format: .odt"):
        export_memo(_briefing(), tmp_path / "memo.odt")
    with pytest.raises(ExportError, match="Unsupported export format"):
        export_memo(_briefing(), tmp_path / "memo")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_failing_render_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   suffix: str) -> None:
    target = tmp_path / f"memo{suffix}"
    target.write_bytes(b"the old memo")

    def half_write(memo, path):
        Path(path).write_bytes(b"half a memo")
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(render, "render_pdf" if suffix == ".pdf" else "render_docx", half_write)
    with pytest.raises(ExportError) as info:
        export_memo(_briefing(), target)
    assert info.value.message.startswith(f"Cannot write memo{suffix}:")
    assert "layout exploded" in info.value.detail
    assert target.read_bytes() == b"the old memo"
    assert _leftovers(tmp_path) == []


def test_successful_export_replaces_old_file_with_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "memo.pdf"
    target.write_bytes(b"the old memo")
    old_umask = os.umask(0o022)
    try:
        export_memo(_briefing(), target)
    finally:
        os.umask(old_umask)
    assert target.read_bytes().startswith(b"%PDF")
    assert _leftovers(tmp_path) == []
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o644


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"^Cannot write memo.pdf: the folder does not exist$"):
        export_memo(_briefing(), tmp_path / "nope" / "memo.pdf")


def test_target_that_is_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "memo.docx").mkdir()
    with pytest.raises(ExportError, match="a folder with that name exists"):
        export_memo(_briefing(), tmp_path / "memo.docx")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match=r"^Cannot write memo.pdf: permission denied$"):
            export_memo(_briefing(), folder / "memo.pdf")
    finally:
        folder.chmod(0o700)


def test_permission_denied_on_replace_keeps_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.shared.atomic_file as atomic

    target = tmp_path / "memo.pdf"
    target.write_bytes(b"the old memo")

    def deny(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(atomic.os, "replace", deny)
    with pytest.raises(ExportError, match=r"^Cannot write memo.pdf: permission denied \(is it open"):
        export_memo(_briefing(), target)
    assert target.read_bytes() == b"the old memo"
    assert _leftovers(tmp_path) == []


def test_the_memo_reaches_the_disk_before_it_replaces_the_old_one(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import app.shared.atomic_file as atomic_file

    events: list[str] = []
    real_fsync, real_replace = atomic_file.os.fsync, atomic_file.os.replace

    def fsync(fd):
        events.append("fsync")
        return real_fsync(fd)

    def replace(src, dst):
        events.append("replace")
        return real_replace(src, dst)

    monkeypatch.setattr(atomic_file.os, "fsync", fsync)
    monkeypatch.setattr(atomic_file.os, "replace", replace)
    export_memo(_briefing(), tmp_path / "memo.pdf")
    assert events[:2] == ["fsync", "replace"]  # the file's data first, then the swap (then the folder)


def test_disk_full_while_rendering_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(memo, path):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(render, "render_docx", full)
    with pytest.raises(ExportError, match=r"^Cannot write memo.docx: the disk is full$"):
        export_memo(_briefing(), tmp_path / "memo.docx")
    assert list(tmp_path.iterdir()) == []


def test_endnote_numbers_link_to_notes_and_notes_link_to_sources(long_pdf) -> None:
    path, _, _ = long_pdf
    reader = PdfReader(str(path))
    texts = [_flat(p.extract_text()) for p in reader.pages]
    notes_page = next(i for i, t in enumerate(texts) if " Notes " in f" {t} " and "Source [1]" in t)
    sources_page = next(i for i, t in enumerate(texts) if "[1] Kyodo." in t)
    targets = []
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots", []):
            link = annot.get_object()
            if link.get("/Subtype") == "/Link":
                targets.append((index, reader.get_page_number(link["/Dest"][0].get_object())))
    memo = build_memo(long_pdf[2])
    notes = sum(len(getattr(b, "notes", ())) for b in memo.blocks)
    assert notes >= 35 and len(targets) >= 2 * notes  # every note number, and every note's [n], is a link
    assert all(t >= notes_page for i, t in targets if i < notes_page)  # body -> Notes
    last = len(reader.pages) - 1
    assert last > notes_page and all(t == sources_page for i, t in targets if i == last)  # note -> Sources


def test_korean_names_render_in_the_hangul_fallback_font(tmp_path: Path) -> None:
    briefing = _briefing()
    briefing.facts[0].text = "South Korean Defense Minister Shin Won-sik (신원식) visited Tokyo."
    path = tmp_path / "korean.pdf"
    export_memo(briefing, path)
    page = PdfReader(str(path)).pages[0]
    assert "신원식" in _flat(page.extract_text())
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1] for f in page["/Resources"]["/Font"].values()}
    assert any(name.startswith("Nanum") for name in fonts), fonts


def test_simplified_chinese_and_korean_names_are_drawn_not_dropped(tmp_path: Path) -> None:
    # 习 is a simplified-only character the Japanese fallback font lacks: a later fallback draws it
    briefing = _briefing()
    briefing.facts[0].text = "Chinese President Xi Jinping (习近平) met Premier Li Qiang (李强) and 신원식."
    briefing.facts[0].memo_text = briefing.facts[0].text
    path = export_memo(briefing, tmp_path / "cjk.pdf").path
    reader = PdfReader(str(path))
    text = _flat(" ".join(p.extract_text() for p in reader.pages))
    for name in ("习近平", "李强", "신원식"):
        assert name in text
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1]
             for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert "DroidSansFallback" in fonts
