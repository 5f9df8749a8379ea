"""valuering.plot on matplotlib's Agg renderer: each function returns the axes it drew on, with the
right number of bars, wedges and nodes; the value graph stays readable at 26 offerings; the SVG is
the same on every run."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys

import matplotlib
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle, Wedge
from matplotlib.text import Text

from valuering import (
    PMO,
    Customer,
    Expectation,
    FlywheelStep,
    ServiceOffering,
    examples,
    maturity_gaps,
    plot,
    pmi_2025,
    value_attribution,
)
from valuering.graph import ValueAnalysis
from valuering.scoring import indicator_attainment


@pytest.fixture(scope="module")
def northwind() -> PMO:
    return examples.load("northwind-energy")


def _bars(ax: Axes) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def _nodes(ax: Axes, gid: str) -> int:
    (collection,) = [c for c in ax.collections if c.get_gid() == gid]
    return int(np.asarray(collection.get_offsets()).shape[0])


NO_PYPLOT = """
import sys
from valuering import examples, plot
pmo = examples.load("northwind-energy")
for draw in (plot.plot_gaps, plot.plot_flywheel, plot.plot_value_graph):
    plot.svg(draw(pmo), title="t", key="k")
print("matplotlib.pyplot" in sys.modules)
"""


def test_no_gui_backend_is_chosen() -> None:
    # Figures are built without pyplot, so no backend is chosen and no window can open.
    done = subprocess.run(
        [sys.executable, "-c", NO_PYPLOT], capture_output=True, text=True, check=True
    )
    assert done.stdout == "False\n"


def test_each_plot_draws_on_the_axes_it_is_given(northwind: PMO) -> None:
    for draw in (
        plot.plot_maturity_by_category,
        plot.plot_gaps,
        plot.plot_attribution,
        plot.plot_indicators,
        plot.plot_flywheel,
        plot.plot_value_graph,
    ):
        ax = Figure().add_subplot()
        assert draw(northwind, ax) is ax
        assert ax.get_title()


def test_maturity_has_one_bar_per_category(northwind: PMO) -> None:
    ax = plot.plot_maturity_by_category(northwind)
    # X3 by hand: strategic (2+1+3+2)/20, tactical (3+1+3+3)/20, operational (2+3+2+2)/20.
    assert [float(b.get_height()) for b in _bars(ax)] == [40.0, 50.0, 45.0]
    assert [t.get_text() for t in ax.texts] == ["40.0 %", "50.0 %", "45.0 %"]


def test_a_category_without_services_is_marked() -> None:
    pmo = PMO(
        id="p",
        name="P",
        offerings=[ServiceOffering(id="a", service="portfolio-management", maturity=5)],
    )
    ax = plot.plot_maturity_by_category(pmo)
    assert [float(b.get_height()) for b in _bars(ax)] == [100.0, 0.0, 0.0]
    assert [t.get_text() for t in ax.texts] == ["100.0 %", "none offered", "none offered"]


def test_gaps_draw_two_bars_per_offering_below_target(northwind: PMO) -> None:
    gaps = maturity_gaps(northwind)
    below = [g for g in gaps if g.gap > 0]
    assert len(below) == 11  # governance is at its target
    ax = plot.plot_gaps(gaps)
    current, to_target = ax.containers
    assert [float(b.get_width()) for b in current] == [g.maturity for g in below]
    assert [float(b.get_width()) for b in to_target] == [g.gap for g in below]
    assert len(plot.plot_gaps(gaps, top=4).containers[0]) == 4


def test_no_gap_is_said_in_words() -> None:
    pmo = PMO(
        id="p",
        name="P",
        offerings=[ServiceOffering(id="a", service="portfolio-management", maturity=3, target=3)],
    )
    ax = plot.plot_gaps(pmo)
    assert _bars(ax) == []
    assert [t.get_text() for t in ax.texts] == ["every offering is at or above its target"]


def test_attribution_has_one_bar_per_offering_largest_on_top(northwind: PMO) -> None:
    shares = value_attribution(northwind)
    ax = plot.plot_attribution(shares)
    bars = _bars(ax)
    assert len(bars) == 12
    assert bars[0].get_y() > bars[-1].get_y()  # the largest share is drawn at the top
    assert [round(float(b.get_width()), 6) for b in bars] == [
        round(100 * s, 6) for s in shares.values()
    ]
    assert len(_bars(plot.plot_attribution(shares, top=5))) == 5


def test_indicators_are_coloured_by_state(northwind: PMO) -> None:
    attained = indicator_attainment(northwind)
    ax = plot.plot_indicators(attained)
    bars = _bars(ax)
    assert len(bars) == len(attained) == 6
    # 72/85 red, 97/95 green (capped), 10/14 red, 88/90 = 97.8 % amber, 55/80 red, 12/30 red
    expected = ["red", "green", "red", "amber", "red", "red"]
    assert [matplotlib.colors.to_hex(b.get_facecolor()).upper() for b in bars] == [
        plot._figure.RAG[state] for state in expected
    ]


def test_an_unmeasured_indicator_is_grey() -> None:
    assert plot.rag_state(None) == "unmeasured"
    assert plot.rag_state(0.9) == "amber"
    assert plot.rag_state(0.8999) == "red"
    assert plot.rag_state(0.95, tolerance=0.01) == "red"


def test_the_flywheel_has_ten_steps_and_a_dot_per_placed_offering(northwind: PMO) -> None:
    ax = plot.plot_flywheel(northwind)
    wedges = [p for p in ax.patches if isinstance(p, Wedge)]
    assert len(wedges) == 10
    # Five stages of two steps: steps 1 and 2 share a colour, 2 and 3 do not.
    colours = [w.get_facecolor() for w in wedges]
    assert colours[0] == colours[1] != colours[2]
    assert _nodes(ax, "offerings") == 12
    texts = [t.get_text() for t in ax.texts]
    assert "6. Service operation\nassurance, governance +2" in texts
    assert "12 of 12\nofferings\nplaced" in texts


def test_offerings_without_a_step_are_not_placed() -> None:
    pmo = PMO(
        id="p",
        name="P",
        offerings=[
            ServiceOffering(id="a", service="portfolio-management", maturity=2),
            ServiceOffering(
                id="b", service="program-management", maturity=2, step=FlywheelStep.VALUE_DELIVERY
            ),
        ],
    )
    ax = plot.plot_flywheel(pmo)
    assert _nodes(ax, "offerings") == 1
    assert "1 of 2\nofferings\nplaced" in [t.get_text() for t in ax.texts]


def test_the_value_graph_hides_outcomes_nobody_expects(northwind: PMO) -> None:
    analysis = ValueAnalysis(northwind)
    ax = plot.plot_value_graph(analysis)
    assert _nodes(ax, "offerings") == 12
    assert _nodes(ax, "outcomes") == len(analysis.demand) == 20
    shown = {t.get_text() for t in ax.texts}
    served = {o for ident in analysis.order for o in analysis.strengths(ident)}
    hidden = served - set(analysis.demand)
    assert hidden  # the example's offerings serve outcomes nobody expects...
    assert not {pmi_2025().outcomes[o].name for o in hidden} & shown  # ...and they are not drawn
    assert "Improved project customer relationships (not served)" in shown
    assert {t for t in shown if t.startswith("wave ")} == {"wave 1", "wave 2", "wave 3", "wave 4"}


def _catalog_wide_model() -> PMO:
    """All 26 catalog services as offerings named by their long service ids, in chains of waves."""
    catalog = pmi_2025()
    services = sorted(catalog.services)
    offerings = [
        ServiceOffering(
            id=service,
            service=service,
            maturity=1 + i % 5,
            depends_on=[services[i - 4]] if i >= 4 else [],
        )
        for i, service in enumerate(services)
    ]
    customers = [
        Customer(
            id=f"c{i}",
            name=f"Customer {i}",
            group="project-managers",
            expectations=[Expectation(outcome=o) for o in sorted(catalog.outcomes)[i::4]],
        )
        for i in range(4)
    ]
    return PMO(id="wide", name="Wide PMO", offerings=offerings, customers=customers)


def test_the_value_graph_is_readable_at_26_offerings() -> None:
    pmo = _catalog_wide_model()
    ax = plot.plot_value_graph(pmo)
    assert _nodes(ax, "offerings") == 26
    assert _nodes(ax, "outcomes") == 30
    figure = ax.get_figure(root=True)
    assert figure is not None
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    labels: list[Text] = [
        t for t in ax.texts if t.get_text() and not t.get_text().startswith("wave")
    ]
    assert len(labels) == 26 + 30 + 1  # offerings, outcomes, the outcomes' heading
    boxes = [t.get_window_extent(renderer) for t in labels]
    overlapping = [
        (labels[i].get_text(), labels[j].get_text())
        for i, j in itertools.combinations(range(len(boxes)), 2)
        if boxes[i].overlaps(boxes[j])
    ]
    assert overlapping == []
    inside = figure.bbox
    assert all(inside.x0 <= b.x0 and b.x1 <= inside.x1 + 1 for b in boxes)  # no label cut off


def test_svg_is_the_same_on_every_run_and_unique_per_key(northwind: PMO) -> None:
    first = plot.svg(plot.plot_gaps(northwind), title="Gaps <to> target", key="a")
    again = plot.svg(plot.plot_gaps(northwind), title="Gaps <to> target", key="a")
    other = plot.svg(plot.plot_gaps(northwind), title="Gaps <to> target", key="b")
    assert first == again
    assert first.startswith("<svg ")
    assert '<title id="a-title">Gaps &lt;to&gt; target</title>' in first
    assert "<metadata>" not in first
    assert "Date" not in first
    ids_a = set(re.findall(r'\bid="([^"]+)"', first))
    ids_b = set(re.findall(r'\bid="([^"]+)"', other))
    assert ids_a
    assert all(i.startswith("a-") for i in ids_a)
    assert not ids_a & ids_b
    refs = re.findall(r'(?:url\(#|href="#)([^")]+)', first)
    assert set(refs) <= ids_a  # every reference points at an id of the same picture


def test_dollar_signs_are_text_not_mathtext() -> None:
    pmo = PMO(
        id="p",
        name="P",
        offerings=[
            ServiceOffering(
                id="a",
                service="portfolio-management",
                maturity=2,
                target=4,
                name="Cost $ savings $",
            )
        ],
    )
    ax = plot.plot_gaps(pmo)
    assert [t.get_text() for t in ax.get_yticklabels()] == [r"Cost \$ savings \$ (a)"]
    plot.svg(ax, title="t", key="k")  # renders without a mathtext error
