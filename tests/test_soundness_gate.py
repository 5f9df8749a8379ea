"""One soundness gate and one catalog convention for every public analysis function."""

from __future__ import annotations

import gc
import importlib
import inspect
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import valuering as vr
from valuering import validation
from valuering.catalog import Catalog, load_catalog, pmi_2025
from valuering.demand import expected_by_of
from valuering.errors import ValidationError

ANALYSIS_MODULES = ["valuering", "valuering.demand", "valuering.graph", "valuering.scoring"]
PUBLIC_MODULES = [
    *ANALYSIS_MODULES,
    "valuering.io",
    "valuering.catalog",
    "valuering.validation",
    "valuering.report",
]

# Arguments the analysis functions need besides the model, by parameter name.
EXTRA_ARGUMENTS: dict[str, object] = {
    "offering_id": "reporting",
    "node_id": "improved-success-rates",
    "services": ["portfolio-management"],
    "budget": 3,
}


def _public_functions(module_names: list[str]) -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    for module_name in module_names:
        try:
            module = importlib.import_module(module_name)
        except ImportError:  # a layer not built yet
            continue
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isfunction(value):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def _analysis_functions() -> list[Callable[..., Any]]:
    functions = _public_functions(ANALYSIS_MODULES)
    return [
        f
        for _, f in sorted(functions.items())
        if next(iter(inspect.signature(f).parameters), None) == "pmo"
        and not f.__module__.startswith("valuering.io")  # writing a model is not analysing it
    ]


def _call(function: Callable[..., Any], pmo: vr.PMO, **options: Any) -> Any:
    parameters = list(inspect.signature(function).parameters.values())[1:]
    arguments = {
        p.name: EXTRA_ARGUMENTS[p.name]
        for p in parameters
        if p.default is inspect.Parameter.empty
        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    }
    return function(pmo, **arguments, **options)


def test_the_analysis_functions_are_found() -> None:
    names = {f.__name__ for f in _analysis_functions()}
    assert {
        "coverage",
        "outcome_demand",
        "value_attribution",
        "trace_all",
        "impact_all",
        "check",
        "delivery_waves",
        "recommend_services",
        "maturity_gaps",
        "competence_fit",
        "indicator_attainment",
        "sla_status",
        "validate",
        "build_graph",
        "export_graph",
    } <= names


def _bad_model() -> vr.PMO:
    example = vr.examples.load("northwind-energy")
    cfo = example.customers[0]
    misspelt = attrs.evolve(
        cfo,
        expectations=(vr.Expectation(outcome="higher-return-on-investmnt"), *cfo.expectations[1:]),
    )
    shared = attrs.evolve(example.customers[1], id="reporting")  # also an offering's id
    return attrs.evolve(example, customers=(misspelt, shared, *example.customers[2:]))


EXPECTED_PROBLEMS = [
    "customers[0].expectations[0].outcome: unknown outcome id 'higher-return-on-investmnt'; "
    "did you mean 'higher-return-on-investment'?",
    "offerings[2].id: 'reporting' is already the id of a customer; objectives, customers, "
    "offerings and outcomes need distinct ids",
]


@pytest.mark.parametrize("function", _analysis_functions(), ids=lambda f: f.__name__)
def test_every_analysis_function_refuses_the_same_bad_model_the_same_way(
    function: Callable[..., Any],
) -> None:
    with pytest.raises(ValidationError) as raised:
        _call(function, _bad_model())
    assert [str(p) for p in raised.value.problems] == EXPECTED_PROBLEMS


def test_the_bad_model_is_refused_by_validate_with_the_same_problems() -> None:
    with pytest.raises(ValidationError) as raised:
        vr.validate(_bad_model())
    assert [str(p) for p in raised.value.problems] == EXPECTED_PROBLEMS


@pytest.mark.parametrize(
    "function",
    [
        f
        for _, f in sorted(_public_functions(PUBLIC_MODULES).items())
        # register_catalog(catalog): there the catalog is the subject, not an option
        if "catalog" in list(inspect.signature(f).parameters)[1:]
    ],
    ids=lambda f: f.__name__,
)
def test_catalog_is_keyword_only_everywhere(function: Callable[..., Any]) -> None:
    parameter = inspect.signature(function).parameters["catalog"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY


def test_a_model_is_checked_once_however_many_analyses_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    real = validation._problems  # what find_problems and the gate both run

    def counting(pmo: vr.PMO, cat: Catalog, shares: Any) -> list[Any]:
        calls.append(pmo.id)
        return real(pmo, cat, shares)

    pmo = attrs.evolve(vr.examples.load("northwind-energy"))  # a fresh object, never checked
    monkeypatch.setattr(validation, "_problems", counting)
    for function in _analysis_functions():
        _call(function, pmo)
    assert calls == ["northwind-energy-epmo"]
    vr.coverage(pmo, catalog=pmi_2025().extend(name="another"))  # another catalog: checked again
    assert len(calls) == 2


def test_a_loaded_model_is_not_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    pmo = vr.examples.load("northwind-energy")
    monkeypatch.setattr(validation, "_problems", lambda *a, **k: pytest.fail("checked again"))
    assert round(vr.coverage(pmo).total, 4) == 0.984


KESTREL = """\
schema = "valuering-catalog/1"
name = "kestrel-2025"
extends = "pmi-2025"

[[services]]
id = "{service}"
name = "Kestrel service"
category = "tactical"
level_names = ["a", "b", "c", "d", "e"]
outcomes = {{ improved-success-rates = 1.0 }}
"""

MODEL = """\
schema = "valuering/1"
id = "client"
name = "Client PMO"
catalog = "kestrel-2025"

[[customers]]
id = "sponsor"
name = "Sponsor"
group = "executives-and-senior-management"
expectations = [{{ outcome = "improved-success-rates" }}]

[[offerings]]
id = "kestrel"
service = "{service}"
maturity = 3
"""


def _catalog_and_model(folder: Path, service: str) -> tuple[Catalog, Path]:
    folder.mkdir()
    (folder / "kestrel.toml").write_text(KESTREL.format(service=service), encoding="utf-8")
    (folder / "model.toml").write_text(MODEL.format(service=service), encoding="utf-8")
    return load_catalog(folder / "kestrel.toml"), folder / "model.toml"


def test_a_model_loaded_with_its_catalog_is_analysed_without_naming_it(tmp_path: Path) -> None:
    catalog, path = _catalog_and_model(tmp_path / "one", "kestrel-delivery")
    pmo = vr.load(path, catalog=catalog)
    assert vr.coverage(pmo).total == 1.0
    scores = {s.service: s.score for s in vr.recommend_services(pmo).top(30)}
    assert scores["kestrel-delivery"] == 1.0
    assert vr.value_attribution(pmo)["kestrel"] == 1.0
    assert validation.catalog_for(pmo) is catalog


def test_a_second_model_with_another_catalog_is_unaffected(tmp_path: Path) -> None:
    first_catalog, first_path = _catalog_and_model(tmp_path / "one", "kestrel-delivery")
    second_catalog, second_path = _catalog_and_model(tmp_path / "two", "kestrel-assurance")
    first = vr.load(first_path, catalog=first_catalog)
    second = vr.load(second_path, catalog=second_catalog)
    assert validation.catalog_for(first) is first_catalog
    assert validation.catalog_for(second) is second_catalog
    services = {s.service for s in vr.recommend_services(second)}
    assert "kestrel-assurance" in services
    assert "kestrel-delivery" not in services
    # The same file loaded without its catalog binds nothing: the name is unknown.
    with pytest.raises(ValidationError, match="unknown catalog id 'kestrel-2025'"):
        vr.coverage(vr.load(first_path, catalog=first_catalog).__class__(**_fields(first)))
    # An equal model bound to another catalog keeps its own binding.
    twin = vr.load(first_path, catalog=first_catalog.extend(name="kestrel-2025"))
    assert twin == first
    assert validation.catalog_for(twin) is not validation.catalog_for(first)


def _fields(pmo: vr.PMO) -> dict[str, Any]:
    return {f.name: getattr(pmo, f.name) for f in attrs.fields(vr.PMO)}


def test_an_explicit_catalog_wins_over_the_bound_one(tmp_path: Path) -> None:
    catalog, path = _catalog_and_model(tmp_path / "one", "kestrel-delivery")
    pmo = vr.load(path, catalog=catalog)
    with pytest.raises(ValidationError, match="unknown service id 'kestrel-delivery'"):
        vr.coverage(pmo, catalog=pmi_2025())


def test_bind_catalog_checks_first() -> None:
    pmo = vr.PMO(
        id="p",
        name="P",
        catalog="acme",
        offerings=(vr.ServiceOffering(id="x", service="acme-service", maturity=2),),
    )
    with pytest.raises(ValidationError, match="unknown service id 'acme-service'"):
        validation.bind_catalog(pmo, catalog=pmi_2025())
    assert validation.bound_catalog(pmo) is None


def test_what_is_remembered_goes_with_its_model() -> None:
    pmo = validation.bind_catalog(vr.PMO(id="p", name="P"), catalog=pmi_2025().extend(name="gone"))
    vr.trace_all(pmo)  # derived work that refers back to the model
    alive = weakref.ref(pmo)
    del pmo
    gc.collect()
    assert alive() is None


def test_a_changed_copy_is_analysed_afresh() -> None:
    pmo = vr.examples.load("northwind-energy")
    before = vr.coverage(pmo)
    lower = attrs.evolve(pmo, customers=pmo.customers[:1])  # one customer's demand only
    assert vr.coverage(lower).total != before.total
    assert vr.coverage(pmo) is before  # the headline figure is computed once per model


def test_bad_catalog_arguments_are_named() -> None:
    pmo = vr.PMO(id="p", name="P")
    with pytest.raises(ValidationError, match="catalog: expected a Catalog, got str 'pmi-2025'"):
        vr.coverage(pmo, catalog="pmi-2025")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="pmo: expected a PMO, got dict"):
        vr.coverage({"id": "p"})  # type: ignore[arg-type]


def _customers_model(*customers: vr.Customer) -> vr.PMO:
    return vr.PMO(id="p", name="P", customers=customers)


def _customer(ident: str, *outcomes: str, group: str = "project-managers") -> vr.Customer:
    return vr.Customer(
        id=ident,
        name=ident,
        group=group,
        expectations=tuple(vr.Expectation(outcome=o) for o in outcomes),
    )


ROI, SUCCESS = "higher-return-on-investment", "improved-success-rates"


@pytest.mark.parametrize(
    ("customers", "message"),
    [
        (
            (_customer("a", ROI, SUCCESS, ROI),),
            "outcome 'higher-return-on-investment' is expected twice",
        ),
        ((_customer("a", ROI, "no-such-outcome"),), "unknown outcome id 'no-such-outcome'"),
        (
            (_customer("a", ROI, group="no-such-group"),),
            "unknown customer group id 'no-such-group'",
        ),
        ((_customer("a", ROI), _customer("a", SUCCESS)), "duplicate id 'a'"),
        # Two customers with one id, each naming ROI once: the column of ROI holds 'a' twice,
        # which alone must not be taken for an outcome named twice.
        ((_customer("a", ROI), _customer("a", ROI)), "duplicate id 'a'"),
    ],
)
def test_the_gate_finds_the_same_problems_when_it_lists_who_expects_what(
    customers: tuple[vr.Customer, ...], message: str
) -> None:
    # coverage() checks the customers from the table of shares it builds for the demand;
    # find_problems checks them one by one. Both must report exactly the same problems.
    pmo = _customers_model(*customers)
    expected = validation.find_problems(pmo)
    assert any(message in str(problem) for problem in expected), expected
    with pytest.raises(ValidationError) as caught:
        vr.coverage(attrs.evolve(pmo))
    assert list(caught.value.problems) == expected


def test_the_table_the_gate_builds_is_the_one_every_analysis_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[Any] = []
    real = validation.expected_shares

    def keeping(customers: Any) -> Any:
        built.append(real(customers))
        return built[-1]

    monkeypatch.setattr(validation, "expected_shares", keeping)
    pmo = attrs.evolve(vr.examples.load("northwind-energy"))
    total = vr.coverage(pmo).total
    vr.impact_all(pmo), vr.trace_all(pmo), vr.outcome_demand(pmo), vr.value_attribution(pmo)
    assert len(built) == 1  # by the gate, while it checked the customers
    assert expected_by_of(pmo, validation.catalog_for(pmo)) is built[0]  # the one the demand reads
    assert total == vr.coverage(vr.examples.load("northwind-energy")).total


def test_effective_maturity_lists_no_shares(monkeypatch: pytest.MonkeyPatch) -> None:
    # The weakest-link levels need no demand, so their first call does not build the table.
    monkeypatch.setattr(validation, "expected_shares", lambda c: pytest.fail("table built"))
    pmo = attrs.evolve(vr.examples.load("northwind-energy"))
    assert vr.effective_maturity(pmo)["reporting"] == 3


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "d"]),  # few ids: duplicates happen
            st.sampled_from(["project-managers", "team-members", "no-such-group"]),
            st.lists(st.sampled_from([ROI, SUCCESS, "no-such-outcome"]), max_size=4),
        ),
        max_size=6,
    )
)
def test_checking_customers_from_the_table_finds_what_checking_them_one_by_one_finds(
    rows: list[tuple[str, str, list[str]]],
) -> None:
    pmo = _customers_model(*(_customer(i, *outcomes, group=g) for i, g, outcomes in rows))
    expected = validation.find_problems(pmo)
    if not expected:
        validation.sound(attrs.evolve(pmo), shares=True)
        return
    with pytest.raises(ValidationError) as caught:
        validation.sound(attrs.evolve(pmo), shares=True)
    assert list(caught.value.problems) == expected
