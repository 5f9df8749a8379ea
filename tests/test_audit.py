"""Design completeness audit: the example's figures by hand, a complete model, and a model missing
each item reports exactly that item; ``valuering audit``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest

from valuering import examples, report, templates
from valuering.audit import DESCRIPTION_FIELDS, SLA_FIELDS, design_audit
from valuering.cli import main
from valuering.model import (
    PMO,
    Governance,
    Indicator,
    IndicatorLayer,
    Mandate,
    ServiceApproach,
    ServiceLevel,
    TeamMember,
)


def test_the_example_completeness_per_dimension() -> None:
    audit = design_audit(examples.load("northwind-energy"))
    assert {row.dimension: (row.satisfied, row.applicable) for row in audit.values()} == {
        # purpose, vision, scope, objectives, success criteria, customers: all there
        "definition": (6, 6),
        # sponsor, decision rights, then owner and team member for each of 12 offerings
        "roles": (26, 26),
        # 12 offerings x (step 12, delivery 12, approach 4, SLA 4) + 7 customers (5 groups served)
        "deployment": (37, 55),
        # three layers present, 2 of 12 offerings measured, a review cadence
        "reporting": (6, 16),
        # 12 offerings x (name + 9 description fields): only the 12 names
        "service-descriptions": (12, 120),
        # 4 offerings with SLAs x 6 contents: none written down
        "slas": (0, 24),
    }
    assert audit["deployment"].completeness == pytest.approx(37 / 55)
    assert audit.completeness == pytest.approx(87 / 247)
    assert len(audit.missing) == 247 - 87
    assert repr(audit) == "<DesignAudit: 6 dimensions; complete 35.2 %; 160 missing items>"


def _complete() -> PMO:
    pmo = templates.load("hub-office")
    groups = {customer.group for customer in pmo.customers}
    described = dict.fromkeys(DESCRIPTION_FIELDS, "written")
    sla = dict.fromkeys(SLA_FIELDS, "written")
    offerings = tuple(
        attrs.evolve(
            offering,
            owner="lead",
            approach=dict.fromkeys(groups, ServiceApproach.SUPPORTIVE),
            slas=(ServiceLevel(id="on-time", metric="On time", target=90),),
            extra={**described, "sla": sla},
        )
        for offering in pmo.offerings
    )
    indicators = pmo.indicators + tuple(
        Indicator(
            id=f"{o.id}-delivered",
            name=f"{o.id} delivered",
            layer=IndicatorLayer.SERVICE_DELIVERY,
            subject=o.id,
            target=1,
        )
        for o in offerings
        if o.id != "area-reporting"  # the template measures it already
    )
    lead = TeamMember(id="lead", name="Lead", offerings=tuple(o.id for o in offerings))
    governance = attrs.evolve(pmo.governance, decision_rights=("Sets the area's standards",))
    return attrs.evolve(
        pmo, offerings=offerings, indicators=indicators, team=(lead,), governance=governance
    )


def test_a_complete_model_misses_nothing() -> None:
    audit = design_audit(_complete())
    assert audit.missing == ()
    assert {row.completeness for row in audit.values()} == {1.0}


def _offering(pmo: PMO, **changes: Any) -> PMO:
    first = attrs.evolve(pmo.offerings[1], **changes)
    return attrs.evolve(pmo, offerings=(pmo.offerings[0], first, *pmo.offerings[2:]))


def _extra_without(field: str) -> Callable[[PMO], PMO]:
    return lambda pmo: _offering(
        pmo, extra={k: v for k, v in pmo.offerings[1].extra.items() if k != field}
    )


def _sla_without(field: str) -> Callable[[PMO], PMO]:
    def remove(pmo: PMO) -> PMO:
        extra = dict(pmo.offerings[1].extra)
        extra["sla"] = {k: v for k, v in extra["sla"].items() if k != field}
        return _offering(pmo, extra=extra)

    return remove


REMOVALS: dict[str, Callable[[PMO], PMO]] = {
    "mandate.purpose": lambda p: attrs.evolve(p, mandate=attrs.evolve(p.mandate, purpose="")),
    "mandate.vision": lambda p: attrs.evolve(p, mandate=attrs.evolve(p.mandate, vision="")),
    "mandate.scope": lambda p: attrs.evolve(p, mandate=attrs.evolve(p.mandate, scope=None)),
    "mandate.objectives": lambda p: attrs.evolve(p, mandate=attrs.evolve(p.mandate, objectives=())),
    "mandate.success_criteria": lambda p: attrs.evolve(
        p, mandate=attrs.evolve(p.mandate, success_criteria=())
    ),
    "governance.sponsor": lambda p: attrs.evolve(
        p, governance=attrs.evolve(p.governance, sponsor="")
    ),
    "governance.decision_rights": lambda p: attrs.evolve(
        p, governance=attrs.evolve(p.governance, decision_rights=())
    ),
    "governance.review_cadence": lambda p: attrs.evolve(
        p, governance=attrs.evolve(p.governance, review_cadence="")
    ),
    "offerings[1].owner": lambda p: _offering(p, owner=None),
    "offerings[1].team": lambda p: attrs.evolve(
        p,
        team=(
            attrs.evolve(
                p.team[0], offerings=tuple(o for o in p.team[0].offerings if o != p.offerings[1].id)
            ),
        ),
    ),
    "offerings[1].step": lambda p: _offering(p, step=None),
    "offerings[1].delivery": lambda p: _offering(p, delivery=None),
    "offerings[1].approach": lambda p: _offering(p, approach={}),
    "offerings[1].slas": lambda p: _offering(p, slas=(), extra={**p.offerings[1].extra, "sla": {}}),
    "offerings[1]": lambda p: attrs.evolve(
        p, indicators=tuple(i for i in p.indicators if i.subject != p.offerings[1].id)
    ),
    "indicators.value-recognition": lambda p: attrs.evolve(
        p, indicators=tuple(i for i in p.indicators if i.layer != IndicatorLayer.VALUE_RECOGNITION)
    ),
    "offerings[1].name": lambda p: _offering(p, name=""),
    **{f"offerings[1].extra.{f}": _extra_without(f) for f in DESCRIPTION_FIELDS},
    **{f"offerings[1].extra.sla.{f}": _sla_without(f) for f in SLA_FIELDS},
}


@pytest.mark.parametrize("path", REMOVALS)
def test_a_model_missing_one_item_reports_exactly_that_item(path: str) -> None:
    pmo = REMOVALS[path](_complete())
    assert [check.path for check in design_audit(pmo).missing] == [path]


def test_customers_and_groups_served() -> None:
    pmo = _complete()
    bare = attrs.evolve(pmo, customers=(), mandate=Mandate(), governance=Governance())
    missing = [c.path for c in design_audit(bare).missing if c.dimension == "definition"]
    assert missing == [
        "mandate.purpose",
        "mandate.vision",
        "mandate.scope",
        "mandate.objectives",
        "mandate.success_criteria",
        "customers",
    ]
    one_group = _offering(
        attrs.evolve(pmo, offerings=tuple(attrs.evolve(o, approach={}) for o in pmo.offerings)),
        approach={"project-managers": ServiceApproach.DIRECTIVE},
    )
    served = [c.path for c in design_audit(one_group).missing if c.path.startswith("customers")]
    assert served == ["customers[0].group"]  # the divisional director's group has no approach


def test_the_audit_command(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(examples.path("northwind-energy"))
    assert main(["audit", path, "--top", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Design completeness: 35.2 %")
    assert "  deployment               67.3 %  37 of 55" in out
    assert "  offerings[0].slas: an SLA for methodology" in out
    assert "... and 17 more (--top N)" in out
    assert main(["audit", path, "--format", "json"]) == 0
    assert '"path": "offerings[1].extra.sla.scope"' in capsys.readouterr().out


def test_the_audit_and_diagnosis_sections_in_the_report() -> None:
    pmo = examples.load("northwind-energy")
    answered = attrs.evolve(pmo, extra={"diagnosis": {"first-benefits": 5, "scaling-up": 4}})
    report.register_section("audit", report.audit_section)
    report.register_section("diagnosis", report.diagnosis_section)
    try:
        text = report.to_markdown(answered)
        assert "## Design completeness" in text
        assert "| deployment | 37 of 55 | 67.3 % |" in text
        assert "... and 140 more (valuering audit MODEL)" in text  # 160 missing, 20 shown
        # growing: (1 + 0.75) / 2 = 0.875, the only evidence, so 100 %
        assert "the likeliest scenario is growing (100.0 %); the model says growing." in text
        assert "## Scenario diagnosis" not in report.to_markdown(pmo)  # no answers, no section
    finally:
        report.unregister_section("audit")
        report.unregister_section("diagnosis")
