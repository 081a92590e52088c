"""Names of the declared kinds in the resident's language (the calculation contract's kinds,
bistand/rules/parameters/kinds.toml), and the plain-language explanation of each calculation line.

The resident sees words of everyday Swedish or English, not the rules' legal text: every line of the
preview says what it is for and whether it adds to or takes from the amount. An unknown kind is shown
by its Swedish name from the rules (or its code), never an error.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bistand.casework.decisions.labels import kind_label as swedish_kind_label

COST_KINDS = {
    "rent": gettext_lazy("Hyra"),
    "electricity": gettext_lazy("El i hemmet"),
    "home_insurance": gettext_lazy("Hemförsäkring"),
    "work_travel": gettext_lazy("Resor till arbetet"),
    "union_fee": gettext_lazy("Avgift till fackförening"),
    "unemployment_fund_fee": gettext_lazy("Avgift till a-kassa"),
}
INCOME_KINDS = {
    "salary": gettext_lazy("Lön"),
    "unemployment_benefit": gettext_lazy("Ersättning från a-kassan"),
    "sickness_benefit": gettext_lazy("Sjukpenning"),
    "parental_benefit": gettext_lazy("Föräldrapenning"),
    "activity_support": gettext_lazy("Aktivitetsstöd"),
    "child_allowance": gettext_lazy("Barnbidrag"),
    "housing_allowance": gettext_lazy("Bostadsbidrag"),
    "maintenance_support": gettext_lazy("Underhållsstöd"),
    "student_aid": gettext_lazy("Studiemedel"),
    "pension": gettext_lazy("Pension"),
    "other": gettext_lazy("Annan inkomst"),
    "disability_allowance_tax_free": gettext_lazy("Skattefri handikappersättning"),
    "csn_extra_supplement": gettext_lazy("Extra tillägg från CSN"),
    "small_charity_grant": gettext_lazy("Litet bidrag från fond eller stiftelse"),
    "damages_non_income": gettext_lazy("Skadestånd eller försäkringspengar (inte för förlorad inkomst)"),
}
EXTRA_NEED_KINDS = {
    "dental_care": gettext_lazy("Tandvård"),
    "glasses": gettext_lazy("Glasögon"),
    "medical_care": gettext_lazy("Sjukvård"),
    "medicine": gettext_lazy("Medicin"),
    "home_equipment": gettext_lazy("Möbler och saker till hemmet"),
    "moving_costs": gettext_lazy("Flytt"),
    "other_need": gettext_lazy("Annat"),
}
SUPPLEMENT_KINDS = {
    "medical_diet": gettext_lazy("Dyrare mat av medicinska skäl"),
    "school_meals": gettext_lazy("Skolmåltider"),
    "meals_in_fee": gettext_lazy("Mat som ingår i en avgift"),
    "disability": gettext_lazy("Extra kostnader på grund av funktionsnedsättning"),
    "other_special_reason": gettext_lazy("Annat särskilt skäl"),
}
BY_CATEGORY = {"cost": COST_KINDS, "income": INCOME_KINDS, "extra_need": EXTRA_NEED_KINDS}

# The kinds offered in the resident's form (the rest stay in an application copied from last month).
FORM_COSTS = ("rent", "electricity", "home_insurance", "work_travel", "union_fee", "unemployment_fund_fee")
FORM_INCOMES = (
    "salary",
    "unemployment_benefit",
    "sickness_benefit",
    "parental_benefit",
    "activity_support",
    "child_allowance",
    "housing_allowance",
    "maintenance_support",
    "student_aid",
    "pension",
    "other",
)
FORM_EXTRA_NEEDS = tuple(EXTRA_NEED_KINDS)


def kind_label(category: str, kind: str) -> str:
    label = BY_CATEGORY.get(category, {}).get(kind) or SUPPLEMENT_KINDS.get(kind)
    return str(label) if label is not None else swedish_kind_label(category, kind)


def kr(amount: int) -> str:
    """12 345 kr, with a non-breaking space (the same in both languages)."""
    return f"{int(amount):,}".replace(",", "\u00a0") + "\u00a0kr"


@dataclass
class PlainLine:
    text: str
    amount: str = ""
    sign: str = ""  # "+" adds to what you get, "−" takes from it, "" says something without an amount
    changed: bool = False


def _who(member_id, names: dict) -> str:
    return names.get(str(member_id), "") if member_id is not None else ""


def plain_lines(result: dict, names: dict[str, str]) -> list[PlainLine]:
    """Every line of the calculation in plain words. `names`: member id (as in the request) -> first name."""
    lines: list[PlainLine] = []
    for line in result.get("lines", []):
        rule = line.get("rule", "")
        kind = line.get("kind") or ""
        amount = int(line.get("amount") or 0)
        who = _who(line.get("member"), names)
        if rule == "norm.personal.single":
            text = _("Pengar till mat, kläder, hygien och fritid för dig")
        elif rule == "norm.personal.couple":
            text = _("Pengar till mat, kläder, hygien och fritid för er två vuxna")
        elif rule.startswith("norm.personal"):
            text = _("Pengar till mat, kläder, lek och fritid för %(name)s") % {"name": who or _("barnet")}
        elif rule.startswith("norm.common"):
            text = _("Hushållets gemensamma kostnader, till exempel telefon, internet och tvättmedel")
        elif rule == "norm.supplement":
            text = _("Extra pengar: %(what)s") % {"what": kind_label("supplement", kind)}
        elif rule in ("cost.reasonable", "cost.accepted_in_full"):
            text = _("%(what)s: vi räknar med hela kostnaden") % {"what": kind_label("cost", kind)}
            if rule == "cost.reasonable" and line.get("parameter"):
                text = _("%(what)s: vi räknar med det belopp som kommunen godtar") % {
                    "what": kind_label("cost", kind)
                }
        elif rule == "cost.not_approved":
            lines.append(
                PlainLine(
                    _(
                        "%(what)s: kostnaden är högre än vad kommunen godtar för ett hushåll av er storlek. "
                        "Det som är över gränsen räknas inte med."
                    )
                    % {"what": kind_label("cost", kind)}
                )
            )
            continue
        elif rule == "income.counted":
            text = _("%(what)s: dras av eftersom det är en inkomst") % {"what": kind_label("income", kind)}
            if who:
                text = _("%(what)s för %(name)s: dras av eftersom det är en inkomst") % {
                    "what": kind_label("income", kind),
                    "name": who,
                }
        elif rule in ("income.not_counted", "income.child_earnings_exempt"):
            lines.append(
                PlainLine(_("%(what)s: räknas inte som inkomst") % {"what": kind_label("income", kind)})
            )
            continue
        elif rule == "income.work_incentive":
            lines.append(
                PlainLine(
                    _(
                        "En fjärdedel av lönen räknas inte som inkomst (jobbstimulans). Det gör att det lönar "
                        "sig att arbeta."
                    )
                )
            )
            continue
        elif rule == "income.carried_surplus":
            text = _("Pengar som blev över förra månaden räknas som inkomst")
        elif rule == "extra_need":
            text = _("%(what)s") % {"what": kind_label("extra_need", kind)}
        else:
            text = _("Övrigt i beräkningen")
        if amount < 0:
            lines.append(PlainLine(text, kr(-amount), "−"))
        elif amount > 0 and line.get("counted", True):
            lines.append(PlainLine(text, kr(amount), "+"))
        else:
            lines.append(PlainLine(text))
    return lines


def plain_totals(result: dict) -> list[PlainLine]:
    totals = [
        PlainLine(_("Det här behöver ni för månaden"), kr(result.get("need_total", 0))),
        PlainLine(_("Era inkomster som räknas"), kr(result.get("income_total", 0))),
        PlainLine(_("Försörjningsstöd enligt beräkningen"), kr(result.get("assistance", 0))),
    ]
    return totals
