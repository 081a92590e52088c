"""The municipality's organisation: districts (stadsområden), units (enheter) and staff with roles.

Access to cases follows a worker's units and role, so every staff member belongs to one or more units.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models


class Municipality(models.Model):
    name = models.CharField("namn", max_length=100)
    municipality_code = models.CharField("kommunkod", max_length=4, help_text="SCB:s fyrsiffriga kommunkod")
    rules_code = models.CharField(
        "regelkod",
        max_length=50,
        unique=True,
        help_text="Namnet på kommunens egna parametrar i regelpaketet (t.ex. hyrestak).",
    )
    # The account the income support is paid from: the debtor of the bank file (ISO 20022 pain.001).
    payer_iban = models.CharField(
        "kommunens konto (IBAN)",
        max_length=34,
        blank=True,
        default="",
        db_default="",
        help_text="Kontot som utbetalningarna görs från, t.ex. SE45 5000 0000 0583 9825 7466 (utan mellanslag).",
    )
    payer_bic = models.CharField(
        "kommunens bank (BIC)",
        max_length=11,
        blank=True,
        default="",
        db_default="",
        help_text="Bankens BIC-kod, t.ex. ESSESESS.",
    )
    payer_org_number = models.CharField(
        "organisationsnummer", max_length=10, blank=True, default="", db_default=""
    )
    bank_file_format = models.CharField(
        "format på bankfilen",
        max_length=20,
        choices=[("csv", "CSV (semikolonseparerad)"), ("pain.001", "ISO 20022 pain.001.001.03")],
        default="csv",
        db_default="csv",
        help_text="Det format månadskörningen skriver utbetalningsfilen i.",
    )

    class Meta:
        verbose_name = "kommun"
        verbose_name_plural = "kommuner"

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="districts")
    name = models.CharField("namn", max_length=100)
    code = models.CharField("kod", max_length=20)

    class Meta:
        verbose_name = "stadsområde"
        verbose_name_plural = "stadsområden"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["municipality", "code"], name="district_code_unique")]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="units")
    name = models.CharField("namn", max_length=100)

    class Meta:
        verbose_name = "enhet"
        verbose_name_plural = "enheter"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CASEWORKER = "caseworker", "Socialsekreterare"
    SENIOR_CASEWORKER = "senior_caseworker", "Förste socialsekreterare"
    UNIT_MANAGER = "unit_manager", "Enhetschef"
    ADMINISTRATOR = "administrator", "Administratör"
    ANALYST = "analyst", "Analytiker"


class StaffMember(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff")
    role = models.CharField("roll", max_length=30, choices=Role.choices)
    units = models.ManyToManyField(Unit, related_name="staff", verbose_name="enheter")
    title = models.CharField("titel", max_length=100, blank=True)
    employment_rate = models.DecimalField(
        "sysselsättningsgrad (%)", max_digits=5, decimal_places=2, default=Decimal("100")
    )
    weekly_hours_full_time = models.DecimalField(
        "veckoarbetstid vid heltid (timmar)", max_digits=4, decimal_places=2, default=Decimal("40")
    )
    # Single sign-on maps the identity provider's claim (BISTAND_OIDC_STAFF_CLAIM) to this value.
    sso_subject = models.CharField(
        "id i kommunens inloggning",
        max_length=150,
        blank=True,
        default="",
        help_text="Värdet som kommunens inloggningstjänst skickar för medarbetaren, t.ex. anställningsnummer.",
    )

    class Meta:
        verbose_name = "medarbetare"
        verbose_name_plural = "medarbetare"
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["sso_subject"], condition=~models.Q(sso_subject=""), name="staff_sso_subject_unique"
            )
        ]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def full_name(self) -> str:
        return str(self)
