"""Case (akt) data: cases and who holds them, applications, calculations, decisions, payments, barriers."""

from bistand.cases.models.application import Application, ApplicationChannel, ApplicationKind, DeclaredItem
from bistand.cases.models.barrier import BarrierRegistration
from bistand.cases.models.case import Case, CaseAssignment, CaseStatus
from bistand.cases.models.decision import Calculation, Decision, DecisionItem, DecisionOutcome
from bistand.cases.models.payment import Payment

__all__ = [
    "Application",
    "ApplicationChannel",
    "ApplicationKind",
    "BarrierRegistration",
    "Calculation",
    "Case",
    "CaseAssignment",
    "CaseStatus",
    "DeclaredItem",
    "Decision",
    "DecisionItem",
    "DecisionOutcome",
    "Payment",
]
