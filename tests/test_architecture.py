"""The core stays Qt-free: only app/ui (and the launcher) may import PySide6."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
QT_ROOTS = {"PySide6", "shiboken6"}


def qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in QT_ROOTS]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in QT_ROOTS:
            found.append(node.module)
    return found


def test_no_qt_outside_the_ui_package():
    offenders = {}
    for path in APP.rglob("*.py"):
        rel = path.relative_to(APP)
        if rel.parts[0] == "ui":
            continue
        if imports := qt_imports(path):
            offenders[str(rel)] = imports
    assert offenders == {}


def test_the_check_sees_qt_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from PySide6.QtCore import QObject\n", encoding="utf-8")
    assert qt_imports(sample) == ["PySide6.QtCore"]
