"""Competence fit: does the team on each offering have the competences its service needs?

Formula 9 in docs/design.md: fit = mean over the service's needed competences of the best proficiency among the
team members on the offering, divided by 5; gaps are needed competences whose best proficiency is below
the required level (default 3).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from valuering._tables import NO_NAMES, Keyed, Names, plural, summary
from valuering.catalog import Catalog
from valuering.errors import Problem, UnknownIdError, ValidationError
from valuering.model import PMO
from valuering.validation import sound

__all__ = ["CompetenceFit", "CompetenceGap", "MissingCompetence", "OfferingFit", "competence_fit"]


@attrs.frozen
class CompetenceGap:
    """A needed competence whose best proficiency on the offering (0 = nobody has it) is below ``required``."""

    competence: str
    best: int
    required: int


@attrs.frozen
class OfferingFit:
    """One offering: its team, the best proficiency per needed competence, the fit in [0, 1] and the gaps.

    ``fit`` is None when the service needs no competences (nothing to fit).
    """

    offering: str
    service: str
    members: tuple[str, ...]
    best: Mapping[str, int] = attrs.field(hash=False)
    fit: float | None
    gaps: tuple[CompetenceGap, ...]


@attrs.frozen
class MissingCompetence:
    """A competence below the required level on one or more offerings (the team-wide view)."""

    competence: str
    name: str
    offerings: tuple[str, ...]


@attrs.frozen(repr=False)
class CompetenceFit(Keyed[OfferingFit]):
    """The fit of every offering and the competences most often missing across the team.

    Read it like a dict by offering id (model order): ``fit["reporting"]`` is that offering's
    :class:`OfferingFit`; the rows are also kept as ``offerings``.
    """

    offerings: tuple[OfferingFit, ...]
    missing: tuple[MissingCompetence, ...]
    required: int
    _names: Names = attrs.field(default=NO_NAMES, eq=False, repr=False, kw_only=True)
    _columns = ("offering", "offering_name", "service", "service_name", "members", "fit", "gaps")

    def _table(self) -> Mapping[str, OfferingFit]:
        return {f.offering: f for f in self.offerings}

    def __getitem__(self, offering_id: str) -> OfferingFit:
        for fit in self.offerings:
            if fit.offering == offering_id:
                return fit
        raise UnknownIdError("offering", offering_id, (f.offering for f in self.offerings))

    def __repr__(self) -> str:
        worst = ", ".join(f"{m.competence} ×{len(m.offerings)}" for m in self.missing[:3])
        return summary(
            self, plural(len(self.offerings), "offering"), f"most missing: {worst or 'none'}"
        )

    def _rows(self) -> Iterator[dict[str, Any]]:
        """One row per offering: ``offering``, ``service``, ``members``, ``fit``, ``gaps`` (comma-joined ids)."""
        return (
            {
                "offering": f.offering,
                "service": f.service,
                "members": f.members,
                "fit": f.fit,
                "gaps": [g.competence for g in f.gaps],
            }
            for f in self.offerings
        )


def competence_fit(pmo: PMO, *, required: int = 3, catalog: Catalog | None = None) -> CompetenceFit:
    """How well the team on each offering covers the competences its catalog service needs.

    The team on an offering is every member who lists it in ``offerings`` plus its ``owner``. For each
    needed competence the best proficiency among them counts (0 when nobody has it); ``fit`` is the mean
    of those bests divided by 5. Competences whose best is below ``required`` (1-5, default 3) are gaps;
    ``missing`` ranks them across offerings, most often missing first (ties by catalog order).
    Raises :class:`~valuering.errors.ValidationError` when the model is not sound against its catalog.

    >>> from valuering import PMO, ServiceOffering, TeamMember
    >>> pmo = PMO(id="p", name="P",
    ...     offerings=(ServiceOffering(id="reports", service="data-analytics-and-reporting", maturity=2),),
    ...     team=(TeamMember(id="ana", name="Ana", offerings=("reports",),
    ...                      proficiency={"communication": 4, "problem-solving": 2}),
    ...           TeamMember(id="bo", name="Bo", offerings=("reports",),
    ...                      proficiency={"continuous-improvement": 5, "communication": 3})))
    >>> fit = competence_fit(pmo)["reports"]
    >>> fit.fit, [(g.competence, g.best) for g in fit.gaps]
    (0.55, [('problem-solving', 2), ('time-management', 0)])
    """
    if isinstance(required, bool) or not isinstance(required, int) or not 1 <= required <= 5:
        raise ValidationError(
            [Problem("required", f"{required!r} is not a proficiency level in 1..5")]
        )
    cat = sound(pmo, catalog=catalog)
    fits = []
    missing: dict[str, list[str]] = {}
    for offering in pmo.offerings:
        needed = cat.competences_for(offering.service)
        team = [m for m in pmo.team if offering.id in m.offerings or m.id == offering.owner]
        best = {c.id: max((m.proficiency.get(c.id, 0) for m in team), default=0) for c in needed}
        gaps = tuple(CompetenceGap(c, b, required) for c, b in best.items() if b < required)
        for gap in gaps:
            missing.setdefault(gap.competence, []).append(offering.id)
        fit = math.fsum(best.values()) / (5 * len(best)) if best else None
        members = tuple(sorted(m.id for m in team))
        fits.append(OfferingFit(offering.id, offering.service, members, best, fit, gaps))
    order = {ident: i for i, ident in enumerate(_ordered_ids(cat))}
    ranked = sorted(
        missing.items(), key=lambda item: (-len(item[1]), order.get(item[0], 0), item[0])
    )
    return CompetenceFit(
        offerings=tuple(fits),
        missing=tuple(
            MissingCompetence(c, cat.competences[c].name, tuple(sorted(offs))) for c, offs in ranked
        ),
        required=required,
        names=Names(pmo, cat),
    )


def _ordered_ids(catalog: Catalog) -> list[str]:
    return [
        c.id
        for c in sorted(
            catalog.competences.values(), key=lambda c: (c.number is None, c.number or 0, c.id)
        )
    ]
