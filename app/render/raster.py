"""The memo as page images, for the GUI preview and the benchmark: the real PDF, rasterised with pypdfium2.

Qt-free: pages come back as raw RGBA rows that the GUI wraps in QImages. PDFium is not thread-safe, so every
call into it holds one process-wide lock.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.model import Briefing
from app.extract.topics import Taxonomy

PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class PageImage:
    width: int
    height: int
    stride: int
    data: bytes  # RGBA (4 bytes a pixel), ``height`` rows of ``stride`` bytes


@dataclass
class Preview:
    pages: list[PageImage] = field(default_factory=list)
    page_count: int = 0
    layout_seconds: float = 0.0  # build the memo and write the PDF
    raster_seconds: float = 0.0  # all pages to images


def rasterise(pdf_path: Path, width_px: int, max_pages: int | None = None) -> list[PageImage]:
    """Every page (or the first ``max_pages``) ``width_px`` pixels wide, on a white background."""
    import pypdfium2 as pdfium

    images = []
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(pdf_path))
        try:
            count = len(pdf) if max_pages is None else min(len(pdf), max_pages)
            for index in range(count):
                page = pdf[index]
                scale = max(0.1, width_px / page.get_width())
                bitmap = page.render(scale=scale, rev_byteorder=True,  # RGBA byte order
                                     force_bitmap_format=pdfium.raw.FPDFBitmap_BGRA)
                images.append(PageImage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)))
                bitmap.close()
                page.close()
        finally:
            pdf.close()
    return images


def preview_briefing(briefing: Briefing, width_px: int, taxonomy: Taxonomy | None = None,
                     is_cancelled=None) -> Preview:
    """Lay the memo out as a PDF in a temporary file and rasterise its pages; the file is removed after."""
    from app.memo import build_memo
    from app.render.pdf_writer import render_pdf

    cancelled = is_cancelled or (lambda: False)
    start = time.perf_counter()
    memo = build_memo(briefing, taxonomy)
    handle, name = tempfile.mkstemp(prefix="briefing-preview-", suffix=".pdf")
    os.close(handle)
    path = Path(name)
    try:
        pages = render_pdf(memo, path)
        laid_out = time.perf_counter()
        if cancelled():
            return Preview(page_count=pages, layout_seconds=laid_out - start)
        images = rasterise(path, width_px)
        done = time.perf_counter()
    finally:
        try:
            path.unlink()
        except OSError:
            pass
    return Preview(images, pages, laid_out - start, done - laid_out)
