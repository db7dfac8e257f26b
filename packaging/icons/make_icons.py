"""Render the hand-drawn SVG icon to the PNG, ICO and ICNS files the platforms want.

    .venv/bin/python packaging/icons/make_icons.py

Qt's SVG renderer (PySide6.QtSvg, part of PySide6-Essentials) draws the SVG; Pillow (installed with
reportlab) writes the Windows .ico and macOS .icns from those PNGs. The outputs are committed, so a build
does not need this script.
"""

# ruff: noqa: TID251 - a build tool, not the Qt-free core
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "briefing-builder.svg"
HICOLOR = HERE.parent / "linux" / "hicolor"  # freedesktop icon theme layout, installed next to the .desktop
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG.name}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs an application object
    pngs = {size: render_png(size) for size in PNG_SIZES}
    (HERE / "briefing-builder.png").write_bytes(pngs[256])
    for size, data in pngs.items():
        target = HICOLOR / f"{size}x{size}" / "apps" / "briefing-builder.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    scalable = HICOLOR / "scalable" / "apps" / "briefing-builder.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes(SVG.read_bytes())
    images = {size: Image.open(io.BytesIO(data)) for size, data in pngs.items()}
    images[256].save(HERE / "briefing-builder.ico", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES if s != 256])
    images[512].save(HERE / "briefing-builder.icns",
                     append_images=[images[s] for s in (16, 32, 64, 128, 256)])
    print(f"wrote PNG {PNG_SIZES} (and {HICOLOR}), ICO {ICO_SIZES} and ICNS from {SVG.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
