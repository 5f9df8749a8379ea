"""Starting models for the PMO office types that PiCubed and P3O name, as model files.

Each template is a valid model at the ``kickoff`` scenario: a mandate, customers with the outcomes
they expect, offerings with starting levels and dependencies, and one indicator per layer. Which
services each office type runs is our reading of the sources (docs/templates.md). PMI's
perspectives on PMO types are parameters of :func:`template` rather than more files.

>>> from valuering import templates
>>> templates.NAMES[:2]
('project-office', 'programme-office')
>>> pmo = templates.template("centre-of-excellence")
>>> pmo.mandate.scope, len(pmo.offerings)
(<CoverageScope.ENTERPRISE: 'enterprise'>, 5)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TypeVar

import attrs

from valuering import io
from valuering.errors import UnknownIdError
from valuering.model import PMO, CoverageScope, ServiceApproach

__all__ = ["NAMES", "load", "model_text", "path", "starter_text", "template", "template_from"]

_E = TypeVar("_E", CoverageScope, ServiceApproach)

# PiCubed's four offices, then P3O's four.
NAMES: tuple[str, ...] = (
    "project-office",
    "programme-office",
    "portfolio-office",
    "results-management-office",
    "organisation-portfolio-office",
    "hub-office",
    "temporary-programme-office",
    "centre-of-excellence",
)


def path(name: str) -> Path:
    """The path of a template's model file (TOML), for reading or copying.

    >>> path("hub-office").name
    'hub-office.toml'

    Raises :class:`~valuering.errors.UnknownIdError` for a name not in :data:`NAMES`.
    """
    if name not in NAMES:
        raise UnknownIdError("template", name, NAMES)
    return _data(f"{name}.toml")


def _data(file: str) -> Path:
    return Path(str(resources.files("valuering.templates") / "data" / file))


def starter_text() -> str:
    """A minimal model file with a comment on each part, for ``valuering new`` without a template.

    >>> io.loads(starter_text(), "toml").offering("reporting").service
    'data-analytics-and-reporting'
    """
    return _data("starter.toml").read_text(encoding="utf-8")


def load(name: str) -> PMO:
    """A template's model as its file has it, through :func:`valuering.io.load`.

    >>> load("portfolio-office").offering("prioritisation").depends_on
    ('portfolio-reporting',)
    """
    return io.load(path(name))


def template(
    name: str,
    *,
    scope: CoverageScope | str | None = None,
    approach: ServiceApproach | str | None = None,
) -> PMO:
    """A template's model with PMI's perspectives applied: ``scope`` (scope of coverage) replaces the
    mandate's scope; ``approach`` (service approach) becomes every offering's approach for every
    customer group the model serves.

    >>> pmo = template("hub-office", scope="enterprise", approach="supportive")
    >>> pmo.mandate.scope.value, dict(pmo.offering("area-reporting").approach)
    ('enterprise', {'executives-and-senior-management': <ServiceApproach.SUPPORTIVE: 'supportive'>, \
'project-managers': <ServiceApproach.SUPPORTIVE: 'supportive'>})

    Raises :class:`~valuering.errors.UnknownIdError` for an unknown template, scope or approach.
    """
    return template_from(load(name), scope=scope, approach=approach)


def template_from(
    pmo: PMO,
    *,
    scope: CoverageScope | str | None = None,
    approach: ServiceApproach | str | None = None,
) -> PMO:
    """``pmo`` with PMI's perspectives applied as :func:`template` does.

    >>> template_from(load("hub-office"), scope="project").mandate.scope.value
    'project'
    """
    if scope is not None:
        pmo = attrs.evolve(
            pmo, mandate=attrs.evolve(pmo.mandate, scope=_member(CoverageScope, scope))
        )
    if approach is not None:
        chosen = _member(ServiceApproach, approach)
        groups = sorted({customer.group for customer in pmo.customers})
        offerings = tuple(
            attrs.evolve(offering, approach=dict.fromkeys(groups, chosen))
            for offering in pmo.offerings
        )
        pmo = attrs.evolve(pmo, offerings=offerings)
    return pmo


def model_text(
    name: str | None = None,
    *,
    scope: CoverageScope | str | None = None,
    approach: ServiceApproach | str | None = None,
    format: str = "toml",
) -> str:
    """The text of a new model file: template ``name`` (the starter model when None) with the
    perspectives of :func:`template`, in ``format``. A template or the starter in TOML, unchanged,
    keeps its comments.

    >>> model_text("project-office").splitlines()[0]
    "# Template: Project Office (PiCubed's project office, as we read it)."
    >>> model_text(format="json").startswith("{")
    True

    Raises :class:`~valuering.errors.UnknownIdError` for an unknown template, scope or approach.
    """
    unchanged = scope is None and approach is None
    if name is None:
        text = starter_text()
        if format == "toml" and unchanged:
            return text
        pmo = io.loads(text, "toml")
        return io.dumps(template_from(pmo, scope=scope, approach=approach), format)
    if format == "toml" and unchanged:
        return path(name).read_text(encoding="utf-8")
    return io.dumps(template(name, scope=scope, approach=approach), format)


def _member(kind: type[_E], value: _E | str) -> _E:
    try:
        return kind(value)
    except ValueError:
        label = "scope" if kind is CoverageScope else "approach"
        raise UnknownIdError(label, value, [member.value for member in kind]) from None
