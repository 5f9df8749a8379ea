"""The exceptions valuering raises.

Every exception derives from :class:`ValueRingError`, so ``except ValueRingError`` catches all of them.
:class:`ValidationError` carries every problem found in one piece of input, each with its path:

>>> from valuering.errors import Problem, ValidationError
>>> err = ValidationError([Problem("offerings[3].maturity", "7 is not in 1..5")])
>>> print(err)
1 problem:
  offerings[3].maturity: 7 is not in 1..5
>>> err.problems[0].path
'offerings[3].maturity'
"""

from __future__ import annotations

import difflib
import enum
import functools
from collections import Counter
from collections.abc import Iterable
from typing import TypeVar

import attrs

__all__ = [
    "OptionalDependencyError",
    "Problem",
    "ReadOnlyError",
    "UnknownIdError",
    "ValidationError",
    "ValueRingError",
    "sort_problems",
]


class ValueRingError(Exception):
    """Root of every exception raised by valuering."""


@attrs.frozen(order=True)
class Problem:
    """One problem in a model, a file or an argument: where it is and what is wrong.

    ``path`` uses dotted names and ``[index]`` for list items (``offerings[3].depends_on[0]``);
    the empty path means the whole document. ``line`` is set when the file format reports it.
    ``file`` is set when the problem was found while reading a file.
    """

    path: str
    message: str
    line: int | None = attrs.field(default=None, kw_only=True)
    file: str | None = attrs.field(default=None, kw_only=True)

    def __str__(self) -> str:
        where = self.path or "(document)"
        return f"{where}: {self.message}"

    def at(self, prefix: str) -> Problem:
        """The same problem, with ``prefix`` put in front of its path.

        >>> Problem("maturity", "7 is not in 1..5").at("offerings[2]").path
        'offerings[2].maturity'
        """
        if not prefix:
            return self
        if not self.path:
            path = prefix
        elif self.path.startswith("["):
            path = prefix + self.path
        else:
            path = f"{prefix}.{self.path}"
        return attrs.evolve(self, path=path)

    def to_dict(self) -> dict[str, str | int | None]:
        """The problem as plain data, for JSON output."""
        return {"file": self.file, "line": self.line, "path": self.path, "message": self.message}


class ValidationError(ValueRingError, ValueError):
    """Input that does not make a valid model; lists every problem found, not just the first.

    ``problems`` holds them as :class:`Problem` records, sorted by file, path and line as found.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem], *, title: str | None = None) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("ValidationError needs at least one problem")
        self.title = title
        super().__init__(self._message())

    def _message(self) -> str:
        count = len(self.problems)
        head = f"{count} problem" + ("" if count == 1 else "s")
        if self.title:
            head = f"{self.title}: {head}"
        lines = [head + ":"]
        for problem in self.problems:
            known = problem.line is not None and f"line {problem.line}" not in problem.message
            line = f" (line {problem.line})" if known else ""
            lines.append(f"  {problem}{line}")
        return "\n".join(lines)

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class UnknownIdError(ValueRingError, LookupError):
    """An id that names nothing in a catalog or model; the message suggests the closest known id."""

    def __init__(self, kind: str, ident: object, known: Iterable[str]) -> None:
        self.kind = kind
        self.ident = ident
        super().__init__(f"unknown {kind} id {ident!r}{did_you_mean(str(ident), known)}")

    def __str__(self) -> str:
        return str(self.args[0])


class ReadOnlyError(ValueRingError, TypeError):
    """An attempt to change data valuering shares, such as a catalog's tables; the message says what to do."""


class OptionalDependencyError(ValueRingError, ImportError):
    """A feature needs an optional extra that is not installed; the message names the extra."""

    def __init__(self, package: str, extra: str, feature: str) -> None:
        super().__init__(
            f"{feature} needs the optional package {package!r}; "
            f"install it with: pip install 'valuering[{extra}]'"
        )


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, or None when nothing is reasonably close.

    The answer is ``difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)``'s, else the
    shortest candidate that contains ``word`` (3 characters or more). It is found without scoring
    every candidate: candidates are taken by how high their score could be (from their length, then
    their characters), and the search stops when no remaining one can beat the best found, so one
    lookup among 10,000 ids costs milliseconds, not the half second of scoring them all.

    >>> closest("maturty", ["maturity", "target", "service"])
    'maturity'
    >>> closest("executives", ["executives-and-senior-management", "project-managers"])
    'executives-and-senior-management'
    >>> closest("zzz", ["maturity"]) is None
    True
    """
    pool = _pool(frozenset(candidates))
    match = _best_match(word, pool, _CUTOFF)
    if match is not None:
        return match
    # A shortened id ("executives") is close to the long id that starts with or contains it.
    containing = [c for c in pool.ordered if len(word) >= 3 and word in c]
    return min(containing, key=len) if containing else None


_CUTOFF = 0.6


@attrs.frozen
class _Pool:
    """Candidates prepared for :func:`closest`: sorted, and by length (names, character counts)."""

    ordered: list[str]
    by_length: dict[int, tuple[list[str], list[Counter[str]]]]


@functools.lru_cache(maxsize=8)  # the known ids of a model, asked about once per unknown id
def _pool(candidates: frozenset[str]) -> _Pool:
    ordered = sorted(candidates)
    by_length: dict[int, tuple[list[str], list[Counter[str]]]] = {}
    for candidate in ordered:
        names, counts = by_length.setdefault(len(candidate), ([], []))
        names.append(candidate)
        counts.append(Counter(candidate))
    return _Pool(ordered, by_length)


def _ratio(matches: int, length: int) -> float:
    # difflib's own formula, so the bounds compare exactly with its scores
    return 2.0 * matches / length if length else 1.0


def _best_match(word: str, pool: _Pool, cutoff: float) -> str | None:
    """``difflib.get_close_matches(word, pool, n=1, cutoff)[0]`` (the highest score, ties to the
    greater string), or None, scoring only candidates whose upper bounds can still win.

    Three bounds, each at least the score: from the lengths (difflib's ``real_quick_ratio``), from
    the characters of a candidate that occur in ``word`` at all (one ``str.translate`` each), and
    from the characters in common with their counts (``quick_ratio``).
    """
    size = len(word)
    counts = Counter(word)
    absent = str.maketrans("", "", "".join(counts))  # deletes the characters of word
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best: tuple[float, str] | None = None

    def limit() -> float:
        return cutoff if best is None else max(cutoff, best[0])

    lengths = sorted(pool.by_length, key=lambda length: -_ratio(min(size, length), size + length))
    for length in lengths:
        total = size + length
        if _ratio(min(size, length), total) < limit():
            break
        names, name_counts = pool.by_length[length]
        present = [length - len(name.translate(absent)) for name in names]
        for index in sorted(range(len(names)), key=present.__getitem__, reverse=True):
            if _ratio(min(size, present[index]), total) < limit():
                break
            common = sum(min(n, counts.get(c, 0)) for c, n in name_counts[index].items())
            if _ratio(common, total) < limit():
                continue
            matcher.set_seq1(names[index])
            score = matcher.ratio()
            if score >= cutoff and (best is None or (score, names[index]) > best):
                best = (score, names[index])
    return None if best is None else best[1]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest candidate, or an empty string.

    >>> did_you_mean("portfolio-managment", ["portfolio-management", "risk-management"])
    "; did you mean 'portfolio-management'?"
    """
    match = closest(word, candidates)
    return f"; did you mean {match!r}?" if match else ""


E = TypeVar("E", bound=enum.Enum)


def member(kind: type[E], value: object, path: str) -> E:
    """``kind(value)`` for an enum argument given as a member or its value, or a ValidationError at
    ``path`` that lists the allowed values and suggests the closest.

    >>> from valuering.model import Horizon
    >>> member(Horizon, "long", "horizon"), member(Horizon, Horizon.LONG, "horizon")
    (<Horizon.LONG: 'long'>, <Horizon.LONG: 'long'>)
    >>> member(Horizon, "lnog", "horizon")
    Traceback (most recent call last):
    ...
    valuering.errors.ValidationError: 1 problem:
      horizon: 'lnog' is not a Horizon (one of 'short', 'short-medium', 'medium', 'medium-long', 'long'); did you mean 'long'?
    """
    try:
        return kind(value)
    except (ValueError, TypeError):
        allowed = [str(m.value) for m in kind]
        listed = ", ".join(map(repr, allowed))
        hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
        raise ValidationError(
            [Problem(path, f"{value!r} is not a {kind.__name__} (one of {listed}){hint}")]
        ) from None


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in reading order: by line (those without one last), then by path, then by message.

    List indices in paths compare as numbers, so ``offerings[10]`` follows ``offerings[9]``.

    >>> found = [Problem("offerings[10].id", "duplicate id 'a'"), Problem("offerings[9].id", "bad"),
    ...          Problem("name", "must not be empty", line=3)]
    >>> [p.path for p in sort_problems(found)]
    ['name', 'offerings[9].id', 'offerings[10].id']
    """
    return sorted(problems, key=_reading_order)


def _reading_order(problem: Problem) -> tuple[object, ...]:
    parts: list[tuple[int, int, str]] = []
    for token in problem.path.replace("[", ".[").split("."):
        if token.startswith("[") and token[1:-1].isdigit():
            parts.append((1, int(token[1:-1]), ""))
        else:
            parts.append((0, 0, token))
    return (problem.line is None, problem.line or 0, parts, problem.message)
