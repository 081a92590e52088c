"""Admin for persons: administrators maintain structure, not client details, so addresses and contact
details are not shown here at all (a protected person's address must appear nowhere)."""

from django.contrib import admin

from bistand.people.models import Household, HouseholdMember, Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "personal_number", "protected_identity"]
    search_fields = ["personal_number", "last_name"]
    list_filter = ["protected_identity"]
    fields = ["personal_number", "first_name", "last_name", "birth_date", "protected_identity"]


class HouseholdMemberInline(admin.TabularInline):
    model = HouseholdMember
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ["__str__", "district", "dwelling_size"]
    inlines = [HouseholdMemberInline]
