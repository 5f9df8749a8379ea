"""The layer order: every module imports only from layers below it (docs/design.md, "Layers").

The check reads the source with ``ast``, so it sees every import: at the top, under ``TYPE_CHECKING``
and inside functions. Imports of valuering inside a function are refused too (no dodging a circle),
except in a package's ``__getattr__``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import valuering

# Bottom to top; a module may import from its own layer's package and from any layer below.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("model", "_tables", "_collector"),
    ("_document",),
    ("catalog",),
    ("validation",),
    ("io",),
    ("examples", "demand", "templates"),
    ("graph",),
    ("scoring", "diagnosis", "audit", "kpis"),
    ("planning", "history", "surveys"),
    ("plot",),
    ("report",),
    ("testing",),
    ("cli",),
    ("__init__", "__main__"),
)

# Imports that stay inside a function on purpose: Hypothesis loads this plugin in every project that
# has valuering installed, so it must not import valuering until a strategy is asked for.
LAZY = {"testing/_plugin.py"}

RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
SOURCE = Path(valuering.__file__).parent


def _part(dotted: str) -> str | None:
    """The top part of a valuering module name (``valuering.graph._build`` -> ``graph``)."""
    parts = dotted.split(".")
    if parts[0] != "valuering":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _module_part(path: Path, root: Path) -> str:
    relative = path.relative_to(root).with_suffix("")
    return relative.parts[0] if relative.parts[0] != "__init__" else "__init__"


def _imported(node: ast.AST, module: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:  # relative: resolve against the importing module's package
            base = module.split(".")[: -node.level]
            return [".".join([*base, node.module] if node.module else base)]
        if node.module == "valuering":  # from valuering import demand -> valuering.demand
            return [f"valuering.{alias.name}" for alias in node.names]
        return [node.module or ""]
    return []


def layer_violations(root: Path) -> list[str]:
    """Every import in the package at ``root`` that goes up the layer order or hides in a function."""
    found = []
    for path in sorted(root.rglob("*.py")):
        own = _module_part(path, root)
        if own not in RANK:
            found.append(f"{path.relative_to(root)}: module is in no layer; add it to LAYERS")
            continue
        module = "valuering." + ".".join(path.relative_to(root).with_suffix("").parts)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        in_function: set[ast.AST] = set()
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                and node.name != "__getattr__"
            ):
                in_function.update(ast.walk(node))
        for node in ast.walk(tree):
            for name in _imported(node, module):
                part = _part(name)
                if part is None:
                    continue
                where = f"{path.relative_to(root)}:{getattr(node, 'lineno', 0)}"
                if part not in RANK:
                    found.append(f"{where}: imports {name}, which is in no layer")
                elif RANK[part] > RANK[own]:
                    found.append(f"{where}: {own} imports {name} from the layer above ({part})")
                elif RANK[part] == RANK[own] and part != own:
                    found.append(f"{where}: {own} imports {name} from the same layer ({part})")
                elif node in in_function and part != own and where.split(":")[0] not in LAZY:
                    found.append(f"{where}: imports {name} inside a function")
    return found


def test_every_import_goes_down_the_layers() -> None:
    assert layer_violations(SOURCE) == []


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "valuering"
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "__init__.py": "",
            "errors.py": "",
            "model/__init__.py": "from valuering.catalog import Catalog\n",
            "catalog/__init__.py": "from valuering.model import PMO\n",
        },
    )
    assert layer_violations(root) == [
        "model/__init__.py:1: model imports valuering.catalog from the layer above (catalog)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "def f():\n    from valuering.validation import validate\n",
            "catalog/_x.py:2: catalog imports valuering.validation from the layer above (validation)",
        ),
        (
            "def f():\n    from valuering.model import PMO\n",
            "catalog/_x.py:2: imports valuering.model inside a function",
        ),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from valuering.io import load\n",
            "catalog/_x.py:3: catalog imports valuering.io from the layer above (io)",
        ),
        (
            "from valuering import cli\n",
            "catalog/_x.py:1: catalog imports valuering.cli from the layer above (cli)",
        ),
    ],
)
def test_hidden_upward_imports_are_caught(tmp_path: Path, text: str, expected: str) -> None:
    root = _tree(tmp_path, {"__init__.py": "", "catalog/__init__.py": "", "catalog/_x.py": text})
    assert layer_violations(root) == [expected]


def test_a_module_outside_the_layers_is_named(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"__init__.py": "", "stray.py": ""})
    assert layer_violations(root) == ["stray.py: module is in no layer; add it to LAYERS"]
