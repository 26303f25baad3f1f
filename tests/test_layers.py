"""The layers of the project, enforced by reading the imports of every module.

    zv_portal       the project: settings, root URLs, WSGI (wires the apps together)
    dashboard       pages that combine apps, and dashboard.reports (their printed versions)
    casereflection  quarterly case reflections
    checklist       the beleidstheorie checklist
    governance      the register, werkagenda, meetings, checks, exchange
    core            the foundation: roles, history user, locking, uploads, CSV, links, errors

A module may import its own app and the apps *below* it, never an app above it. Modules may
not import each other in a circle, also not inside one app. Every ``import`` counts: at the top
of a module, inside a function, or under ``TYPE_CHECKING``. docs/architecture.md has the
picture; a new feature goes into the lowest layer that has everything it needs.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent

#: Bottom to top. A module of layer n may import layers 0..n.
LAYERS = (
    "core",
    "accounts",
    "governance",
    "checklist",
    "casereflection",
    "dashboard",
    "notifications",
    "zv_portal",
)


@dataclass(frozen=True)
class Violation:
    module: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.imported} (a layer above it)"


def project_modules(root: Path, packages=LAYERS) -> dict[str, Path]:
    """Module name → file, for every Python file of the given top-level packages."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _imports(module: str, path: Path, source: str) -> list[tuple[str, list[str], int]]:
    """Every import statement of ``source``: (absolute module, imported names, line).

    ``import a.b`` is ``("a.b", [], line)``; ``from .b import c`` inside ``a.x`` is
    ``("a.b", ["c"], line)``."""
    is_package = path.name == "__init__.py"
    found: list[tuple[str, list[str], int]] = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, [], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found.append((prefix, [alias.name for alias in node.names], node.lineno))
    return found


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph(
    modules: dict[str, Path], sources: dict[str, str] | None = None
) -> dict[str, dict[str, int]]:
    """module → {project module it imports: line}. ``sources`` overrides file contents.

    ``from package import submodule`` is an edge to the submodule only: the package's
    ``__init__`` runs first, but nothing of it is used, so it is not counted as a use."""
    graph: dict[str, dict[str, int]] = {}
    for module, path in modules.items():
        source = (sources or {}).get(module)
        if source is None:
            source = path.read_text(encoding="utf-8")
        edges: dict[str, int] = {}
        for prefix, names, line in _imports(module, path, source):
            targets = []
            for name in names:
                if f"{prefix}.{name}" in modules:
                    targets.append(f"{prefix}.{name}")
                else:
                    targets.append(_resolve(prefix, modules))
            if not names:
                targets.append(_resolve(prefix, modules))
            for target in targets:
                if target and target != module:
                    edges.setdefault(target, line)
        graph[module] = edges
    return graph


def layer_of(module: str) -> int:
    return LAYERS.index(module.split(".", 1)[0])


def upward_imports(graph: dict[str, dict[str, int]]) -> list[Violation]:
    return [
        Violation(module, target, line)
        for module, edges in sorted(graph.items())
        for target, line in sorted(edges.items())
        if layer_of(target) > layer_of(module)
    ]


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, {})))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


# --- the project ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph():
    return import_graph(project_modules(ROOT))


def test_the_layers_are_the_installed_apps_in_order():
    """INSTALLED_APPS lists the project's apps in the order of the layers (the settings say
    so), and no app of the project is left out of the layers."""
    ours = [
        app.split(".", 1)[0]
        for app in settings.INSTALLED_APPS
        if (ROOT / app.split(".", 1)[0]).is_dir()
    ]
    assert list(dict.fromkeys(ours)) == list(LAYERS[:-1])


def test_no_module_imports_a_layer_above_it(graph):
    assert [str(v) for v in upward_imports(graph)] == []


def test_core_imports_no_app_of_the_project(graph):
    assert {
        target.split(".", 1)[0]
        for module, edges in graph.items()
        if module.startswith("core")
        for target in edges
    } <= {"core"}


def test_nothing_imports_the_dashboard(graph):
    assert [
        f"{module} imports {target}"
        for module, edges in graph.items()
        if not module.startswith(("dashboard", "zv_portal"))
        for target in edges
        if target.startswith("dashboard")
    ] == []


def test_no_modules_import_each_other_in_a_circle(graph):
    assert cycles(graph) == []


# --- the test of the test ------------------------------------------------------------------


def test_an_upward_import_anywhere_in_a_module_is_found():
    """Add an import of a higher layer to a real module — at the top, inside a function, and
    as a relative import across packages — and the checker reports each one."""
    modules = project_modules(ROOT)
    original = modules["governance.rules"].read_text(encoding="utf-8")
    sources = {
        "governance.rules": original
        + "\n\ndef _sneaky():\n    from checklist.models import Item  # noqa\n    return Item\n",
        "core.links": modules["core.links"].read_text(encoding="utf-8")
        + "\nfrom governance.models import Region  # noqa\n",
        "checklist.views.comparison": modules["checklist.views.comparison"].read_text(
            encoding="utf-8"
        )
        + "\nfrom ...dashboard import selectors  # noqa\n",
    }
    found = {(v.module, v.imported) for v in upward_imports(import_graph(modules, sources))}
    assert found == {
        ("governance.rules", "checklist.models"),
        ("core.links", "governance.models"),
        ("checklist.views.comparison", "dashboard.selectors"),
    }


def test_a_circle_inside_one_app_is_found():
    modules = project_modules(ROOT)
    sources = {
        "governance.constants": modules["governance.constants"].read_text(encoding="utf-8")
        + "\nfrom governance.models import Region  # noqa\n",
    }
    found = cycles(import_graph(modules, sources))
    assert any({"governance.constants", "governance.models"} <= set(c) for c in found), found


def test_the_checker_reads_what_python_reads(tmp_path):
    """A tiny tree: relative imports resolve like Python's, a package's own submodule is not
    an edge to itself, and an import of an unknown module is ignored."""
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "__init__.py").write_text("from . import a\n")
    (tmp_path / "core" / "a.py").write_text("import os\nfrom .b import thing\n")
    (tmp_path / "core" / "b.py").write_text("from core import a\nthing = 1\n")
    (tmp_path / "governance").mkdir()
    (tmp_path / "governance" / "__init__.py").write_text("from core.a import thing\n")
    modules = project_modules(tmp_path, packages=("core", "governance"))
    graph = import_graph(modules)
    assert graph == {
        "core": {"core.a": 1},
        "core.a": {"core.b": 2},
        "core.b": {"core.a": 1},
        "governance": {"core.a": 1},
    }
    assert upward_imports(graph) == []
    assert cycles(graph) == [["core.a", "core.b"]]
