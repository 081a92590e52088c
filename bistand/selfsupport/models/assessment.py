"""Assessment of the life areas (FIA-style), repeated over time so the change shows.

FIA (Förutsättningar inför arbete, Socialstyrelsen) describes the client's social situation in 13 life
areas (Socialstyrelsen, Metodguiden: FIA). Only nine of them could be retrieved; the list is therefore data (LifeArea rows,
seeded by a data migration and editable in the admin), and the four proposed areas are marked unverified.
FIA itself has no numeric scale (no numeric scoring scale was found in Socialstyrelsen's description), so the rating below
is Bistånd's own (DERIVED), explained to users in the form.
"""

from django.db import models


class LifeArea(models.Model):
    code = models.SlugField("kod", max_length=50, unique=True)
    name = models.CharField("livsområde", max_length=100)
    description = models.CharField("beskrivning", max_length=300, blank=True)
    order = models.PositiveSmallIntegerField("ordning", default=0)
    verified = models.BooleanField(
        "verifierat mot FIA-manualen",
        default=False,
        help_text="Avmarkerat för områden som föreslagits men inte kunnat kontrolleras mot FIA-manualen.",
    )
    source = models.CharField("källa", max_length=300, blank=True)
    active = models.BooleanField("används", default=True)

    class Meta:
        verbose_name = "livsområde"
        verbose_name_plural = "livsområden"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Rating(models.IntegerChoices):
    """How much the area stands in the way of work or studies (DERIVED scale; None means "Vet ej")."""

    NONE = 0, "0 – Inget hinder"
    SMALL = 1, "1 – Litet hinder"
    CONSIDERABLE = 2, "2 – Betydande hinder"
    LARGE = 3, "3 – Stort hinder"


RATING_HELP = {
    0: "Området påverkar inte möjligheten att arbeta eller studera.",
    1: "Påverkar något, men går att hantera vid sidan av arbete eller studier.",
    2: "Påverkar tydligt; stöd eller anpassning behövs för att arbeta eller studera.",
    3: "Hindrar i dag arbete eller studier; behöver lösas eller behandlas först.",
}
UNKNOWN_LABEL = "Vet ej"


class Assessment(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="assessments")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="assessments")
    assessed_on = models.DateField("datum för bedömningen")
    assessed_by = models.ForeignKey(
        "organisation.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    meeting = models.ForeignKey(
        "selfsupport.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="assessments"
    )
    summary = models.TextField(
        "handläggarens sammanfattande bedömning",
        blank=True,
        help_text="Förutsättningar inför krav och arbete, och vilket stöd som behövs.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bedömning av livsområden"
        verbose_name_plural = "bedömningar av livsområden"
        ordering = ["-assessed_on", "-id"]
        indexes = [models.Index(fields=["case", "person", "assessed_on"])]

    def __str__(self) -> str:
        return f"Bedömning {self.assessed_on}"


class AssessmentRating(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    life_area = models.ForeignKey(LifeArea, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField("hinder för arbete/studier", choices=Rating.choices, null=True)
    client_words = models.TextField("med klientens egna ord", blank=True)

    class Meta:
        verbose_name = "bedömt livsområde"
        verbose_name_plural = "bedömda livsområden"
        ordering = ["assessment", "life_area__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "life_area"], name="one_rating_per_area"),
        ]

    @property
    def rating_label(self) -> str:
        return UNKNOWN_LABEL if self.rating is None else Rating(self.rating).label
