"""Protected personal data in the e-service (docs/eservice.md, "Skyddade personuppgifter").

The rule: the e-service shows an address only to the person it belongs to, and only when no member of
the household has protected personal data (sekretessmarkering, skyddad folkbokföring or fingerade
personuppgifter). It never shows another person's address — not the other adult's either — and in a
protected household it shows no address at all, nor the place of a home visit. The decision letter is
the caseworker's own PDF, which leaves out every address in a protected household
(bistand/casework/letters/context.py). Legal basis: offentlighets- och sekretesslagen (2009:400) 26 kap.
1 § and 21 kap. 3 §; folkbokföringslagen (1991:481) 16 §.
"""

from bistand.people.models import HouseholdMember


def household_protected(household) -> bool:
    """Any member, past or present, with protected personal data (the same rule as the letters)."""
    return HouseholdMember.objects.filter(household=household).exclude(person__protected_identity="").exists()


def own_address(person, household) -> list[str] | None:
    """The lines of the person's own address to show them, or None when it must not be shown."""
    if person.is_protected or (household is not None and household_protected(household)):
        return None
    lines = [person.street_address, f"{person.postal_code} {person.city}".strip()]
    return [line for line in lines if line]
