"""Bundled TrueType fonts for the PDF: registered once per process, chosen per run of text.

Only fonts found with ``resource_path("fonts", ...)`` are used, and all of them are embedded, so no base-14
font (Helvetica and friends) ends up in a memo. A fallback font such as IPAex Mincho is loaded only when a
memo has a character the main font lacks.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from xml.sax.saxutils import escape

from app.memo.template import Layout
from app.shared.errors import ExportError
from app.shared.paths import resource_path

_LOCK = threading.Lock()


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    fallback_files: tuple[str, ...]


def _font_name(file: str) -> str:
    return "BB-" + file.rsplit(".", 1)[0]


_REGISTERED: dict[str, str] = {}  # file -> reportlab font name


def register_font(file: str) -> str:
    """Register ``resources/fonts/<file>`` with reportlab (once per process) and return its font name."""
    name = _REGISTERED.get(file)
    if name:
        return name
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    with _LOCK:  # a warm-up thread and an export may race for the same font
        if file in _REGISTERED:
            return _REGISTERED[file]
        path = resource_path("fonts", file)
        name = _font_name(file)
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except (OSError, TTFError) as exc:
            raise ExportError(f"Cannot use the font {file}: it is missing or not a TrueType font",
                              str(exc)) from exc
        _REGISTERED[file] = name
    return name


@lru_cache(maxsize=8)
def font_set(layout: Layout) -> FontSet:
    from reportlab.lib.fonts import addMapping

    names = [register_font(f) for f in (layout.pdf_regular, layout.pdf_bold, layout.pdf_italic,
                                        layout.pdf_bold_italic)]
    regular, bold, italic, bold_italic = names
    # Let <b> and <i> inside paragraph markup find the right embedded face.
    addMapping(regular, 0, 0, regular)
    addMapping(regular, 1, 0, bold)
    addMapping(regular, 0, 1, italic)
    addMapping(regular, 1, 1, bold_italic)
    return FontSet(regular, bold, italic, bold_italic, layout.pdf_fallback)


@cache
def _coverage(font_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def covers(font_name: str, text: str) -> bool:
    cmap = _coverage(font_name)
    return all(ord(ch) in cmap or ch.isspace() for ch in text)


def _fallback_for(ch: str, fonts: FontSet) -> str | None:
    for file in fonts.fallback_files:
        name = register_font(file)
        if ord(ch) in _coverage(name):
            return name
    return None


def runs(text: str, font_name: str, fonts: FontSet) -> list[tuple[str | None, str]]:
    """Split ``text`` into ``(font, chunk)`` runs: ``None`` for the given font, else a fallback font's name.

    A character no font has stays in the given font (it prints as a box rather than vanishing).
    """
    cmap = _coverage(font_name)
    if all(ord(ch) in cmap for ch in text):
        return [(None, text)] if text else []
    out: list[tuple[str | None, str]] = []
    run: list[str] = []
    run_font: str | None = None
    for ch in text:
        if ch.isspace():
            font = run_font  # spaces join whichever run they sit in
        elif ord(ch) in cmap:
            font = None
        else:
            font = _fallback_for(ch, fonts)
        if font != run_font and run:
            out.append((run_font, "".join(run)))
            run.clear()
        run_font = font
        run.append(ch)
    if run:
        out.append((run_font, "".join(run)))
    return out


def markup(text: str, font_name: str, fonts: FontSet) -> str:
    """``text`` as reportlab paragraph markup: escaped, runs the font lacks switched to a fallback font.

    Escaping here (and only here) turns ``&``, ``<`` and ``>`` into entities, so text such as
    ``<img src=...>`` prints literally and is never read as markup or fetched.
    """
    return "".join(escape(chunk) if font is None else f'<font name="{font}">{escape(chunk)}</font>'
                   for font, chunk in runs(text, font_name, fonts))


def draw_centred(canvas, x: float, y: float, text: str, font_name: str, size: float, fonts: FontSet) -> None:
    """``canvas.drawCentredString`` with per-run font fallback."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    parts = [(font or font_name, chunk) for font, chunk in runs(text, font_name, fonts)]
    left = x - sum(stringWidth(chunk, font, size) for font, chunk in parts) / 2
    for font, chunk in parts:
        canvas.setFont(font, size)
        canvas.drawString(left, y, chunk)
        left += stringWidth(chunk, font, size)
