"""Read-only views in Django's admin; tables are entered on /parametrar/ or with `bistand import_table`."""

from django.contrib import admin

from bistand.normtables.models import DecisionToReview, TableVersion


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TableVersion)
class TableVersionAdmin(ReadOnly):
    list_display = ["kind", "year", "version", "status", "source", "created_at", "created_by"]
    list_filter = ["kind", "status", "year"]


@admin.register(DecisionToReview)
class DecisionToReviewAdmin(ReadOnly):
    list_display = ["decision", "kind", "year", "old_assistance", "new_assistance", "created_at"]
    list_filter = ["kind", "year"]
