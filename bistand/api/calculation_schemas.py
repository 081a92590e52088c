"""OpenAPI schemas of POST /api/v1/calculations — documentation of the calculation contract.

The endpoint itself validates with bistand.rules (so the API, the command and Python give the same
errors); these pydantic models describe the same JSON for the OpenAPI document, and a test checks that
real results validate against them.
"""

from datetime import date
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from bistand.rules.params import kinds
from bistand.rules.request import MAX_AMOUNT, MAX_LIST_ITEMS

_kinds = kinds()
CostKind = Literal[tuple(_kinds.costs)]
ExtraNeedKind = Literal[tuple(_kinds.extra_needs)]
IncomeKind = Literal[tuple(_kinds.incomes)]
NormSupplementKind = Literal[tuple(_kinds.norm_supplements)]
Confidence = Literal["official", "secondary", "derived", "preliminary", "example"]

EXAMPLE = {
    "month": "2025-06",
    "household_size": 4,
    "members": [
        {"id": "p1", "role": "applicant", "birth_date": "1990-04-01"},
        {"id": "p2", "role": "co_applicant", "birth_date": "1991-05-02"},
        {"id": "c1", "role": "child", "birth_date": "2023-01-10", "preschool_lunch": True},
        {"id": "c2", "role": "child", "birth_date": "2017-02-01"},
    ],
    "costs": [{"kind": "rent", "amount": 7200}, {"kind": "electricity", "amount": 350}],
    "incomes": [
        {"kind": "child_allowance", "member": "c1", "amount": 1250},
        {"kind": "salary", "member": "p1", "amount": 4000},
    ],
    "assistance_history": ["2025-01", "2025-02", "2025-03"],
}

Kronor = Field(ge=0, le=MAX_AMOUNT, description="Hela kronor (heltal), högst 9 999 999, inte negativt.")


class _Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class CalculationMember(_Strict):
    id: str = Field(description="Medlemmens id i begäran; inkomster hänvisar till det.")
    role: Literal["applicant", "co_applicant", "child"] = Field(
        description="applicant = sökande (exakt en), co_applicant = medsökande/sambo (högst en), child = barn under 21 år."
    )
    birth_date: date
    preschool_lunch: bool = Field(
        False, description="Barn 0–6 år som äter lunch på förskolan fem dagar i veckan."
    )
    assistance_history: list[str] | None = Field(
        None,
        description=(
            "Personens egna månader (ÅÅÅÅ-MM) med försörjningsstöd före månaden. Anges de, gäller de i stället "
            "för hushållets assistance_history när personens jobbstimulans bedöms."
        ),
    )
    days_in_household: int | None = Field(
        None,
        ge=1,
        le=31,
        description=(
            "Barn som bor del av månaden hos den andra föräldern: antal dagar i hushållet. Barnets personliga "
            "kostnader räknas som månadsbeloppet / 30 × dagar, avrundat till hela kronor; 30 dagar eller fler = "
            "hela månaden. Barnet räknas fullt ut i hushållets storlek för de gemensamma kostnaderna."
        ),
    )


class CalculationCost(_Strict):
    kind: CostKind
    amount: int = Kronor
    description: str = ""
    accepted_in_full: bool = Field(
        False,
        description="Handläggaren godkänner hela kostnaden: kommunens tak tillämpas inte. Kräver reason.",
    )
    reason: str = Field("", description="Skälet till att kostnaden godkänns i sin helhet (krävs då).")


class CalculationNormSupplement(_Strict):
    kind: NormSupplementKind = Field(
        description="Särskilt skäl att beräkna normen till en högre nivå (SOSFS 2013:1)."
    )
    amount: int = Kronor
    reason: str = Field(description="Handläggarens skäl; krävs.")
    member: str | None = Field(None, description="Medlemmens id; utelämnat = sökande.")


class CalculationCarriedSurplus(_Strict):
    amount: int = Field(ge=0, description="Normöverskott som räknas som inkomst denna månad, hela kronor.")
    from_month: str = Field(
        pattern=r"^\d{4}-\d{2}$", description="Månaden överskottet kommer från (före månaden)."
    )


class CalculationExtraNeed(_Strict):
    kind: ExtraNeedKind
    amount: int = Kronor
    description: str = ""


class CalculationIncome(_Strict):
    kind: IncomeKind
    amount: int = Field(ge=0, le=MAX_AMOUNT, description="Nettobelopp för månaden, hela kronor.")
    member: str | None = Field(None, description="Medlemmens id; utelämnat = sökande.")
    year_to_date: int = Field(
        0,
        ge=0,
        le=MAX_AMOUNT,
        description=(
            "Barns arbetsinkomst tidigare samma kalenderår. Gäller personen: samma belopp på alla personens "
            "poster; fribeloppet (ett prisbasbelopp per kalenderår) gäller per person över alla lönposter."
        ),
    )
    description: str = ""


class CalculationRequest(_Strict):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE]})

    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="Beräkningsmånad ÅÅÅÅ-MM.")
    members: list[CalculationMember] = Field(max_length=MAX_LIST_ITEMS)
    household_size: int | None = Field(
        None, ge=1, description="Antal personer i bostadens hushåll om fler än ärendets medlemmar."
    )
    municipality: str | None = Field(None, description="Kommunens regelkod, t.ex. demostad (hyrestak).")
    costs: list[CalculationCost] = Field([], max_length=MAX_LIST_ITEMS)
    extra_needs: list[CalculationExtraNeed] = Field([], max_length=MAX_LIST_ITEMS)
    incomes: list[CalculationIncome] = Field([], max_length=MAX_LIST_ITEMS)
    assistance_history: list[str] = Field(
        [],
        max_length=MAX_LIST_ITEMS,
        description=(
            "Hushållets månader (ÅÅÅÅ-MM) med försörjningsstöd före månaden; gäller de vuxna som inte har "
            "en egen historik (members[].assistance_history)."
        ),
    )
    norm_supplements: list[CalculationNormSupplement] = []
    carried_surplus: CalculationCarriedSurplus | None = Field(
        None, description="Normöverskott från en tidigare månad som handläggaren beslutat räkna som inkomst."
    )


class CalculationLine(Schema):
    rule: str = Field(description="Stabilt regel-id, t.ex. norm.personal.child.")
    amount: int = Field(description="Behov +, inkomst −, 0 för det som inte räknas eller godkänns.")
    counted: bool
    text: str = Field(description="Förklaring på svenska.")
    parameter: str | None
    value: int | str | None
    source: str = Field(description="Rättslig källa, t.ex. SoF 2025:468 12 kap. 2 §.")
    confidence: Confidence
    member: str | None
    kind: str | None


class CalculationNormSource(Schema):
    source: str
    title: str
    url: str
    parts: dict[str, Confidence]
    version: str = Field(description='Tabellens version: "file" (i programmet) eller en införd version.')


class CalculationPriceBaseAmount(Schema):
    year: int
    amount: int
    source: str
    confidence: Confidence
    version: str = Field(description='Beloppets version: "file" (i programmet) eller en införd version.')


class CalculationMunicipality(Schema):
    code: str
    name: str
    version: str
    effective_from: date
    source: str
    confidence: Confidence


class CalculationParameters(Schema):
    version: str = Field(description="Parameteruppsättningens version; spara den med beräkningen.")
    year: int
    confidence: Confidence
    preliminary: bool
    norm: CalculationNormSource
    price_base_amount: CalculationPriceBaseAmount | None
    municipality: CalculationMunicipality | None


class CalculationResult(Schema):
    month: str
    norm_total: int
    costs_total: int
    extra_needs_total: int
    need_total: int
    income_total: int
    assistance: int = Field(description="Försörjningsstöd, aldrig negativt.")
    surplus: int = Field(description="Normöverskott: räknad inkomst över det totala behovet.")
    lines: list[CalculationLine]
    parameters: CalculationParameters


class CalculationErrorItem(Schema):
    code: str = Field(description="Stabil kod på engelska, t.ex. child_over_20.")
    message: str = Field(description="Meddelande på svenska.")
    field: str = Field(description="Sökväg till fältet, t.ex. members[2].birth_date.")


class CalculationErrors(Schema):
    errors: list[CalculationErrorItem]


def inline_schema(model: type[Schema]) -> dict:
    """The model's JSON schema with its $defs inlined (an OpenAPI requestBody cannot hold $defs)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def resolve(node):
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(defs[node["$ref"].rsplit("/", 1)[-1]])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(value) for value in node]
        return node

    return resolve(schema)
