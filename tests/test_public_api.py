"""The public surface: every public function documents itself with a runnable example."""

from __future__ import annotations

import importlib
import inspect

import pytest

PUBLIC_MODULES = [
    "valuering",
    "valuering.io",
    "valuering.graph",
    "valuering.planning",
    "valuering.scoring",
    "valuering.catalog",
    "valuering.errors",
    "valuering.testing.strategies",
    "valuering.templates",
    "valuering.diagnosis",
    "valuering.audit",
    "valuering.kpis",
]


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_public_function_has_a_docstring_example(module_name: str) -> None:
    module = importlib.import_module(module_name)
    missing = [
        name
        for name in module.__all__
        if inspect.isfunction(getattr(module, name))
        and ">>>" not in (inspect.getdoc(getattr(module, name)) or "")
    ]
    assert missing == []


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_all_names_exist(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert [n for n in module.__all__ if not hasattr(module, n)] == []
