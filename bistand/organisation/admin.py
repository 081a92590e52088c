"""Admin for the organisation and the staff register (staff members, their roles and units, accounts).

Every list, page and change of the staff register is audited (AuditedAdmin); nobody changes their own
staff record or account here. An administrator is not a superuser: they cannot grant superuser status,
groups or single permissions, cannot see or change superuser accounts, and cannot set another person's
password (that would let them sign in as a caseworker). Admin access follows the role (staff_register).
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction

from bistand.audit.admin import AuditedAdmin, NotOwnRecordAdmin, record_admin
from bistand.audit.audit import AuditAction
from bistand.organisation.forms import NewAccountForm
from bistand.organisation.models import District, Municipality, StaffMember, Unit
from bistand.organisation.staff_register import sync_admin_access

admin.site.site_header = "Bistånd – administration"
admin.site.site_title = "Bistånd"


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ["name", "municipality_code", "rules_code", "bank_file_format"]


@admin.register(District)
class DistrictAdmin(AuditedAdmin):
    list_display = ["name", "municipality", "code"]


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "district"]
    list_filter = ["district"]


@admin.register(StaffMember)
class StaffMemberAdmin(NotOwnRecordAdmin):
    list_display = ["__str__", "role", "employment_rate"]
    list_filter = ["role", "units"]
    filter_horizontal = ["units"]

    def owner_user_id(self, obj):
        return obj.user_id

    def describe(self, obj) -> str:
        return f"medarbetare {obj.pk} ({obj})"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.is_superuser:
            # Only ordinary accounts, and never one's own (no second staff record for oneself).
            kwargs["queryset"] = User.objects.filter(is_superuser=False).exclude(pk=request.user.pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        sync_admin_access(form.instance)


SUPERUSER_ONLY = ("is_staff", "is_superuser", "groups", "user_permissions", "last_login", "date_joined")

admin.site.unregister(User)


@admin.register(User)
class UserAdmin(NotOwnRecordAdmin, DjangoUserAdmin):
    def owner_user_id(self, obj):
        return obj.pk

    def describe(self, obj) -> str:
        return f"användarkonto {obj.pk} ({obj.get_username()})"

    def get_queryset(self, request):
        users = super().get_queryset(request)
        return users if request.user.is_superuser else users.filter(is_superuser=False)

    def get_readonly_fields(self, request, obj=None):
        return () if request.user.is_superuser or obj is None else SUPERUSER_ONLY

    def get_fieldsets(self, request, obj=None):
        if obj is None and not request.user.is_superuser:
            return ((None, {"fields": ("username", "first_name", "last_name", "email")}),)
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # The password field links to a form the administrator may not use (user_change_password).
        return tuple(
            (name, {**options, "fields": tuple(f for f in options["fields"] if f != "password")})
            for name, options in fieldsets
        )

    def get_form(self, request, obj=None, **kwargs):
        if obj is None and not request.user.is_superuser:
            kwargs["form"] = NewAccountForm
        return super().get_form(request, obj, **kwargs)

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied("Lösenord byts inte av administratören.")
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                record_admin(request, AuditAction.ADMIN, f"bytte lösenord för användarkonto {id}")
        return response
