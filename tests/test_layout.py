"""The layout a reader relies on: data flows one way, so no module of the project imports, directly or
through others, a module that imports it back; the README stays a front page with the rest in docs/; and
every relative link of README.md and docs/ leads to a file that exists (and to a heading of it, for a
#fragment)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("geo", "gazetteer", "dashboard", "corpus", "benchmarks", "strike_map")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules a file imports anywhere in it; `from package import submodule` counts as the
    submodule, not the package."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            inner = {f"{node.module}.{alias.name}" for alias in node.names} & modules.keys()
            found |= inner or ({node.module} & modules.keys())
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = 1
        path.append(module)
        for other in sorted(graph[module]):
            if state.get(other) == 1:
                return path[path.index(other) :] + [other]
            if other not in state and (found := visit(other)):
                return found
        path.pop()
        state[module] = 2
        return []

    for module in sorted(graph):
        if module not in state and (found := visit(module)):
            return found
    return []


def test_no_module_imports_one_that_imports_it_back():
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    assert len(graph) > 50
    assert _cycle(graph) == []


def test_geo_imports_nothing_built_on_it():
    """No arrow runs back up: no module of geo/ reaches, directly or through others, corpus/, dashboard/ or
    the command line above them (strike_map/)."""
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    reached: set[str] = set()
    todo = [name for name in graph if name.split(".")[0] == "geo"]
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo += graph[module]
    assert {m.split(".")[0] for m in reached} == {"geo", "gazetteer"}
    assert "corpus.cli" in graph["strike_map.cli"] and "geo.run.cli" in graph["strike_map.cli"]


def _anchor(heading: str) -> str:
    """GitHub's anchor of a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_readme_is_a_front_page_and_docs_holds_the_rest():
    assert (ROOT / "README.md").stat().st_size <= 10_240
    pages = {page.name for page in (ROOT / "docs").glob("*.md")}
    assert {"architecture.md", "geoparser.md", "gazetteer.md", "cli.md", "benchmarks.md"} <= pages


def test_every_relative_link_in_readme_and_docs_resolves():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    checked, broken = 0, []
    for page in pages:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, fragment = target.partition("#")
            linked = (page.parent / file).resolve() if file else page
            checked += 1
            if not linked.exists():
                broken.append(f"{page.name}: {target}")
            elif fragment and linked.suffix == ".md":
                headings = re.findall(r"^#+\s+(.*)$", linked.read_text(encoding="utf-8"), flags=re.M)
                if fragment not in {_anchor(h) for h in headings}:
                    broken.append(f"{page.name}: {target}")
    assert checked > 5
    assert broken == []


OUTER = ("dashboard", "corpus", "benchmarks")


def _geo_api() -> set[str]:
    """The names geo/__init__.py lists in `__all__`."""
    for node in ast.parse((ROOT / "geo" / "__init__.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            return {element.value for element in node.value.elts}
    return set()


def test_outer_layers_use_geo_only_through_its_public_api():
    """dashboard/, corpus/ and benchmarks/ import `geo` or names of its `__all__`, never a stage's module."""
    modules = _modules()
    api = _geo_api()
    reaching_in, unexported, imported = [], [], set()
    for name, path in modules.items():
        if name.split(".")[0] not in OUTER:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                reaching_in += [f"{name}: import {a.name}" for a in node.names if a.name.startswith("geo.")]
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("geo."):
                reaching_in.append(f"{name}: from {node.module} import ...")
            elif isinstance(node, ast.ImportFrom) and node.module == "geo":
                imported |= {a.name for a in node.names}
                unexported += [f"{name}: {a.name}" for a in node.names if a.name not in api]
    assert len(imported) > 20
    assert reaching_in == []
    assert unexported == []
    assert not {f"geo.{name}" for name in api} & modules.keys(), "an API name hides a submodule of geo"


def test_streamlit_stays_out_of_geo():
    imports = set()
    for path in (ROOT / "geo").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imports |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                imports.add(node.module.split(".")[0])
    assert {"spacy", "gazetteer"} <= imports
    assert "streamlit" not in imports


def test_recognition_and_resolution_reach_no_later_stage():
    """Data flows one way: finding and resolving names never needs the roles, claims or dates read from them."""
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    for start in [m for m in graph if m.startswith(("geo.recognition", "geo.resolution", "geo.grammar"))]:
        seen, todo = set(), [start]
        while todo:
            for other in graph[todo.pop()] - seen:
                seen.add(other)
                todo.append(other)
        assert not {m for m in seen if m.startswith(("geo.roles", "geo.claims", "geo.dates"))}, start
