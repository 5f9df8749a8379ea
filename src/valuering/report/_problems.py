"""The text view of checked files: every problem as FILE:LINE: path: message, and a tally."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from valuering.errors import Problem

__all__ = ["problem_line", "problems_data", "text_problems", "text_tally"]


def problem_line(problem: Problem) -> str:
    """One problem as ``FILE:LINE: path: message`` (without ``:LINE`` when it has no line).

    >>> problem_line(Problem("offerings[0].maturity", "7 is not in 1..5", line=8, file="pmo.toml"))
    'pmo.toml:8: offerings[0].maturity: 7 is not in 1..5'
    """
    where = f"{problem.file}:{problem.line}" if problem.line is not None else f"{problem.file}"
    return f"{where}: {problem}"


def text_problems(problems_by_file: Mapping[str, Sequence[Problem]]) -> str:
    """Every problem of every file, one a line, in the order given (``valuering validate``);
    empty when every file is sound.

    >>> bad = [Problem("name", "missing", line=2, file="a.toml")]
    >>> print(text_problems({"a.toml": bad, "b.toml": []}))
    a.toml:2: name: missing
    """
    return "\n".join(problem_line(p) for problems in problems_by_file.values() for p in problems)


def text_tally(problems_by_file: Mapping[str, Sequence[Problem]]) -> str:
    """How many files were checked, how many are valid and how many problems the others have.

    >>> bad = [Problem("name", "missing", line=2, file="a.toml")]
    >>> text_tally({"a.toml": bad, "b.toml": []})
    '2 file(s) checked: 1 valid, 1 problem(s) in 1 file(s)'
    """
    bad = sum(1 for problems in problems_by_file.values() if problems)
    total = sum(len(problems) for problems in problems_by_file.values())
    checked = len(problems_by_file)
    return f"{checked} file(s) checked: {checked - bad} valid, {total} problem(s) in {bad} file(s)"


def problems_data(problems_by_file: Mapping[str, Sequence[Problem]]) -> list[dict[str, Any]]:
    """One entry per file for JSON: ``file``, ``valid`` and its ``problems`` as plain dicts.

    >>> problems_data({"b.toml": []})
    [{'file': 'b.toml', 'valid': True, 'problems': []}]
    """
    return [
        {"file": path, "valid": not problems, "problems": [p.to_dict() for p in problems]}
        for path, problems in problems_by_file.items()
    ]
