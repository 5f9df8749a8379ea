"""The catalog plugin template, as a consultant ships it: built into a wheel, installed next to
valuering in a fresh virtual environment, and found by every command through its entry point.

Marked ``integration`` (it needs PyPI for hatchling and valuering's dependencies and takes some
seconds): ``pytest -m "not integration"`` leaves it out locally; plain ``pytest``, as CI runs it,
includes it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "examples" / "catalog-plugin"


def _run(argv: Sequence[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", PYTHONUTF8="1")
    return subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def _ok(argv: Sequence[str | Path], cwd: Path) -> str:
    done = _run(argv, cwd)
    assert done.returncode == 0, f"{argv}:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with valuering (from this checkout) and the template's wheel;
    its folder also holds a copy of the template."""
    folder = tmp_path_factory.mktemp("catalog-plugin")
    started = time.perf_counter()
    shutil.copytree(TEMPLATE, folder / "template")
    venv = folder / "venv"
    _ok([sys.executable, "-m", "venv", venv], folder)
    pip: list[str | Path] = [venv / "bin" / "python", "-m", "pip", "--quiet"]
    _ok([*pip, "install", "hatchling"], folder)
    _ok(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", "wheels", folder / "template"],
        folder,
    )
    wheels = sorted((folder / "wheels").glob("valuering_kestrel_catalog-1.0.0-*.whl"))
    assert len(wheels) == 1
    _ok([*pip, "install", "--no-build-isolation", ROOT, wheels[0]], folder)
    print(f"built and installed in {time.perf_counter() - started:.1f} s")
    return folder


def test_every_command_finds_the_plugin_catalog(installed: Path) -> None:
    valuering = installed / "venv" / "bin" / "valuering"
    model = installed / "template" / "client-model.toml"
    assert "1 valid" in _ok([valuering, "validate", model], installed)
    assert "2 Tracked" in _ok([valuering, "score", model], installed)  # its level names
    assert "Regulatory change desk" in _ok([valuering, "recommend", model], installed)
    trace = _ok([valuering, "trace", model, "desk"], installed)
    assert "Regulatory readiness               33.3 %         1     22.2 %" in trace
    impact = _ok([valuering, "impact", model, "governance"], installed)
    assert "Lost with it (2 offerings): governance, desk." in impact
    assert "no findings" in _ok([valuering, "check", model], installed)
    graph = _ok([valuering, "graph", model, "--format", "mermaid"], installed)
    assert '"Regulatory change desk' in graph
    listing = _ok([valuering, "catalog", "--list"], installed)
    assert (
        "kestrel-2025  valuering-kestrel-catalog 1.0.0  valuering_kestrel:catalog_file" in listing
    )
    shown = _ok(
        [valuering, "catalog", "kestrel-2025", "--format", "csv", "--table", "outcome-services"],
        installed,
    )
    assert "regulatory-readiness,governance-oversight,0.5" in shown.splitlines()


def test_the_templates_own_checks_pass_once_installed(installed: Path) -> None:
    python = installed / "venv" / "bin" / "python"
    run_tests = (
        "import runpy; found = runpy.run_path('template/tests/test_catalog.py'); "
        "tests = [f for name, f in found.items() if name.startswith('test_')]; "
        "[f() for f in tests]; print(len(tests), 'passed')"
    )
    assert _ok([python, "-c", run_tests], installed).strip() == "2 passed"


def test_without_the_plugin_the_model_names_the_flag(installed: Path) -> None:
    python = installed / "venv" / "bin" / "python"
    _ok(
        [python, "-m", "pip", "uninstall", "--quiet", "--yes", "valuering-kestrel-catalog"],
        installed,
    )
    done = _run(
        [installed / "venv" / "bin" / "valuering", "score", "template/client-model.toml"], installed
    )
    assert done.returncode == 1
    assert "unknown catalog id 'kestrel-2025'; pass its file with --catalog FILE" in done.stderr
