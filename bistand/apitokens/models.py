"""API tokens: how machine clients (the municipality's e-service, scheduled jobs) call the API.

The secret is 32 random bytes shown once when the token is made; only its SHA-256 digest is stored, so
a copy of the database does not give access, and checking a token costs one indexed lookup instead of a
password hash. A token belongs to one organisation unit and carries named scopes
(bistand.apitokens.scopes); it can be revoked, and its last use is kept.
"""

from django.db import models


class ApiToken(models.Model):
    name = models.CharField(
        "namn", max_length=100, help_text="Vilken klient nyckeln är till, t.ex. E-tjänsten."
    )
    prefix = models.CharField(
        "början av nyckeln", max_length=12, help_text="Visas för att känna igen nyckeln."
    )
    digest = models.CharField("SHA-256 av nyckeln", max_length=64, unique=True)
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="enhet"
    )
    scopes = models.JSONField("behörigheter", default=list)
    created_at = models.DateTimeField("skapad", auto_now_add=True)
    created_by = models.CharField("skapad av", max_length=150, blank=True)
    revoked_at = models.DateTimeField("återkallad", null=True, blank=True)
    revoked_by = models.CharField("återkallad av", max_length=150, blank=True)
    last_used_at = models.DateTimeField("senast använd", null=True, blank=True)

    class Meta:
        verbose_name = "API-nyckel"
        verbose_name_plural = "API-nycklar"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """How the token is named in the audit log: never the secret, only its public prefix."""
        return f"API-nyckel ”{self.name}” ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
