"""The ``valuering score``, ``recommend`` and ``assess`` commands and the scoring demo section."""

from __future__ import annotations

from pathlib import Path

import pytest

from valuering import examples
from valuering.cli import main
from valuering.report import summary

EXAMPLE = str(examples.path("northwind-energy"))


def test_score(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", EXAMPLE]) == 0
    out = capsys.readouterr().out
    assert "strategic            4      40 %" in out
    assert "Overall (all 12 offerings, our extension of X3): 45 %" in out
    # The largest gap: portfolio management 2 -> 4 with S = 0.352.
    first_gap = next(line for line in out.splitlines() if line.startswith("portfolio-management"))
    assert "0.704" in first_gap


def test_recommend(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recommend", EXAMPLE, "--top", "3", "--target", "0.8"]) == 0
    out = capsys.readouterr().out
    assert "1  Portfolio management" in out
    assert "The 12 current offerings cover 98 % of the demand" in out
    assert "Smallest mix reaching 80 % coverage" in out
    assert "83.2 %" in out  # three services: 35.2 %, 63.1 %, 83.2 %


def test_assess_template_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", "4", "--template"]) == 0
    template = capsys.readouterr().out
    assert "# 1. Delivery approach design" in template
    ratings = tmp_path / "step4.toml"
    ratings.write_text(template, encoding="utf-8")
    assert main(["assess", "4", str(ratings)]) == 0
    out = capsys.readouterr().out
    # 35 statements rated 3: total 105, in step 4's Average band (102-130).
    assert "Total 105 of 175: Average (102-130)." in out


def test_assess_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ratings = tmp_path / "step7.toml"
    ratings.write_text(
        "step = 7\n[sections]\nmonitoring-framework = [1, 2, 3, 4, 7]\n", encoding="utf-8"
    )
    assert main(["assess", "4", str(ratings)]) == 1
    assert "the ratings file is for step 7, not step 4" in capsys.readouterr().err
    assert main(["assess", "7", str(ratings)]) == 1
    err = capsys.readouterr().err
    assert "sections.monitoring-framework[4]: 7 is not a rating from 1 to 5" in err
    assert "sections.customer-feedback: missing" in err
    assert main(["assess", "7"]) == 1
    assert "give a ratings file, or --template" in capsys.readouterr().err
    assert main(["assess", "12", "--template"]) == 1
    assert "12 is not a step number in 1..10" in capsys.readouterr().err


def test_missing_model_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "no-such-model.toml"]) == 1
    assert "no such file" in capsys.readouterr().err


def test_summary_shows_the_scores() -> None:
    text = summary(examples.load("northwind-energy"))
    assert "Service maturity (appendix X3):" in text
    assert "Performance management" in text  # best service not offered yet
    assert "SLAs: 2 green, 2 red" in text
    assert "Greater alignment with strategic objectives       98 %       40 %" in text


def test_demo_includes_scores(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    assert "Scores for the steering committee" in capsys.readouterr().out


def test_score_top_says_what_it_leaves_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", EXAMPLE, "--top", "3"]) == 0
    out = capsys.readouterr().out
    # 11 of the 12 offerings are below target; governance is at it.
    assert "... and 8 more below target (--top 11 lists all)." in out
    assert "Every offering is at or above its target." not in out


@pytest.mark.parametrize("top", ["0", "-2", "many"])
def test_top_must_be_positive(top: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["recommend", EXAMPLE, "--top", top])
    assert info.value.code == 2
    assert f"argument --top: '{top}' is not a whole number of 1 or more" in capsys.readouterr().err


def test_recommend_bad_target_prints_no_partial_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recommend", EXAMPLE, "--target", "1.5"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "target: 1.5 is not a coverage in (0, 1]" in captured.err
