"""`valuering whatif` and `valuering roadmap`: the change spellings, text, JSON and errors."""

from __future__ import annotations

import json

import pytest

from valuering import examples
from valuering.cli import main
from valuering.cli._planning import parse_change
from valuering.errors import ValidationError
from valuering.planning import AddOffering, RemoveOffering, SetMaturity, SetTarget, SetWeight

FILE = str(examples.path("northwind-energy"))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("reporting.maturity=4", SetMaturity("reporting", 4)),
        ("reporting.target=5", SetTarget("reporting", 5)),
        ("reporting.target=none", SetTarget("reporting", None)),
        ("+program-management:2", AddOffering("program-management", 2)),
        ("-coaching", RemoveOffering("coaching")),
        ("cfo.weight=2.5", SetWeight("cfo", 2.5)),
    ],
)
def test_each_spelling_and_back(text: str, change: object) -> None:
    assert parse_change(text) == change
    assert str(change) == text


@pytest.mark.parametrize(
    "text", ["reporting", "reporting.maturity=four", "+program-management", "cfo.height=2", "--x"]
)
def test_a_bad_change_shows_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_change(text)
    message = str(caught.value)
    assert f"change {text!r}" in message
    for form in ("OFFERING.maturity=LEVEL", "+SERVICE:LEVEL", "-OFFERING", "CUSTOMER.weight="):
        assert form in message


def test_whatif_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "whatif", FILE, "portfolio-management.maturity=4", "-coaching")
    assert code == 0
    assert out.splitlines()[0] == "What if: portfolio-management.maturity=4, -coaching"
    assert "Offerings added: none; removed (with their dependents): coaching." in out
    strategic = next(
        line for line in out.splitlines() if line.startswith("Maturity (X3), strategic")
    )
    assert strategic.split()[-6:] == ["40.0", "%", "50.0", "%", "+10.0", "pts"]
    assert "  new: held-down: offering 'portfolio-management' runs at maturity 4" in out


def test_whatif_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "whatif", FILE, "portfolio-management.maturity=4", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["changes"] == ["portfolio-management.maturity=4"]
    strategic = next(f for f in data["figures"] if f["figure"] == "maturity.strategic")
    assert (strategic["before"], strategic["after"], strategic["change"]) == (40.0, 50.0, 10.0)
    assert [f["subject"] for f in data["findings_added"]] == ["portfolio-management"]
    assert {g["subject"] for g in data["gainers"] if g["kind"] == "customer"} == {
        "coo",
        "cfo",
        "grid-portfolio-manager",
    }
    assert data["losers"] == []


def test_whatif_errors_name_the_change_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "whatif", FILE, "portfolio.maturity=4", "reporting.maturity=9")
    assert code == 1
    assert out == ""
    assert err.splitlines()[1:] == [
        "  change 'portfolio.maturity=4': unknown offering id 'portfolio'; "
        "did you mean 'portfolio-management'?",
        "  change 'reporting.maturity=9': expected a level from 1 to 5, got 9",
    ]
    code, _, err = _run(capsys, "whatif", FILE, "nonsense", "+x")
    assert code == 1
    assert "2 problems" in err
    assert "accepted forms:" in err


def test_roadmap_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "roadmap", FILE, "--budget", "4", "--phases", "2,2")
    assert code == 0
    assert "Budget 4, spent 4; effective coverage 74.7 % -> 84.1 % (+9.4 pts)." in out
    assert "Phases (capacity each): 2, 2; each makes the best raises it can." in out
    code, out, _ = _run(
        capsys, "roadmap", FILE, "--budget", "3", "--cost", "portfolio-management:3=10",
        "--cost", "pmis=0.5", "--format", "json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["exact"] is True
    assert "portfolio-management" not in {s["offering"] for s in data["steps"]}
    assert [s["step"] for s in data["steps"]] == list(range(1, len(data["steps"]) + 1))
    assert data["spent"] <= 3


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--budget", "-1"], "argument --budget: '-1' is not a number of 0 or more"),
        (["--budget", "2", "--phases", "2,x"], "argument --phases: '2,x' is not a list"),
        (["--budget", "2", "--cost", "pmis=0"], "argument --cost: 'pmis=0' is not OFFERING=N"),
    ],
)
def test_roadmap_flags_are_checked(
    capsys: pytest.CaptureFixture[str], flags: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["roadmap", FILE, *flags])
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_roadmap_unknown_offering_in_a_cost(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "roadmap", FILE, "--budget", "2", "--cost", "pims=2")
    assert code == 1
    assert "costs.pims: unknown offering id 'pims'; did you mean 'pmis'?" in err


def test_the_report_shows_the_roadmap_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "report", FILE, "--format", "md", "--roadmap", "3")
    assert code == 0
    assert "## Improvement roadmap" in out
    assert (
        "For a budget of 3: 3 raises costing 3 take effective coverage from 74.7 % to 82.5 %" in out
    )
    code, out, _ = _run(capsys, "report", FILE, "--format", "md")
    assert "Improvement roadmap" not in out  # only when asked: the section is not left registered
    code, out, _ = _run(capsys, "report", FILE, "--format", "json", "--roadmap", "2")
    assert json.loads(out)["roadmap"]["spent"] == 2
    code, out, _ = _run(capsys, "report", FILE, "--format", "text", "--roadmap", "1")
    assert "Budget 1, spent 1; effective coverage 74.7 % -> 78.8 % (+4.1 pts)." in out
