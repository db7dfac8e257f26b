"""``--self-test``: passes on a good install, and names what broke in one line when something did."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.launch import selftest
from app.shared.errors import BriefingError

ROOT = Path(__file__).resolve().parent.parent


def _run_core_only(**kwargs) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = selftest.run(gui=False, out=out, err=err, **kwargs)
    return code, out.getvalue(), err.getvalue()


def _one_line(text: str) -> str:
    lines = text.splitlines()
    assert len(lines) == 1, text
    return lines[0]


def test_self_test_from_source_passes_in_one_line() -> None:
    env = {**os.environ}
    env.pop("QT_QPA_PLATFORM", None)  # the self test must force offscreen itself
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run([sys.executable, "-m", "app", "--self-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    line = _one_line(done.stdout)
    assert line.startswith("self-test passed: 2 articles, ")
    assert "memo.pdf" in line and "pages" in line and "window shows" in line


def test_summary_counts_match_the_pipeline() -> None:
    from app.run.pipeline import build_briefing
    from app.shared.paths import seeds_dir

    briefing = build_briefing([seeds_dir()]).briefing
    code, out, err = _run_core_only()
    assert code == 0, err
    ticked = sum(f.included for f in briefing.facts)
    assert f"{len(briefing.facts)} facts ({ticked} ticked)" in _one_line(out)
    assert f"memo.docx {ticked} facts" in out
    assert err == ""


def test_missing_seeds_folder_fails_with_one_clear_line(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "no-seeds-here"
    monkeypatch.setattr("app.shared.paths.seeds_dir", lambda: missing)
    code, out, err = _run_core_only()
    assert code == selftest.EXIT_FAILED
    assert out == ""
    line = _one_line(err)
    assert line.startswith("self-test FAILED: the sample articles are missing")
    assert str(missing) in line


def test_empty_seeds_folder_fails(tmp_path: Path) -> None:
    code, _out, err = _run_core_only(seeds=tmp_path)
    assert code == selftest.EXIT_FAILED
    line = _one_line(err)
    assert line.startswith("self-test FAILED: the sample articles could not be read: ")
    assert "contains no supported files" in line


def test_a_fact_missing_from_the_exported_memo_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    import app.render
    from app.memo.document import FactParagraph

    real_build = app.render.build_memo

    def drop_last_fact(briefing, taxonomy=None):
        memo = real_build(briefing, taxonomy)
        last = max(i for i, b in enumerate(memo.blocks) if isinstance(b, FactParagraph))
        del memo.blocks[last]
        return memo

    monkeypatch.setattr(app.render, "build_memo", drop_last_fact)  # what export_memo renders
    code, _out, err = _run_core_only()
    assert code == selftest.EXIT_FAILED
    line = _one_line(err)
    assert "memo.docx lacks ticked fact" in line or "memo.docx contains" in line


def test_html_reader_falling_back_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a frozen build without trafilatura's data files would do: the HTML reader falls back."""
    import trafilatura

    def broken(*_args, **_kwargs):
        raise FileNotFoundError("settings.cfg")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    code, _out, err = _run_core_only()
    assert code == selftest.EXIT_FAILED
    assert "the HTML reader fell back to plain text" in _one_line(err)


def test_preview_renderer_missing_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a bundle without pypdfium2 would do: the memo preview cannot render."""

    def broken(*_args, **_kwargs):
        raise ImportError("No module named 'pypdfium2'")

    monkeypatch.setattr("app.render.raster.rasterise", broken)
    code, _out, err = _run_core_only()
    assert code == selftest.EXIT_FAILED
    assert "the memo preview cannot render memo.pdf" in _one_line(err)


def test_export_error_is_reported_with_its_detail(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.shared.errors import ExportError

    def fail(*_args, **_kwargs):
        raise ExportError("Cannot write memo.docx: the folder does not exist", "docx/parts/../templates")

    monkeypatch.setattr("app.render.export_memo", fail)
    code, _out, err = _run_core_only()
    assert code == selftest.EXIT_FAILED
    assert _one_line(err) == ("self-test FAILED: ExportError: Cannot write memo.docx: "
                              "the folder does not exist (docx/parts/../templates)")


def test_unexpected_exception_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args, **_kwargs):
        raise RuntimeError("first line\nsecond line")

    monkeypatch.setattr("app.run.pipeline.build_briefing", boom)
    code, _out, err = _run_core_only()
    assert code == selftest.EXIT_FAILED
    assert _one_line(err) == "self-test FAILED: unexpected RuntimeError: first line"


@pytest.mark.parametrize(("text", "message"), [
    ("Alpha one.\nGamma three.", "lacks ticked fact 2 of 3 at all"),
    ("Alpha one. Gamma three. Beta two.", "lacks ticked fact 3 of 3 in memo order"),
    ("Alpha one. Beta two. Gamma three. Delta four.", "contains an unticked fact: 'Delta four.'"),
])
def test_check_contents(text: str, message: str) -> None:
    with pytest.raises(selftest.SelfTestFailure, match=message.replace(".", r"\.")):
        selftest.check_contents("memo.pdf", text, ["Alpha one.", "Beta two.", "Gamma three."],
                                ["Delta four."])


def test_check_contents_ignores_line_breaks_inside_facts() -> None:
    selftest.check_contents("memo.pdf", "Alpha\none. Beta tw\no.", ["Alpha one.", "Beta two."], [])


def test_running_heads_and_footers_do_not_split_a_fact() -> None:
    pages = ["UNCLASSIFIED\nAlpha one. Beta\nUNCLASSIFIED\nPage 1 of 2",
             "UNCLASSIFIED\ntwo. Gamma three.\nUNCLASSIFIED\nPage 2 of 2"]
    text = selftest.drop_running_lines(pages)
    assert "UNCLASSIFIED" not in text and "Page" not in text
    selftest.check_contents("memo.pdf", text, ["Alpha one.", "Beta two.", "Gamma three."], [])
    assert selftest.drop_running_lines(["Only page\nPage 1 of 1"]) == "Only page\nPage 1 of 1"


def test_window_check_counts_the_facts_the_window_shows(qapp, tmp_path: Path) -> None:
    from app.shared.paths import seeds_dir
    from app.ui.selfcheck import open_window_and_count_facts

    rows = open_window_and_count_facts(seeds_dir(), tmp_path / "settings", timeout=120)
    from app.run.pipeline import build_briefing

    assert rows == len(build_briefing([seeds_dir()]).briefing.facts) > 0


def test_window_load_failure_becomes_a_failure_not_a_dialog(qapp, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from app.shared.paths import seeds_dir
    from app.ui import dialogs, jobs
    from app.ui.selfcheck import open_window_and_count_facts

    def fail(*_args, **_kwargs):
        raise BriefingError("the samples vanished")

    monkeypatch.setattr(jobs, "load_and_extract", fail)
    real_dialog = dialogs.show_error
    expected = "the window reported Loading failed: the samples vanished"
    with pytest.raises(selftest.SelfTestFailure, match=expected):
        open_window_and_count_facts(seeds_dir(), tmp_path / "settings", timeout=60)
    assert dialogs.show_error is real_dialog  # restored afterwards


def test_cli_help_lists_self_test_and_hides_the_probe() -> None:
    done = subprocess.run([sys.executable, "-m", "app", "--help"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0
    assert "--self-test" in done.stdout
    assert "--startup-probe" not in done.stdout


def test_version_is_defined_once() -> None:
    done = subprocess.run([sys.executable, "-m", "app", "--version"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == f"briefing-builder {__version__}"
    hits = [p for p in (ROOT / "app").rglob("*.py") if "__version__ =" in p.read_text(encoding="utf-8")]
    assert hits == [ROOT / "app" / "__init__.py"]
