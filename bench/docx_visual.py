"""Word fidelity, by eye: the sample articles exported with every template as PDF and as DOCX, the DOCX
converted to PDF by LibreOffice, and both rendered side by side, one PNG per page pair.

    python bench/docx_visual.py [OUT_DIR] [--dpi 60]

OUT_DIR (default build/docx-visual/) gets ``TEMPLATE-page-N.png`` (app's PDF left, LibreOffice's right),
or ``TEMPLATE-page-N-pdf.png`` / ``TEMPLATE-page-N-docx.png`` when Pillow is missing, plus the exported
files. Prints the page counts per template. LibreOffice runs with a private profile, and with the app's own
fonts (resources/fonts) visible to it, as they are on a machine that has them installed.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEMPLATES = ("information-memo", "point-paper", "executive-brief")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def fontconfig_file(folder: Path) -> Path:
    """A fontconfig set-up: the system's fonts plus the app's own (IPAex Mincho for Japanese, Nanum)."""
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{ROOT / 'resources' / 'fonts'}</dir>\n"
        f"  <cachedir>{folder / 'fc-cache'}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    return conf


def convert_with_libreoffice(docx_files: list[Path], out_dir: Path, work: Path) -> None:
    """All files in one soffice run (a start costs seconds); a private profile, so parallel runs never
    share one."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not on PATH")
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file(work)))
    profile = (work / "lo-profile").as_uri()
    subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docx_files)],
                   check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)


def export_all(out_dir: Path, briefing=None) -> dict[str, tuple[Path, Path, int]]:
    """Every template as (pdf, docx, pdf pages) in ``out_dir``; the seeds unless a briefing is given."""
    from app.render import export_memo
    from app.run.pipeline import build_briefing

    if briefing is None:
        briefing = build_briefing(sorted((ROOT / "seeds").glob("*.txt"))).briefing
    made = {}
    for name in TEMPLATES:
        briefing.memo = dataclasses.replace(briefing.memo, template=name)
        pdf, docx = out_dir / f"{name}.pdf", out_dir / f"{name}.docx"
        pages = export_memo(briefing, pdf).pages or 0
        export_memo(briefing, docx)
        made[name] = (pdf, docx, pages)
    return made


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def render_pages(pdf: Path, prefix: Path, dpi: int) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    return sorted(prefix.parent.glob(prefix.name + "-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def side_by_side(name: str, left: list[Path], right: list[Path], out_dir: Path) -> list[Path]:
    try:
        from PIL import Image, ImageOps
    except ImportError:
        Image = None  # noqa: N806
    written = []
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else None
        b = right[i] if i < len(right) else None
        if Image is None:
            for path, kind in ((a, "pdf"), (b, "docx")):
                if path is not None:
                    target = out_dir / f"{name}-page-{i + 1}-{kind}.png"
                    shutil.copyfile(path, target)
                    written.append(target)
            continue
        images = [Image.open(p).convert("RGB") if p else None for p in (a, b)]
        w = max(im.width for im in images if im)
        h = max(im.height for im in images if im)
        sheet = Image.new("RGB", (2 * w + 30, h + 20), "#808080")
        for col, im in enumerate(images):
            if im is not None:
                sheet.paste(ImageOps.expand(im, 1, "#404040"), (10 + col * (w + 10), 10))
        target = out_dir / f"{name}-page-{i + 1}.png"
        sheet.save(target)
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "build" / "docx-visual")
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args(argv)
    if soffice() is None:
        # skipped, not failed: `make bench` runs every script, also where LibreOffice is not installed
        print("docx_visual: skipped: LibreOffice (soffice) is not on PATH; install libreoffice-writer-nogui")
        return 0
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docx-visual-") as tmp:
        work = Path(tmp)
        made = export_all(out)
        lo_dir = out / "libreoffice"
        lo_dir.mkdir(exist_ok=True)
        convert_with_libreoffice([docx for _, docx, _ in made.values()], lo_dir, work)
        print(f"{'template':<18} {'PDF pages':>9} {'LibreOffice pages':>17}")
        for name, (pdf, _, pages) in made.items():
            converted = lo_dir / f"{name}.pdf"
            left = render_pages(pdf, work / f"{name}-pdf", args.dpi)
            right = render_pages(converted, work / f"{name}-docx", args.dpi)
            side_by_side(name, left, right, out)
            print(f"{name:<18} {pages:>9} {pdf_pages(converted):>17}")
    print(f"pages side by side in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
