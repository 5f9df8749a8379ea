"""The service-dependency graph and value tracing: what each offering creates, for whom, and what
breaks if it fails.

Edges run from a prerequisite offering to the offering that depends on it, from an offering to the
outcomes it serves, from an outcome to the customers who expect it and to the objectives it supports.

>>> from valuering import examples
>>> from valuering.graph import build_graph, delivery_waves, impact_of
>>> pmo = examples.load("northwind-energy")
>>> delivery_waves(pmo)[0]
('methodology', 'pmis')
>>> impact_of(pmo, "pmis").lost
('pmis', 'reporting', 'portfolio-management', 'benefits', 'executive-advice', 'resource-management')
"""

from valuering.graph._analysis import ValueAnalysis
from valuering.graph._build import build_graph
from valuering.graph._checks import Finding, FindingKind, Findings, check
from valuering.graph._dependencies import delivery_waves, dependency_graph
from valuering.graph._export import (
    GRAPH_FORMATS,
    export_graph,
    to_dot,
    to_graphml,
    to_mermaid,
    to_node_link,
)
from valuering.graph._results import (
    Attribution,
    Contributor,
    Contributors,
    DeliveryWaves,
    EffectiveMaturity,
    Impact,
    Impacts,
    OutcomeLoss,
    TracedOutcome,
    Traces,
    ValueTrace,
)
from valuering.graph._tracing import (
    contributors,
    effective_maturity,
    impact_all,
    impact_of,
    trace_all,
    trace_value,
    value_attribution,
)

__all__ = [
    "GRAPH_FORMATS",
    "Attribution",
    "Contributor",
    "Contributors",
    "DeliveryWaves",
    "EffectiveMaturity",
    "Finding",
    "FindingKind",
    "Findings",
    "Impact",
    "Impacts",
    "OutcomeLoss",
    "TracedOutcome",
    "Traces",
    "ValueAnalysis",
    "ValueTrace",
    "build_graph",
    "check",
    "contributors",
    "delivery_waves",
    "dependency_graph",
    "effective_maturity",
    "export_graph",
    "impact_all",
    "impact_of",
    "to_dot",
    "to_graphml",
    "to_mermaid",
    "to_node_link",
    "trace_all",
    "trace_value",
    "value_attribution",
]
