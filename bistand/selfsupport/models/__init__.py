"""Path to self-support: meetings, life-area assessments, action plans, reminders, staff absence."""

from bistand.selfsupport.models.absence import Absence, AbsenceKind
from bistand.selfsupport.models.assessment import Assessment, AssessmentRating, LifeArea, Rating
from bistand.selfsupport.models.meeting import (
    Meeting,
    MeetingKind,
    MeetingMode,
    MeetingParty,
    MeetingStatus,
    PartyKind,
)
from bistand.selfsupport.models.plan import (
    ActionPlan,
    AgreementMethod,
    FollowUp,
    Goal,
    GoalProgress,
    GoalReview,
    InterventionKind,
    PlanStatus,
    PlanStep,
    Responsible,
)
from bistand.selfsupport.models.reminder import Reminder

__all__ = [
    "Absence",
    "AbsenceKind",
    "ActionPlan",
    "AgreementMethod",
    "Assessment",
    "AssessmentRating",
    "FollowUp",
    "Goal",
    "GoalProgress",
    "GoalReview",
    "InterventionKind",
    "LifeArea",
    "Meeting",
    "MeetingKind",
    "MeetingMode",
    "MeetingParty",
    "MeetingStatus",
    "PartyKind",
    "PlanStatus",
    "PlanStep",
    "Rating",
    "Reminder",
    "Responsible",
]
