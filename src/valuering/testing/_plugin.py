"""Hypothesis plugin hook: lets ``st.from_type(valuering.PMO)`` draw valid models wherever both are installed.

Hypothesis calls :func:`setup` while it is itself being imported, which can happen in the middle of
importing :mod:`valuering.testing.strategies`. So this module imports no strategies at load time and
registers deferred strategies that look them up only when something is drawn.
"""

from __future__ import annotations

from typing import Any

__all__ = ["setup"]


def setup() -> None:
    """Register valuering's strategies for ``st.from_type`` (run by Hypothesis' entry point)."""
    from hypothesis import strategies as st

    from valuering.model import PMO, Competence, Outcome, ServiceDefinition

    def later(name: str) -> st.SearchStrategy[Any]:
        def build() -> st.SearchStrategy[Any]:
            from valuering.testing import strategies

            factory = getattr(strategies, name)
            strategy: st.SearchStrategy[Any] = factory()
            return strategy

        return st.deferred(build)

    st.register_type_strategy(PMO, later("pmos"))
    st.register_type_strategy(Outcome, later("outcome_definitions"))
    st.register_type_strategy(Competence, later("competence_definitions"))
    st.register_type_strategy(ServiceDefinition, later("service_definitions"))
