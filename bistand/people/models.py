"""Persons and households over time.

A household's composition changes (a child turns 21, a partner moves in), so membership is dated:
a calculation for a month uses the members valid in that month.
"""

from django.core.exceptions import ValidationError
from django.db import models

from bistand.people.identity import InvalidIdentityNumber, parse_identity_number


class ProtectedIdentity(models.TextChoices):
    """Levels of protected personal data (Skatteverket; Socialstyrelsen, juridiskt stöd om skyddade personuppgifter)."""

    NONE = "", "Ingen"
    CONFIDENTIALITY_MARKING = "confidentiality_marking", "Sekretessmarkering"
    PROTECTED_REGISTRATION = "protected_registration", "Skyddad folkbokföring"
    FICTITIOUS_IDENTITY = "fictitious_identity", "Fingerade personuppgifter"


def validate_identity_number(value: str) -> None:
    try:
        parse_identity_number(value)
    except InvalidIdentityNumber as exc:
        raise ValidationError(str(exc)) from exc


class Person(models.Model):
    personal_number = models.CharField(
        "personnummer/samordningsnummer",
        max_length=12,
        unique=True,
        validators=[validate_identity_number],
        help_text="Tolv siffror, ÅÅÅÅMMDDNNNN.",
    )
    first_name = models.CharField("förnamn", max_length=100)
    last_name = models.CharField("efternamn", max_length=100)
    birth_date = models.DateField("födelsedatum")
    protected_identity = models.CharField(
        "skyddade personuppgifter", max_length=30, choices=ProtectedIdentity.choices, blank=True, default=""
    )
    street_address = models.CharField("gatuadress", max_length=200, blank=True)
    postal_code = models.CharField("postnummer", max_length=6, blank=True)
    city = models.CharField("ort", max_length=100, blank=True)
    phone = models.CharField("telefon", max_length=30, blank=True)
    email = models.EmailField("e-post", blank=True)
    bank_clearing = models.CharField("clearingnummer", max_length=5, blank=True)
    bank_account = models.CharField("kontonummer", max_length=20, blank=True)

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["last_name", "first_name"]
        indexes = [
            # Every list of cases leaves out protected households unless the user may see them: the few
            # protected persons are found through this small index, not by reading every person.
            models.Index(
                fields=["id"], condition=~models.Q(protected_identity=""), name="people_person_protected"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_protected(self) -> bool:
        return bool(self.protected_identity)

    @property
    def personal_number_display(self) -> str:
        return f"{self.personal_number[:8]}-{self.personal_number[8:]}"

    def save(self, *args, **kwargs):
        # Store one canonical form so searches never depend on how the number was typed.
        identity = parse_identity_number(self.personal_number)
        self.personal_number = identity.canonical
        if not self.birth_date:
            self.birth_date = identity.birth_date
        super().save(*args, **kwargs)


class Household(models.Model):
    district = models.ForeignKey(
        "organisation.District",
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name="stadsområde",
    )
    dwelling_size = models.PositiveSmallIntegerField(
        "antal personer i bostaden",
        null=True,
        blank=True,
        help_text="Fylls i när fler bor i bostaden än de som ingår i ärendet.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hushåll"
        verbose_name_plural = "hushåll"

    def __str__(self) -> str:
        return f"Hushåll {self.pk}"

    def members_on(self, day):
        """Memberships valid on a given day, applicant first."""
        qs = self.memberships.filter(valid_from__lte=day).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        )
        return qs.select_related("person").order_by("role", "person__birth_date")


class MemberRole(models.TextChoices):
    APPLICANT = "applicant", "Sökande"
    CO_APPLICANT = "co_applicant", "Medsökande"
    CHILD = "child", "Barn"


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("roll", max_length=20, choices=MemberRole.choices)
    preschool_lunch = models.BooleanField("äter lunch på förskolan fem dagar i veckan", default=False)
    valid_from = models.DateField("från och med")
    valid_to = models.DateField("till och med", null=True, blank=True)

    class Meta:
        verbose_name = "hushållsmedlem"
        verbose_name_plural = "hushållsmedlemmar"
        ordering = ["household", "role", "valid_from"]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"
