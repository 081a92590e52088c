"""The Django admin writes the audit log too: what an administrator looked at and changed.

`AuditedAdmin` is mixed into the ModelAdmins of persons, households and the staff register. Lists and
change pages write a row when shown; additions, changes and deletions write one in the same transaction
as the change (the admin wraps saves in a transaction; deletions are wrapped here). Rows name the
object by its id and the changed fields by their names — never values, so no protected data reaches
the log. A staff member may not change their own staff record or account here.
"""

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import transaction

from bistand.audit import audit
from bistand.organisation.models import StaffMember


def record_admin(request, action: audit.AuditAction, what: str) -> None:
    staff = StaffMember.objects.filter(user=request.user).first() if request.user.is_authenticated else None
    audit.record_request(request, action=action, what=f"Administration: {what}", staff=staff)


def _field_name(form, name: str) -> str:
    """The model's Swedish field name (e.g. "efternamn"), or the form's label for other fields."""
    try:
        return str(form.instance._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        field = form.fields.get(name)
        return str(field.label if field is not None and field.label else name).lower()


class AuditedAdmin(admin.ModelAdmin):
    def describe(self, obj) -> str:
        """How the log names one object: kind and id, nothing that could be protected."""
        return f"{self.model._meta.verbose_name} {obj.pk}"

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if request.method == "GET" and response.status_code == 200:
            searched = " (sökning)" if request.GET.get("q") else ""
            record_admin(
                request,
                audit.AuditAction.LIST,
                f"lista över {self.model._meta.verbose_name_plural}{searched}",
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            record_admin(
                request, audit.AuditAction.VIEW, f"visade {self.model._meta.verbose_name} {object_id}"
            )
        return response

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        fields = [_field_name(form, name) for name in form.changed_data]
        for formset in formsets:
            if formset.has_changed():
                fields.append(str(formset.model._meta.verbose_name_plural))
        verb = "ändrade" if change else "lade till"
        detail = f" ({', '.join(fields)})" if fields and change else ""
        record_admin(request, audit.AuditAction.ADMIN, f"{verb} {self.describe(form.instance)}{detail}")

    def delete_model(self, request, obj):
        with transaction.atomic():
            record_admin(request, audit.AuditAction.ADMIN, f"tog bort {self.describe(obj)}")
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                record_admin(request, audit.AuditAction.ADMIN, f"tog bort {self.describe(obj)}")
            super().delete_queryset(request, queryset)


class NotOwnRecordAdmin(AuditedAdmin):
    """For the staff register: nobody changes or deletes their own record (role, units, account)."""

    def owner_user_id(self, obj):  # overridden per model
        return None

    def _own(self, request, obj) -> bool:
        return obj is not None and self.owner_user_id(obj) == request.user.pk

    def has_change_permission(self, request, obj=None):
        return not self._own(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._own(request, obj) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if self._own(request, obj):
            raise PermissionDenied("Du kan inte ändra dina egna uppgifter i registret.")
        super().save_model(request, obj, form, change)
