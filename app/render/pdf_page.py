"""What every PDF page carries around the story: the banner at top and bottom and ``Page X of Y``, drawn
once the page count is known (``pdf_writer`` lays out the story)."""

from __future__ import annotations

from app.memo.document import MemoDocument
from app.render.pdf_fonts import FontSet, draw_centred

INCH = 72.0


class Furniture:
    """What every page carries: the banner at top and bottom and ``Page X of Y``."""

    def __init__(self, memo: MemoDocument, fonts: FontSet) -> None:
        self.banner = memo.banner
        self.layout = memo.layout
        self.fonts = fonts
        self.total = 0

    def draw(self, canvas, number: int, total: int) -> None:
        lay, fonts = self.layout, self.fonts
        centre = lay.page_width * INCH / 2
        canvas.saveState()
        draw_centred(canvas, centre, lay.page_height * INCH - 0.55 * INCH, self.banner, fonts.bold,
                     lay.small_pt, fonts)
        draw_centred(canvas, centre, 0.62 * INCH, f"Page {number} of {total}", fonts.regular, lay.small_pt,
                     fonts)
        draw_centred(canvas, centre, 0.42 * INCH, self.banner, fonts.bold, lay.small_pt, fonts)
        canvas.restoreState()


def numbered_canvas(base):
    """A reportlab canvas class, built on ``base``, that draws each page's ``Furniture`` once the page count is
    known."""

    class NumberedCanvas(base):
        """Holds pages back until the end so each can say ``Page X of Y`` in a single layout pass."""

        def __init__(self, *args, furniture: Furniture, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._furniture = furniture
            self._held_pages: list[dict] = []
            self._held_marks: list[tuple[str, dict]] = []

        def bookmarkPage(self, key, **kwargs):  # noqa: N802 (reportlab API)
            # A bookmark points at the page being written; pages are written in save(), so wait till then.
            # (Link targets such as <a name="source-1"/> come here too, with their position in kwargs.)
            self._held_marks.append((key, kwargs))

        def showPage(self) -> None:  # noqa: N802
            self._held_pages.append(dict(self.__dict__))
            self._held_marks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                for key, kwargs in state["_held_marks"]:
                    base.bookmarkPage(self, key, **kwargs)
                self._furniture.draw(self, number, total)
                base.showPage(self)
            self._furniture.total = total
            if total:
                self.showOutline()
            base.save(self)

    return NumberedCanvas
