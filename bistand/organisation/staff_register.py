"""The administrator's permission set, and keeping a staff member's admin access in step with the role.

Daily administration needs no superuser: the group "administrator" holds exactly the model permissions
the role uses in /admin/ (the organisation and the staff register, user accounts, unprotected persons and
households, life areas and absence, the committee's switch for automated decisions per unit) — no groups or permissions, no audit log, no access grants, no
superuser flag. A superuser is kept only as a break-glass account (see README, "Administration").

Whether a user may sign in to /admin/ (is_staff) and holds the group follows the staff member's role, so
giving someone the administrator role is one audited change in the staff register, not a second,
unlogged edit of the account.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

ADMIN_GROUP = "administrator"

# (app label, model, actions). Persons: no "add" (they come from applications) and no "delete".
ADMIN_PERMISSIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("auth", "user", ("add", "change", "view")),
    ("organisation", "municipality", ("change", "view")),
    ("organisation", "district", ("add", "change", "view")),
    ("organisation", "unit", ("add", "change", "view")),
    ("organisation", "staffmember", ("add", "change", "view")),
    ("people", "person", ("change", "view")),
    ("people", "household", ("change", "view")),
    ("people", "householdmember", ("add", "change", "view")),
    ("selfsupport", "lifearea", ("add", "change", "view")),
    ("selfsupport", "absence", ("add", "change", "delete", "view")),
    # The committee's decision to switch the automated decision function on in a unit is entered here.
    ("automation", "automationsetting", ("add", "change", "view")),
)


def admin_permission_codes() -> set[str]:
    """'app_label.codename' for every permission of the group (for tests and the check below)."""
    return {
        f"{app}.{action}_{model}"
        for app, model, actions in ADMIN_PERMISSIONS
        if apps.is_installed(f"bistand.{app}") or app == "auth"
        for action in actions
    }


def ensure_administrator_group() -> Group:
    """Create or repair the group so it holds exactly ADMIN_PERMISSIONS (idempotent)."""
    group, _ = Group.objects.get_or_create(name=ADMIN_GROUP)
    wanted = Q(pk__in=[])
    for code in admin_permission_codes():
        app, codename = code.split(".")
        wanted |= Q(content_type__app_label=app, codename=codename)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


def sync_admin_access(member) -> None:
    """Admin sign-in and the group follow the role; a superuser (break-glass) keeps its own flags."""
    user = member.user
    is_admin = member.role == "administrator"
    group = ensure_administrator_group()
    if is_admin:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    if user.is_staff != (is_admin or user.is_superuser):
        user.is_staff = is_admin or user.is_superuser
        user.save(update_fields=["is_staff"])


def create_group_after_migrate(sender, **kwargs) -> None:
    """post_migrate: permissions of every app exist first, then the group gets exactly its set."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    using = kwargs.get("using", "default")
    for config in apps.get_app_configs():
        create_contenttypes(config, verbosity=0, using=using)
        create_permissions(config, verbosity=0, using=using)
    ensure_administrator_group()
