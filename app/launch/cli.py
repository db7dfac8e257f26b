"""Command line: open the GUI, or extract/export without it. Runs on the Qt-free core only: the window is
opened through the ``Gui`` the launcher (``app/__main__``) hands in, so nothing here imports ``app.ui``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from app import __version__
from app.shared.errors import BriefingError, ExportError, IngestError

PROG = "briefing-builder"
EXIT_BAD_INPUT = 2
EXIT_FAILED = 1


@dataclass(frozen=True)
class Gui:
    """The window's entry points, given by the launcher: the command line itself never imports Qt."""

    run: Callable[[list[Path]], int]  # open the window on these paths; the event loop's exit code
    startup_probe: Callable[[list[Path]], int]  # print when the window is first visible, then quit
    count_window_facts: Callable[[Path, Path, float], int]  # the self-test's window check (seeds, settings, s)


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage problem in one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see --help)\n")


def _gui_parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, description="Build a sourced briefing memo from news articles. "
                "Subcommands: extract, export (see 'briefing-builder extract --help').")
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    p.add_argument("--self-test", action="store_true",
                   help="check this installation on the sample articles (no display needed) and exit")
    p.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)  # packaging/measure.py
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="article files or folders to open (default: the sample articles)")
    return p


def _extract_parser() -> argparse.ArgumentParser:
    p = _Parser(prog=f"{PROG} extract", description="Print the articles and facts extracted from PATHs.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files or folders")
    p.add_argument("--format", choices=("json", "text"), default="json")
    return p


def _export_parser() -> argparse.ArgumentParser:
    p = _Parser(prog=f"{PROG} export", description="Export a memo of the default selection of facts.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files or folders")
    p.add_argument("--output", "-o", required=True, type=Path, help="FILE.docx or FILE.pdf")
    p.add_argument("--subject")
    p.add_argument("--to")
    p.add_argument("--from", dest="sender")
    p.add_argument("--classification")
    return p


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


def _load(paths: Sequence[Path]):  # -> Briefing
    from app.run.pipeline import AUTO, build_briefing

    result = build_briefing(paths, workers=AUTO)  # big batches use worker processes
    if result.errors:
        first = result.errors[0]
        more = len(result.errors) - 1
        raise IngestError(first.path, first.problem + (f" (and {more} more bad files)" if more else ""))
    if not result.briefing.articles:
        raise IngestError(paths[0], "contains no readable articles")
    for article in result.briefing.articles:
        for warning in article.warnings:  # read, but the user should check it: said, and not an error
            print(f"{PROG}: warning: {Path(article.path).name}: {warning}", file=sys.stderr)
    return result.briefing


def _run_extract(args: argparse.Namespace) -> int:
    from app.launch.serialize import briefing_to_json, briefing_to_text

    briefing = _load(args.paths)
    if args.format == "json":
        json.dump(briefing_to_json(briefing), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(briefing_to_text(briefing))
    return 0


def _run_export(args: argparse.Namespace) -> int:
    from app.render import export_memo

    if args.output.suffix.lower() not in (".docx", ".pdf"):
        return _fail(f"{args.output.name}: the output must end in .docx or .pdf")
    briefing = _load(args.paths)
    memo = briefing.memo
    for field_name, value in (("subject", args.subject), ("to", args.to), ("sender", args.sender),
                              ("classification", args.classification)):
        if value is not None:
            setattr(memo, field_name, value)
    result = export_memo(briefing, args.output)
    pages = f" ({result.pages} pages)" if result.pages else ""
    print(f"Exported {result.path}{pages}")
    _budget_warning(briefing, result.pages)
    return 0


def _budget_warning(briefing, pages: int | None) -> None:
    """On stderr, when the memo runs past its template's page budget (a Word file's pages are estimated
    from the same layout as the PDF's)."""
    from app.memo import build_memo
    from app.memo.budget import budget_note, estimate_pages, page_budget

    if pages is None:
        pages = estimate_pages(build_memo(briefing))
    note = budget_note(pages, page_budget(briefing))
    if note:
        print(f"Note: {note}; untick facts to shorten it.", file=sys.stderr)


def main(argv: Sequence[str], gui: Gui | None = None) -> int:
    argv = list(argv)
    try:
        if argv and argv[0] == "extract":
            return _run_extract(_extract_parser().parse_args(argv[1:]))
        if argv and argv[0] == "export":
            return _run_export(_export_parser().parse_args(argv[1:]))
        args = _gui_parser().parse_args(argv)
        if args.self_test:
            from app.launch.selftest import run as run_self_test

            return run_self_test(window_check=gui.count_window_facts if gui else None)
        return _run_gui(args.paths, gui, probe=args.startup_probe)
    except IngestError as exc:
        return _fail(str(exc), EXIT_BAD_INPUT)
    except ExportError as exc:
        return _fail(str(exc), EXIT_FAILED)
    except BriefingError as exc:
        return _fail(str(exc), EXIT_FAILED)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        return 0


def _run_gui(paths: list[Path], gui: Gui | None, probe: bool = False) -> int:
    from app.launch.desktop_check import platform_problem
    from app.shared.paths import seeds_dir

    if gui is None:
        return _fail("this entry point has no window; use extract or export", EXIT_FAILED)
    problem = platform_problem()
    if problem:
        return _fail(problem, EXIT_FAILED)
    if probe:  # print when the window is first visible, then quit (start-up measurement)
        return gui.startup_probe(paths or [seeds_dir()])
    return gui.run(paths or [seeds_dir()])
