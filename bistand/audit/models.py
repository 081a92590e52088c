"""Audit log and explicit access grants for cases (OSL 26 kap., GDPR).

The tables kept their names from when these models lived in casework (db_table), so moving them
recreated nothing.

Every opening of a case page writes an AuditEvent; unit managers search them. A case where a household
member has protected identity is visible only to its responsible caseworker and to staff given a grant.
"""

from django.db import models

from bistand.cases.immutable import AppendOnlyModel


class AuditEvent(AppendOnlyModel):
    at = models.DateTimeField("tidpunkt", auto_now_add=True, db_index=True)
    user = models.ForeignKey("auth.User", on_delete=models.PROTECT, null=True, related_name="+")
    staff = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    action = models.CharField("händelse", max_length=40)  # view, denied, export, print, ...
    what = models.CharField("vad som visades", max_length=200)
    path = models.CharField("adress", max_length=300)
    # A machine client (an API token) has no user or staff member; its name is kept here instead.
    client = models.CharField("tjänstekonto", max_length=120, blank=True, default="")
    # Lists and exports name many cases: each one is linked (AuditEventCase), so a search by person finds
    # the page views and files that included the person's case.
    cases = models.ManyToManyField("cases.Case", through="AuditEventCase", related_name="+")

    class Meta:
        db_table = "casework_auditevent"
        verbose_name = "loggpost"
        verbose_name_plural = "loggposter"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["case", "at"]), models.Index(fields=["staff", "at"])]

    @property
    def action_label(self) -> str:
        from bistand.audit.audit import AuditAction  # audit imports this module

        try:
            return AuditAction(self.action).label
        except ValueError:
            return self.action

    @property
    def actor(self) -> str:
        """Who did it, for the log pages: the staff member, else the machine client or the account."""
        if self.staff_id:
            return self.staff.full_name
        if self.client:
            return self.client
        return self.user.get_username() if self.user_id else "–"


class AuditEventCase(AppendOnlyModel):
    """One case named by a list view or an export (an AuditEvent may name hundreds).

    Indexed by case first, so "which events included this person's cases" is one index range per case.
    """

    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="case_links")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+", db_index=False)

    class Meta:
        db_table = "casework_auditeventcase"
        verbose_name = "ärende i loggpost"
        verbose_name_plural = "ärenden i loggposter"
        constraints = [models.UniqueConstraint(fields=["case", "event"], name="audit_case_event_unique")]


class CaseAccessGrant(models.Model):
    """An explicit grant to one protected case, given and revoked by the unit manager (never edited).

    A revoked grant stays as the record of who could read the case and when; only an active grant
    (revoked_at empty) opens the case, and a staff member has at most one active grant per case.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="access_grants")
    staff = models.ForeignKey("organisation.StaffMember", on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField("skäl", max_length=200)
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField("återkallad", null=True, blank=True)
    revoked_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.CharField("skäl för återkallelse", max_length=200, blank=True)

    class Meta:
        db_table = "casework_caseaccessgrant"
        verbose_name = "behörighet till ärende"
        verbose_name_plural = "behörigheter till ärenden"
        constraints = [
            models.UniqueConstraint(
                fields=["case", "staff"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_grant_per_case_staff",
            )
        ]

    @property
    def active(self) -> bool:
        return self.revoked_at is None
