"""Which of the Practice Guide's eight scenarios a PMO is likely in, from a questionnaire.

The questions come from the scenarios' characteristics, the crisis and decline warning signs and
the ten signals of a move between scenarios; the answer is a distribution over the eight scenarios,
the likeliest, the answers that drove it and the strategies for it (docs/diagnosis.md).

>>> from valuering.diagnosis import QUESTIONS, diagnose
>>> len(QUESTIONS)
39
>>> diagnose({"stopped-functioning": 5}).likeliest.value
'collapse'
"""

from valuering.diagnosis._diagnose import (
    Diagnosis,
    Driver,
    ScenarioLikelihood,
    diagnose,
    diagnose_model,
)
from valuering.diagnosis._questions import QUESTIONS, AnswerKind, Question
from valuering.diagnosis._strategies import STRATEGIES

__all__ = [
    "QUESTIONS",
    "STRATEGIES",
    "AnswerKind",
    "Diagnosis",
    "Driver",
    "Question",
    "ScenarioLikelihood",
    "diagnose",
    "diagnose_model",
]
