"""What to do in each scenario: the Practice Guide's strategies (its table of scenario strategies),
in our words."""

from __future__ import annotations

from collections.abc import Mapping

from valuering.model import Scenario

__all__ = ["STRATEGIES"]

STRATEGIES: Mapping[Scenario, tuple[str, ...]] = {
    Scenario.POTENTIAL: (
        "Assess how ready the organisation is for a PMO",
        "Gauge project management maturity",
        "Grow a culture that values projects",
        "Win executive backing",
    ),
    Scenario.KICKOFF: (
        "Write a convincing proposal for the PMO and secure executive buy-in",
        "Set the mandate, governance and strategy",
        "Name the customers and what they need",
        "Shape the value proposition and the services",
        "Build the services, processes and indicators",
        "Form the team and give each member a role",
        "Onboard the first customers, launch and measure the first results",
    ),
    Scenario.GROWING: (
        "Finish onboarding and move to regular operation",
        "Deepen customer engagement",
        "Strengthen reporting and analytics",
        "Build capabilities and deliver quick wins",
        "Measure the value delivered and close the gaps found",
    ),
    Scenario.THRIVING: (
        "Sharpen the value proposition and widen the customer base",
        "Refine and extend the services",
        "Keep aligned with the strategy, with approaches tailored per customer",
        "Use resources well and raise maturity",
        "Improve continuously and measure how value is recognised",
    ),
    Scenario.CRISIS: (
        "Assess the PMO's health",
        "Draw up a crisis plan",
        "Win the customers back",
        "Realign with the organisation and revise the value proposition",
        "Reassess the services",
    ),
    Scenario.DECLINE: (
        "Audit the PMO thoroughly",
        "Plan a turnaround and a roadmap to rebuild",
        "Redesign the structure and close skill gaps",
        "Regain executive support",
        "Manage performance strictly",
        "Consider new leadership",
    ),
    Scenario.COLLAPSE: (
        "Wind the PMO down in order",
        "Help the staff move on",
        "Capture the lessons learned",
        "Tell stakeholders what is happening",
        "Hand functions to the business units or outsource them",
        "Keep the door open to a later restart",
    ),
    Scenario.RESURGENCE: (
        "Build on a suitable framework",
        "Set out a new vision",
        "Secure strong sponsorship",
        "Rebuild trust by working in the open",
        "Lead the cultural change",
    ),
}
