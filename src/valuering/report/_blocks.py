"""What a report document is made of: sections of paragraphs, lists, tables and pictures, and the
results every section reads, computed once per document.

Blocks hold plain text (the renderers escape it for Markdown or HTML) and tables of text already
formatted, so the Markdown and the HTML of one model show the same figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

import attrs

from valuering.catalog import Catalog
from valuering.demand import Coverage, OutcomeDemand, coverage
from valuering.graph import Findings, Impacts, ValueAnalysis, check
from valuering.model import PMO
from valuering.scoring import (
    CompetenceFit,
    HorizonBalance,
    IndicatorAttainment,
    MaturityByCategory,
    MaturityGaps,
    OverallMaturity,
    Recommendations,
    SlaStatuses,
    ValueGap,
    competence_fit,
    horizon_balance,
    indicator_attainment,
    maturity_by_category,
    maturity_gaps,
    overall_maturity,
    recommend_services,
    sla_status,
    value_gap,
)
from valuering.validation import sound

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["Block", "Items", "Paragraph", "Picture", "ReportContext", "Section", "Table"]


def _texts(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def _rows(rows: Sequence[Sequence[object]]) -> tuple[tuple[str, ...], ...]:
    return tuple(_texts(row) for row in rows)


@attrs.frozen
class Paragraph:
    """A paragraph of plain text."""

    text: str


@attrs.frozen
class Items:
    """A bulleted list of plain-text items."""

    items: tuple[str, ...] = attrs.field(converter=_texts)


@attrs.frozen
class Table:
    """A table of text cells under ``headers``; ``right`` lists the columns aligned right (numbers),
    ``more`` is a line under the table saying what was left out."""

    headers: tuple[str, ...] = attrs.field(converter=_texts)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_rows)
    right: tuple[int, ...] = ()
    caption: str = ""
    more: str = ""


@attrs.frozen
class Picture:
    """A picture drawn when the document is rendered as HTML: ``draw()`` returns matplotlib axes (a
    :mod:`valuering.plot` function); ``alt`` describes it for readers who cannot see it; ``key``
    makes its SVG ids unique in the page. Markdown and text leave pictures out."""

    draw: Callable[[], Axes]
    alt: str
    key: str


Block = Paragraph | Items | Table | Picture


def _block_tuple(blocks: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(blocks)


@attrs.frozen
class Section:
    """One section of a document: ``id`` (its anchor), ``title`` and its blocks in order."""

    id: str
    title: str
    blocks: tuple[Block, ...] = attrs.field(converter=_block_tuple)


class ReportContext:
    """The model, its catalog and the results sections read, each computed on first use and shared.

    Building one passes the model through the soundness gate, so an unsound model raises
    :class:`~valuering.errors.ValidationError` before any section is drawn.

    >>> from valuering import examples
    >>> context = ReportContext(examples.load("northwind-energy"))
    >>> context.catalog.name, round(context.coverage.total, 3)
    ('pmi-2025', 0.984)
    """

    def __init__(self, pmo: PMO, *, catalog: Catalog | None = None) -> None:
        self.pmo = pmo
        self.catalog = sound(pmo, catalog=catalog)

    @cached_property
    def analysis(self) -> ValueAnalysis:
        """The value picture: demand, attribution, traces, impacts, delivery waves."""
        return ValueAnalysis(self.pmo, catalog=self.catalog)

    @property
    def demand(self) -> OutcomeDemand:
        """The customers' weighted demand per outcome (formula 1)."""
        return self.analysis.demand

    @cached_property
    def coverage(self) -> Coverage:
        """Coverage of the demand by all the offerings (formula 3)."""
        return coverage(self.pmo, catalog=self.catalog)

    @cached_property
    def weighted_coverage(self) -> Coverage:
        """Coverage weighted by maturity (formula 3)."""
        return coverage(self.pmo, catalog=self.catalog, maturity_weighted=True)

    @cached_property
    def maturity(self) -> MaturityByCategory:
        """Maturity by category (formula 4, appendix X3)."""
        return maturity_by_category(self.pmo, catalog=self.catalog)

    @cached_property
    def overall(self) -> OverallMaturity:
        """Maturity of all offered services at once (formula 4, our extension)."""
        return overall_maturity(self.pmo, catalog=self.catalog)

    @cached_property
    def gaps(self) -> MaturityGaps:
        """Gaps to target by priority (formula 6)."""
        return maturity_gaps(self.pmo, catalog=self.catalog)

    @cached_property
    def recommendations(self) -> Recommendations:
        """Every catalog service ranked by the demand it serves (formula 2)."""
        return recommend_services(self.pmo, catalog=self.catalog)

    @cached_property
    def balance(self) -> HorizonBalance:
        """Covered demand by horizon."""
        return horizon_balance(self.pmo, catalog=self.catalog)

    @cached_property
    def competences(self) -> CompetenceFit:
        """The team's fit to each offering's competences (formula 9)."""
        return competence_fit(self.pmo, catalog=self.catalog)

    @cached_property
    def indicators(self) -> IndicatorAttainment:
        """Attainment of every indicator (formula 10)."""
        return indicator_attainment(self.pmo, catalog=self.catalog)

    @cached_property
    def slas(self) -> SlaStatuses:
        """The state of every SLA (formula 10)."""
        return sla_status(self.pmo, catalog=self.catalog)

    @cached_property
    def value_gap(self) -> ValueGap:
        """Delivered and perceived value per subject (formula 10)."""
        return value_gap(self.pmo, catalog=self.catalog)

    @cached_property
    def impacts(self) -> Impacts:
        """What losing each offering puts at risk (formula 7)."""
        return self.analysis.impacts()

    @cached_property
    def findings(self) -> Findings:
        """The health-check findings."""
        return check(self.pmo, catalog=self.catalog)

    def offering_name(self, offering_id: str) -> str:
        """The offering's own name, else its catalog service's name."""
        offering = self.pmo.offering(offering_id)
        return offering.name or self.catalog.services[offering.service].name

    def outcome_name(self, outcome_id: str) -> str:
        """The catalog's name of an outcome, or its id when the catalog does not know it."""
        outcome = self.catalog.outcomes.get(outcome_id)
        return outcome.name if outcome else outcome_id
