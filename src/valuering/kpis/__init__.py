"""A KPI library: indicator templates per service and per outcome, and suggestions for what a model
offers or is expected to deliver but does not measure (docs/kpis.md).

>>> from valuering import examples
>>> from valuering.kpis import suggest_indicators
>>> suggest_indicators(examples.load("northwind-energy"))[0].indicator.id
'pmis-delivery'
"""

from valuering.kpis._library import (
    IndicatorTemplate,
    outcome_templates,
    perception_template,
    service_templates,
)
from valuering.kpis._suggest import IndicatorSuggestions, Suggestion, suggest_indicators

__all__ = [
    "IndicatorSuggestions",
    "IndicatorTemplate",
    "Suggestion",
    "outcome_templates",
    "perception_template",
    "service_templates",
    "suggest_indicators",
]
