"""Catalog plugins: distributions that declare an entry point in the group ``valuering.catalogs``.

The distributions here are real ones as far as ``importlib.metadata`` is concerned: a
``*.dist-info`` folder with ``METADATA`` and ``entry_points.txt`` and a module, in a folder put on
``sys.path``, which is what ``pip install`` leaves behind. (The wheel-and-venv version of this is
tests/test_catalog_plugin_wheel.py.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import valuering as vr
from valuering.catalog import PLUGIN_GROUP, available_catalogs, get_catalog, registered_catalogs
from valuering.cli import main
from valuering.errors import UnknownIdError, ValidationError

Install = Callable[..., Path]


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Install:
    """Install a distribution into a site folder on ``sys.path``: its entry points (catalog id to
    ``module:function``) and files (path to text)."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))

    def install_(dist: str, entry_points: dict[str, str], files: dict[str, str]) -> Path:
        info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8"
        )
        points = "".join(f"{name} = {value}\n" for name, value in entry_points.items())
        (info / "entry_points.txt").write_text(f"[{PLUGIN_GROUP}]\n{points}", encoding="utf-8")
        for name, text in files.items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return site

    return install_


def _file_plugin(file: str) -> str:
    """A plugin module whose function gives the path of a catalog file next to it."""
    return f"""
        from pathlib import Path

        def catalog():
            return Path(__file__).with_name({file!r})
        """


CATALOG_FILE = """\
schema = "valuering-catalog/1"
name = "{name}"
extends = "{extends}"

[[outcomes]]
id = "{name}-outcome"
name = "An outcome of our own"
horizon = "short"
"""


def test_a_plugin_catalog_is_found_by_id_and_serves_models(install: Install) -> None:
    install(
        "plug-files",
        {"plug-one": "plug_one:catalog"},
        {
            "plug_one.py": _file_plugin("plug-one.toml"),
            "plug-one.toml": CATALOG_FILE.format(name="plug-one", extends="pmi-2025"),
        },
    )
    assert "plug-one" in registered_catalogs()
    catalog = get_catalog("plug-one")
    assert catalog is get_catalog("plug-one")  # loaded once
    assert "plug-one-outcome" in catalog.outcomes
    pmo = vr.PMO(
        id="p",
        name="P",
        catalog="plug-one",
        customers=[
            vr.Customer(
                id="c",
                name="C",
                group="project-managers",
                expectations=[vr.Expectation(outcome="plug-one-outcome")],
            )
        ],
    )
    assert vr.coverage(pmo).total == 0.0  # resolved by name, through the plugin


def test_a_plugin_may_give_a_catalog_built_in_code_and_extend_another_plugin(
    install: Install,
) -> None:
    install(
        "plug-code",
        {"plug-base": "plug_base:catalog", "plug-top": "plug_top:catalog"},
        {
            "plug_base.py": """
                from valuering.catalog import pmi_2025

                def catalog():
                    return pmi_2025().extend(name="plug-base")
                """,
            "plug_top.py": _file_plugin("plug-top.toml"),
            "plug-top.toml": CATALOG_FILE.format(name="plug-top", extends="plug-base"),
        },
    )
    assert "plug-top-outcome" in get_catalog("plug-top").outcomes


def test_a_broken_plugin_is_an_error_naming_it_and_breaks_nothing_else(install: Install) -> None:
    install(
        "plug-broken",
        {"plug-broken": "plug_broken:catalog", "plug-fine": "plug_fine:catalog"},
        {
            "plug_broken.py": "raise RuntimeError('no network at import time')\n",
            "plug_fine.py": _file_plugin("plug-fine.toml"),
            "plug-fine.toml": CATALOG_FILE.format(name="plug-fine", extends="pmi-2025"),
        },
    )
    with pytest.raises(ValidationError) as caught:
        get_catalog("plug-broken")
    assert str(caught.value) == (
        "1 problem:\n  catalog: catalog plugin entry point 'plug-broken' = 'plug_broken:catalog' "
        "of plug-broken 1.0 failed to load: RuntimeError: no network at import time"
    )
    broken = vr.PMO(id="p", name="P", catalog="plug-broken")
    with pytest.raises(ValidationError, match=r"plug-broken 1\.0 failed to load"):
        vr.coverage(broken)  # the gate names the plugin too
    assert get_catalog("plug-fine").name == "plug-fine"
    assert get_catalog("pmi-2025").name == "pmi-2025"


def test_a_plugin_file_with_problems_reports_them_with_lines(install: Install) -> None:
    site = install(
        "plug-bad-file",
        {"plug-bad-file": "plug_bad_file:catalog"},
        {
            "plug_bad_file.py": _file_plugin("plug-bad-file.toml"),
            "plug-bad-file.toml": CATALOG_FILE.format(name="plug-bad-file", extends="pmi-2052"),
        },
    )
    with pytest.raises(ValidationError) as caught:
        get_catalog("plug-bad-file")
    assert caught.value.title == (
        "catalog plugin entry point 'plug-bad-file' = 'plug_bad_file:catalog' of plug-bad-file 1.0"
    )
    [problem] = caught.value.problems
    assert (problem.file, problem.line, str(problem)) == (
        str(site / "plug-bad-file.toml"),
        3,
        "extends: unknown catalog id 'pmi-2052'; did you mean 'pmi-2025'?; "
        "install the plugin that provides it",
    )


def test_a_plugin_must_give_the_catalog_its_name_promises(install: Install) -> None:
    install(
        "plug-misnamed",
        {"plug-misnamed": "plug_misnamed:catalog", "plug-nothing": "plug_misnamed:nothing"},
        {
            "plug_misnamed.py": """
                from valuering.catalog import pmi_2025

                def catalog():
                    return pmi_2025().extend(name="something-else")

                def nothing():
                    return 42
                """
        },
    )
    with pytest.raises(ValidationError, match="gave a catalog named 'something-else'"):
        get_catalog("plug-misnamed")
    with pytest.raises(ValidationError, match="gave int 42; expected a Catalog or the path"):
        get_catalog("plug-nothing")


def test_two_distributions_claiming_one_id_is_an_error_naming_both(install: Install) -> None:
    entry = {"plug-twice": "plug_twice:catalog"}
    install("plug-alpha", entry, {"plug_twice.py": "def catalog(): ...\n"})
    install("plug-beta", entry, {})
    with pytest.raises(ValidationError) as caught:
        get_catalog("plug-twice")
    assert str(caught.value.problems[0]) == (
        "catalog: catalog id 'plug-twice' is claimed by two distributions: "
        "entry point 'plug-twice' = 'plug_twice:catalog' of plug-alpha 1.0 and "
        "entry point 'plug-twice' = 'plug_twice:catalog' of plug-beta 1.0; uninstall one of them"
    )
    listed = [(s.id, s.provider) for s in available_catalogs() if s.id == "plug-twice"]
    assert listed == [("plug-twice", "plug-alpha 1.0"), ("plug-twice", "plug-beta 1.0")]


def test_unknown_ids_suggest_plugin_catalogs(install: Install) -> None:
    install("plug-suggest", {"plug-suggested": "plug_suggested:catalog"}, {})
    with pytest.raises(UnknownIdError, match="did you mean 'plug-suggested'"):
        get_catalog("plug-sugested")


def test_catalog_list_shows_each_plugin_with_its_distribution(
    install: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install("plug-listed", {"plug-listed": "plug_listed:catalog"}, {})
    assert main(["catalog", "--list"]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert rows[:3] == [
        ["id", "provided", "by", "entry", "point"],
        ["-" * len(rows[1][0]), *rows[1][1:]],
        ["pmi-2025", "built-in"],
    ]
    assert ["plug-listed", "plug-listed", "1.0", "plug_listed:catalog"] in rows
    assert main(["catalog", "--list", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    listed = {
        "id": "plug-listed",
        "provider": "plug-listed 1.0",
        "entry_point": "plug_listed:catalog",
    }
    assert listed in records


def test_import_valuering_never_loads_plugins(install: Install) -> None:
    site = install(
        "plug-import",
        {"plug-import": "plug_import:catalog"},
        {"plug_import.py": "raise SystemExit('a plugin was imported')\n"},
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), *sys.path])}
    code = (
        "import valuering as vr; vr.coverage(vr.examples.load('northwind-energy')); print('fine')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (0, "fine\n"), done.stderr
