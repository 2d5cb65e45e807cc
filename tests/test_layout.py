"""The layout rules of docs/architecture.md, checked on the source.

Every ``import`` of an ``expander`` module counts, at module level or inside a
function, under ``TYPE_CHECKING`` or not: a lazy import still ties two modules
together, and a cycle through one is still a cycle for whoever reads the code.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "expander"

# Lower layers never import higher ones. The top-level modules are the core.
LAYERS = {"core": 0, "email": 1, "suggest": 2, "stats": 3, "team": 3, "desktop": 4, "cli": 5}
# Packages that may import each other although on the same layer: none.
DESKTOP_LIBRARIES = ("pynput", "pystray", "pyperclip", "tkinter", "_tkinter", "Xlib", "gi")
MAX_MODULE_LINES = 900


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, e.g. "expander.stats.store"
    target: str  # the imported module, e.g. "expander.email.privacy"
    names: tuple[str, ...]
    line: int


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


MODULES = _modules()


def _resolve(target: str, name: str | None) -> str:
    """``from target import name``: the module meant, submodule or not."""
    if name is not None and f"{target}.{name}" in MODULES:
        return f"{target}.{name}"
    return target


def _imports(module: str, path: Path) -> Iterator[Import | tuple[str, int]]:
    """The expander modules ``module`` imports, and (name, line) of other top-level imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "expander":
                    yield Import(module, alias.name, (), node.lineno)
                else:
                    yield (alias.name.split(".")[0], node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] != "expander":
                yield (base.split(".")[0], node.lineno)
                continue
            names = tuple(alias.name for alias in node.names)
            targets = {_resolve(base, name) for name in names}
            for target in targets:
                yield Import(module, target, names, node.lineno)


def _all_imports() -> list[Import]:
    return [
        item
        for module, path in MODULES.items()
        for item in _imports(module, path)
        if isinstance(item, Import)
    ]


def _package_of(module: str) -> str:
    if module == "expander.__main__":  # ``python -m expander`` is the CLI
        return "cli"
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in LAYERS:
        return parts[1]
    return "core"


def test_there_are_at_least_five_sub_packages() -> None:
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert {"email", "suggest", "team", "stats", "cli", "desktop"} <= packages


def test_no_import_cycle() -> None:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for imp in _all_imports():
        if imp.target in graph and imp.target != imp.source:
            graph[imp.source].add(imp.target)
    # Modules import their siblings directly, never through their package's
    # __init__ (which re-exports them): that would be a cycle too.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    assert not cycles, cycles


def test_packages_import_only_downward() -> None:
    wrong = []
    for imp in _all_imports():
        source, target = _package_of(imp.source), _package_of(imp.target)
        if imp.source == "expander":
            # the public API re-exports the core, e-mail reading and, lazily,
            # the suggestion type; never the app, the CLI or team/stats code
            if target not in ("core", "email", "suggest"):
                wrong.append(f"{imp.source}:{imp.line} imports {imp.target}")
            continue
        if source == target:
            continue
        if LAYERS[target] >= LAYERS[source]:
            wrong.append(f"{imp.source}:{imp.line} imports {imp.target}")
    assert not wrong, "\n".join(wrong)


def test_no_private_name_is_imported_from_another_package() -> None:
    wrong = [
        f"{imp.source}:{imp.line} imports {name} from {imp.target}"
        for imp in _all_imports()
        for name in imp.names
        if name.startswith("_")
        and not name.startswith("__")
        and _package_of(imp.source) != _package_of(imp.target)
    ]
    assert not wrong, "\n".join(wrong)


def test_only_the_desktop_backends_import_desktop_libraries() -> None:
    wrong = []
    for module, path in MODULES.items():
        if module.startswith("expander.desktop.backends"):
            continue
        for item in _imports(module, path):
            if not isinstance(item, Import) and item[0] in DESKTOP_LIBRARIES:
                wrong.append(f"{module}:{item[1]} imports {item[0]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_too_long(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{MODULES[module]} has {lines} lines"


def test_the_architecture_doc_names_every_package_and_module() -> None:
    doc = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [
        module
        for module, path in MODULES.items()
        if path.name not in ("__init__.py", "__main__.py") and f"{path.stem}" not in doc
    ]
    assert not missing, missing
