"""Admin for persons: administrators maintain structure, not client details, so addresses and contact
details are not shown here at all.

Protected persons (and households with one) are not in the admin at all — not listed, not searchable,
not reachable by id, not selectable as a household member — for every account, superusers included:
only those who hold the case see them, in the case pages. Protection is neither shown nor editable here;
it is set and lifted by named roles with reasons (bistand.casework.protection). Every list, page and
change here is audited (AuditedAdmin).
"""

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef

from bistand.audit.admin import AuditedAdmin
from bistand.people.models import Household, HouseholdMember, Person


def unprotected_persons():
    return Person.objects.filter(protected_identity="")


def households_without_protected_members():
    protected = HouseholdMember.objects.filter(household=OuterRef("pk")).exclude(
        person__protected_identity=""
    )
    return Household.objects.exclude(Exists(protected))


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["__str__", "personal_number"]
    search_fields = ["personal_number", "last_name"]
    fields = ["personal_number", "first_name", "last_name", "birth_date"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=unprotected_persons())

    # The admin's "recent actions" keep a text for each object; a person may be protected later, so that
    # text is the id, never the name.
    def log_addition(self, request, obj, message):
        return _masked(super().log_addition(request, obj, message), obj)

    def log_change(self, request, obj, message):
        return _masked(super().log_change(request, obj, message), obj)


def _masked(entry, obj):
    LogEntry.objects.filter(pk=entry.pk).update(object_repr=f"Person {obj.pk}")
    return entry


class UnprotectedPersonIdWidget(ForeignKeyRawIdWidget):
    """The id box of a member: its label names only an unprotected person (the stock one names anyone)."""

    def label_and_url_for_value(self, value):
        try:
            shown = unprotected_persons().filter(pk=value).exists()
        except (TypeError, ValueError, ValidationError):
            shown = False
        return super().label_and_url_for_value(value) if shown else ("", "")


class HouseholdMemberInline(admin.TabularInline):
    model = HouseholdMember
    extra = 0
    raw_id_fields = ["person"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "person":
            kwargs["queryset"] = unprotected_persons()
            kwargs["widget"] = UnprotectedPersonIdWidget(db_field.remote_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Household)
class HouseholdAdmin(AuditedAdmin):
    list_display = ["__str__", "district", "dwelling_size"]
    inlines = [HouseholdMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=households_without_protected_members())
