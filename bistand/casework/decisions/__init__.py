"""Decisions on applications: proposals per need item, changes since last month, deciding, correcting.

Public API (the casework views call exactly these):
    propose(calculation) -> list[ItemProposal]
    changes_since_last_month(application) -> list[Change]
    decide(application, calculation, staff, overrides=None, decided_on=None) -> Decision
    correct(decision, new_calculation, staff, reason, overrides=None, decided_on=None) -> Decision
    DecisionRefused(messages: list[str])
overrides: {kind: (granted amount in kr, Swedish reason)}; a reason is required below the requested amount.
"""

from bistand.casework.decisions.changes import Change, changes_for_many, changes_since_last_month
from bistand.casework.decisions.delegation import COMMITTEE, DELEGATION_ORDER, delegation_problems
from bistand.casework.decisions.legal import appeal_instruction, legal_basis
from bistand.casework.decisions.proposals import ItemProposal, propose
from bistand.casework.decisions.service import DecisionRefused, correct, decide

__all__ = [
    "COMMITTEE",
    "DELEGATION_ORDER",
    "Change",
    "DecisionRefused",
    "ItemProposal",
    "appeal_instruction",
    "changes_for_many",
    "changes_since_last_month",
    "correct",
    "decide",
    "delegation_problems",
    "legal_basis",
    "propose",
]
