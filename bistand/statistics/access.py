"""Who may see which follow-up figures and exports (DECIDED; documented in docs/socialstyrelsen-delivery.md).

* Unit managers, senior caseworkers, analysts and administrators see every district and unit: the
  figures are aggregated and small groups are hidden (cells.py), and comparing districts is how the city
  sees whether people are treated alike.
* Caseworkers see the monthly report and the working-methods page for their own unit(s) only, with
  their district's and the city's totals for comparison — enough to know their team's numbers — but
  not the other pages, and no exports.
* Exports of the aggregated report (Excel, CSV): everyone in the first group.
* The household-level extract for analysis: analysts, unit managers and administrators. Identities are
  pseudonymised (privacy.Pseudonymiser) unless the user may open that case file anyway
  (casework.access.visible_cases: a unit manager's own units); protected identities are always
  pseudonymised. Every extract is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from bistand.casework.access import staff_for
from bistand.organisation.models import Role

ALL_DISTRICT_ROLES = {Role.UNIT_MANAGER, Role.SENIOR_CASEWORKER, Role.ANALYST, Role.ADMINISTRATOR}
EXTRACT_ROLES = {Role.UNIT_MANAGER, Role.ANALYST, Role.ADMINISTRATOR}


@dataclass(frozen=True)
class StatisticsAccess:
    staff: object | None
    role: str
    all_districts: bool
    unit_ids: frozenset[int]  # the user's own units (caseworkers are limited to these)
    may_export: bool
    may_extract: bool

    def sees_unit(self, unit_id: int) -> bool:
        return self.all_districts or unit_id in self.unit_ids


def access_for(user) -> StatisticsAccess:
    """Raise PermissionDenied (Swedish message) for users without a statistics role."""
    if not user.is_authenticated:
        raise PermissionDenied("Logga in för att se uppföljningen.")
    staff = staff_for(user)
    if staff is None:
        if user.is_superuser:
            return StatisticsAccess(None, Role.ADMINISTRATOR, True, frozenset(), True, True)
        raise PermissionDenied("Du saknar en roll i organisationen och kan inte se uppföljningen.")
    units = frozenset(staff.units.values_list("pk", flat=True))
    if staff.role in ALL_DISTRICT_ROLES:
        return StatisticsAccess(staff, staff.role, True, units, True, staff.role in EXTRACT_ROLES)
    if staff.role == Role.CASEWORKER:
        return StatisticsAccess(staff, staff.role, False, units, False, False)
    raise PermissionDenied("Din roll ger inte tillgång till uppföljningen.")
