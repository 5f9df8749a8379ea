"""The headline figures of one model, flat and named, so two models or many snapshots line up.

>>> from valuering import examples
>>> figures = headline_figures(examples.load("northwind-energy"))
>>> round(figures["coverage"], 4), figures["maturity.tactical"], figures["gaps.open"]
(0.984, 50.0, 11)
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from valuering._tables import Keyed, plural, summary
from valuering.catalog import Catalog
from valuering.demand import coverage
from valuering.graph import value_attribution
from valuering.model import PMO, Assessment, IndicatorLayer
from valuering.scoring import (
    competence_fit,
    indicator_attainment,
    maturity_by_category,
    maturity_gaps,
    overall_maturity,
    score_self_assessment,
)
from valuering.validation import sound

__all__ = ["Figure", "Figures", "figure_label", "figure_unit", "headline_figures"]

Figure = float | int | str | None

# Each figure family's meaning and unit (a figure is "family" or "family.key"); the names match
# the what-if figures of valuering.planning.
SHARE, PERCENT, COUNT, BAND = "share", "percent", "count", "band"
_FAMILIES = {
    "coverage": ("Coverage", SHARE),
    "maturity-weighted-coverage": ("Maturity-weighted coverage", SHARE),
    "maturity": ("Maturity (X3)", PERCENT),
    "overall-maturity": ("Overall maturity", PERCENT),
    "gaps": ("Maturity gaps", COUNT),
    "attribution": ("Attributed share", SHARE),
    "competence-fit": ("Competence fit", SHARE),
    "attainment": ("Indicator attainment", SHARE),
    "assessment": ("Self-assessment", COUNT),
}
_OWN_LABELS = {"gaps.open": "Offerings below target", "gaps.levels": "Levels to climb to target"}


def figure_label(figure: str) -> str:
    """What a figure measures: its family's label and its key (``"Maturity (X3), tactical"``)."""
    if figure in _OWN_LABELS:
        return _OWN_LABELS[figure]
    family, _, key = figure.partition(".")
    label = _FAMILIES.get(family, (family, COUNT))[0]
    return f"{label}, {key}" if key else label


def figure_unit(figure: str) -> str:
    """``share`` (0-1), ``percent`` (0-100), ``count`` or ``band`` (a band id)."""
    family = figure.partition(".")[0]
    if family == "assessment" and figure.endswith(".band"):
        return BAND
    return _FAMILIES.get(family, ("", COUNT))[1]


@attrs.frozen(repr=False)
class Figures(Keyed[Figure]):
    """Every headline figure of one model by name (``figures["maturity.overall"]``).

    Numbers are floats or counts; the ``assessment.STEP.band`` figures are band ids; a figure with
    nothing to measure (no indicator measured on a layer, no service offered) is None.
    """

    pmo: str
    figures: Mapping[str, Figure] = attrs.field(hash=False)
    _columns = ("figure", "label", "unit", "value")

    def _table(self) -> Mapping[str, Figure]:
        return self.figures

    def numbers(self) -> dict[str, float]:
        """The figures that are finite numbers, as floats (what a history store keeps per snapshot)."""
        return {
            name: float(value)
            for name, value in self.figures.items()
            if isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
        }

    def __repr__(self) -> str:
        return summary(self, plural(len(self.figures), "figure"), self.pmo)

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per figure: ``figure``, ``label``, ``unit``, ``value``."""
        return (
            {"figure": name, "label": figure_label(name), "unit": figure_unit(name), "value": value}
            for name, value in self.figures.items()
        )


def _latest(assessments: tuple[Assessment, ...]) -> dict[str, Assessment]:
    latest: dict[str, Assessment] = {}
    for assessment in sorted(assessments, key=lambda a: (a.step.number, a.date)):
        latest[assessment.step.value] = assessment
    return latest


def headline_figures(pmo: PMO, *, catalog: Catalog | None = None) -> Figures:
    """The headline figures of ``pmo``: coverage (plain and maturity-weighted), X3 per category and
    overall, gaps, attribution per offering, competence fit per offering, indicator attainment per
    layer and the latest self-assessment's total and band per step.

    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import examples
    >>> figures = headline_figures(examples.load("northwind-energy"))
    >>> figures["overall-maturity"], round(figures["attribution.pmis"], 4)
    (45.0, 0.0855)
    """
    cat = sound(pmo, catalog=catalog)
    values: dict[str, Figure] = {
        "coverage": coverage(pmo, catalog=cat).total,
        "maturity-weighted-coverage": coverage(pmo, maturity_weighted=True, catalog=cat).total,
    }
    for category, x3 in maturity_by_category(pmo, catalog=cat).items():
        values[f"maturity.{category}"] = x3
    values["overall-maturity"] = overall_maturity(pmo, catalog=cat).percent
    gaps = maturity_gaps(pmo, catalog=cat)
    values["gaps.open"] = len(gaps.open())
    values["gaps.levels"] = sum(g.gap for g in gaps)
    for offering, share in value_attribution(pmo, catalog=cat).items():
        values[f"attribution.{offering}"] = share
    for fit in competence_fit(pmo, catalog=cat).offerings:
        values[f"competence-fit.{fit.offering}"] = fit.fit
    attained = indicator_attainment(pmo, catalog=cat)
    for layer in IndicatorLayer:
        values[f"attainment.{layer.value}"] = attained.layer(layer)
    for step, assessment in _latest(pmo.assessments).items():
        score = score_self_assessment(assessment.step, assessment.ratings)
        values[f"assessment.{step}.total"] = score.total
        values[f"assessment.{step}.band"] = score.band.value
    return Figures(pmo.id, values)
