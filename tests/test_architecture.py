"""The shape of app/: the core stays Qt-free, layers import only downwards, no modules import each other round
a loop, and no module grows past MAX_LINES.

The import graph is read from the source with ``ast`` (nothing is imported); imports inside functions and
under ``TYPE_CHECKING`` count as much as those at the top. docs/architecture.md describes the layers.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
QT_ROOTS = {"PySide6", "shiboken6"}

# Lowest first. A module may import its own package and any package of a lower layer; packages that share
# a layer do not import each other. ``app`` is the package itself (``__version__``).
LAYERS: list[set[str]] = [
    {"app", "app.shared"},  # errors, paths, the atomic writer, the GC pause
    {"app.domain"},  # Article, Fact, Briefing, ... (plain dataclasses)
    {"app.ingest"},  # read, decode, clean, split into sentences
    {"app.extract"},  # facts, merging, entities, dates, conflicts, events, wording
    {"app.memo", "app.edits"},  # the memo document model; undoable edits
    {"app.render", "app.store"},  # DOCX/PDF; project files
    {"app.run"},  # the pipeline, worker processes, a job in a child process
    {"app.launch"},  # command line, self-test, display check
    {"app.ui"},  # the PySide6 window
    {"app.__main__"},  # the launcher: hands the command line the window's entry points
]
# Only these may import Qt or the GUI package.
MAY_IMPORT_THE_GUI = {"app.ui", "app.__main__"}

# Known imports against the layers, each with why it is still there. The test fails when one disappears,
# so that this list only shrinks.
KNOWN_UPWARD = {
    ("app.extract.engine", "app.memo.selection"):
        "the default ticks fill the memo's page budget; the call belongs in app.run once extract is free to edit",
    ("app.extract.engine", "app.run.pool"):
        "annotation only (TYPE_CHECKING): the pipeline hands the engine its worker pool",
}
KNOWN_CYCLE_EDGES = {
    ("app.memo.selection", "app.memo.build"):
        "selection lays the memo out to fit it, and timeline_rows (under build) reuses selection's "
        "near-duplicate test; moving signature/near_duplicate to their own module would end it",
}

# A module past this many lines is split along a seam, into modules named for what they do.
MAX_LINES = 400
LONG_MODULES: dict[str, str] = {}  # a module allowed past the limit, with why (none today)


def module_name(path: Path, root: Path = APP) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path, name: str, modules: Iterable[str]) -> set[str]:
    """Every module ``path`` (module ``name``) imports: ``from a.b import c`` names ``a.b.c`` when that is a
    module, else ``a.b``; relative imports are resolved."""
    modules = set(modules)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                found.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source)
    return found


def import_graph(root: Path = APP) -> dict[str, set[str]]:
    """Module -> every module it imports (third-party ones included, by their dotted name)."""
    paths = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    return {name: imported_names(path, name, paths) for name, path in paths.items()}


def _is_in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def layer_of(module: str) -> tuple[int, str]:
    """(layer index, package) of an app module: the longest package of LAYERS that holds it."""
    matches = [(len(p), i, p) for i, layer in enumerate(LAYERS) for p in layer if _is_in(module, p)]
    if not matches:
        raise AssertionError(f"{module} is in no layer: add its package to LAYERS in {Path(__file__).name}")
    _, index, package = max(matches)
    return index, package


def gui_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{module} imports {target}" for module, targets in graph.items() for target in targets
                  if (target.split(".")[0] in QT_ROOTS or _is_in(target, "app.ui"))
                  and not any(_is_in(module, allowed) for allowed in MAY_IMPORT_THE_GUI))


def layer_violations(graph: dict[str, set[str]], known: Iterable[tuple[str, str]] = ()) -> list[str]:
    known = set(known)
    found = []
    for module, targets in sorted(graph.items()):
        here, own = layer_of(module)
        for target in sorted(t for t in targets if t in graph):
            there, theirs = layer_of(target)
            if theirs == own or there < here or (module, target) in known:
                continue
            relation = "the same layer as" if there == here else "a higher layer than"
            found.append(f"{module} imports {target}: {theirs} is in {relation} {own} (layers, lowest first: "
                         f"{' < '.join('/'.join(sorted(layer)) for layer in LAYERS)})")
    return found


def import_cycles(graph: dict[str, set[str]], ignored: Iterable[tuple[str, str]] = ()) -> list[list[str]]:
    """The groups of app modules that import each other, directly or round a loop (Tarjan's algorithm)."""
    ignored = set(ignored)
    edges = {m: sorted(t for t in ts if t in graph and t != m and (m, t) not in ignored) for m, ts in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(start: str) -> None:  # iterative: the graph's depth is not bounded by the recursion limit
        work = [(start, iter(edges[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    cycles.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return sorted(cycles)


def describe_cycle(graph: dict[str, set[str]], group: list[str]) -> str:
    members = set(group)
    links = [f"{m} -> {t}" for m in group for t in sorted(graph[m]) if t in members]
    return "import cycle between " + ", ".join(group) + " (" + "; ".join(links) + ")"


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


def test_only_the_ui_and_the_launcher_import_qt_or_the_ui():
    assert gui_imports(import_graph()) == []


def test_layers_import_only_downwards():
    assert layer_violations(import_graph(), KNOWN_UPWARD) == []


def test_no_import_cycles_between_modules():
    graph = import_graph()
    assert [describe_cycle(graph, group) for group in import_cycles(graph, KNOWN_CYCLE_EDGES)] == []


def test_the_known_exceptions_still_exist():
    graph = import_graph()
    stale = [f"{a} no longer imports {b}: remove it from the known exceptions"
             for a, b in [*KNOWN_UPWARD, *KNOWN_CYCLE_EDGES] if b not in graph.get(a, set())]
    assert stale == []


def test_every_package_has_a_layer():
    for module in import_graph():
        layer_of(module)  # raises, naming the module


def test_no_module_is_over_the_line_limit():
    long = {str(path.relative_to(APP)): n for path in sorted(APP.rglob("*.py"))
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert {p: f"{n} lines (at most {MAX_LINES}): split it along a seam" for p, n in long.items()
            if p not in LONG_MODULES} == {}


def _fake_app(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "app"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_checks_name_the_offending_import(tmp_path):
    root = _fake_app(tmp_path, {
        "__init__.py": "",
        "shared/__init__.py": "",
        "shared/errors.py": "def f():\n    from app.render import writer\n",  # upwards, even inside a function
        "render/__init__.py": "",
        "render/writer.py": "import app.shared\nfrom ..memo import build\n",
        "memo/__init__.py": "",
        "memo/build.py": "from app.render.writer import x\n",  # memo and render: a loop
        "store/__init__.py": "from app.render import writer\n",  # a sibling of the same layer
        "run/job.py": "from PySide6.QtCore import QObject\nimport app.ui.window\n",
    })
    graph = import_graph(root)
    assert graph["app.render.writer"] == {"app.shared", "app.memo.build"}
    violations = layer_violations(graph)
    assert any(v.startswith("app.shared.errors imports app.render.writer: app.render is in a higher layer than "
                            "app.shared") for v in violations)
    assert any(v.startswith("app.store imports app.render.writer: app.render is in the same layer as app.store")
               for v in violations)
    assert gui_imports(graph) == ["app.run.job imports PySide6.QtCore", "app.run.job imports app.ui.window"]
    cycles = import_cycles(graph)
    assert cycles == [["app.memo.build", "app.render.writer"]]
    assert "app.memo.build -> app.render.writer" in describe_cycle(graph, ["app.memo.build", "app.render.writer"])
    assert import_cycles(graph, [("app.memo.build", "app.render.writer")]) == []
