"""`valuering demo`, `valuering catalog` and the command-line plumbing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from valuering.cli import main


def test_demo_prints_a_readable_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Northwind Energy Enterprise PMO\n===============================\n")
    assert "Customers and their top expected outcomes" in out
    assert "Chief Operating Officer" in out
    assert "13.5 %  Higher return on investment (ROI)" in out
    portfolio_line = next(
        line for line in out.splitlines() if "Capital portfolio management" in line
    )
    assert portfolio_line.split()[3:5] == ["2/4", "●●○○"]
    assert "Structured selection and prioritization" in out
    assert "Most offerings are at step 6 (service operation), in the deployment stage." in out
    assert "Traceback" not in out


def test_catalog_lists_services_and_outcomes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog"]) == 0
    out = capsys.readouterr().out
    assert "26 services, 30 outcomes, 30 competences, 7 customer groups." in out
    assert "portfolio-management" in out
    assert "higher-return-on-investment" in out
    assert "trademark of the Project Management Institute" in out


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "demo" in capsys.readouterr().out


def test_python_dash_m_runs_the_demo() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "valuering", "demo"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Northwind Energy Enterprise PMO" in result.stdout


def test_import_does_not_pull_heavy_optional_libraries() -> None:
    code = (
        "import sys, valuering; "
        "heavy = [m for m in ('pandas', 'matplotlib', 'yaml', 'pydot', 'hypothesis') if m in sys.modules]; "
        "print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_version_comes_from_the_installed_metadata() -> None:
    from importlib.metadata import version

    import valuering

    assert valuering.__version__ == version("valuering")


def test_a_closed_pipe_is_not_a_traceback() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "valuering", "catalog"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    process.stdout.close()  # the reader goes away before the command writes
    _, errors = process.communicate()
    assert "Traceback" not in errors
    assert "BrokenPipeError" not in errors


def test_a_folder_given_as_a_model_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "model.toml"
    folder.mkdir()
    assert main(["score", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("valuering score: Is a directory: ")
    assert "Traceback" not in err


def test_a_syntax_error_names_its_line_once() -> None:
    from valuering import ValidationError
    from valuering.io import loads

    with pytest.raises(ValidationError) as caught:
        loads("a = [1,\nb = 2", "toml")
    assert str(caught.value).count("line 2") == 1


def test_import_loads_the_vocabulary_and_the_rest_on_first_use() -> None:
    code = (
        "import sys, valuering; "
        "before = sorted({m.split('.')[0] for m in sys.modules} & {'networkx', 'cattrs'}); "
        "from valuering import coverage, PMO; "
        "graph = valuering.graph.build_graph; "
        "after = sorted({m.split('.')[0] for m in sys.modules} & {'networkx', 'cattrs'}); "
        "print(before, after, callable(coverage), callable(graph))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[] ['cattrs', 'networkx'] True True"
