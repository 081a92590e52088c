"""Bistånd's försörjningsstöd calculation as rules-as-code (plain Python, no Django).

    försörjningsstöd = riksnorm + reasonable costs + other living needs − counted income

The contract — stable; other parts of Bistånd depend on it
==========================================================
JSON in, JSON out (the same through all three doors: Python, `bistand calculate`, POST /api/v1/calculations):

    from bistand import rules
    result = rules.calculate({
        "month": "2025-06",                                  # required, "YYYY-MM"
        "members": [                                         # required; exactly one applicant
            {"id": "p1", "role": "applicant", "birth_date": "1990-04-01"},
            {"id": "p2", "role": "co_applicant", "birth_date": "1991-05-02",     # at most one
             "assistance_history": ["2025-05"]},   # optional: this person's own months (jobbstimulans)
            {"id": "c1", "role": "child", "birth_date": "2023-01-10", "preschool_lunch": True,
             "days_in_household": 12},             # optional: part of the month with the other parent
        ],
        "household_size": 4,            # optional: persons in the dwelling's household if more than members
        "municipality": "demostad",     # optional: municipal parameters (rent caps); null = none
        "costs": [{"kind": "rent", "amount": 7200, "description": "optional",
                   "accepted_in_full": True, "reason": "Kortvarigt behov"}],   # optional judgement: no cap
        "extra_needs": [{"kind": "dental_care", "amount": 1200, "description": "optional"}],
        "incomes": [{"kind": "salary", "member": "p1", "amount": 4000, "year_to_date": 0}],  # member: default applicant
        "assistance_history": ["2025-01", "2025-02"],       # months with försörjningsstöd before `month`
        "norm_supplements": [{"kind": "medical_diet", "amount": 400, "reason": "…", "member": "p1"}],
        "carried_surplus": {"amount": 900, "from_month": "2025-05"},   # normöverskott counted as income
    })
    result == {"month", "norm_total", "costs_total", "extra_needs_total", "need_total", "income_total",
               "assistance", "surplus", "lines": [...], "parameters": {...}}   # amounts: int kronor

`result["lines"]` explains every amount: {"rule", "amount" (signed; needs +, incomes −, 0 when not
counted/approved), "counted", "text" (Swedish), "parameter", "value", "source", "confidence", "member",
"kind"}. Invariant: sum(line amounts) == assistance − surplus. `result["parameters"]["version"]` names the
parameter set (store it with a snapshot); it also gives the year, legal source, confidence, the
preliminary flag, the prisbasbelopp and the municipal parameter version used; `norm.version` and
`price_base_amount.version` name the table used ("file", or a version entered in the running system and
supplied through params.supply — see parameters/README.md).

Kinds (parameters/kinds.toml): norm_supplements medical_diet, school_meals, meals_in_fee, disability,
other_special_reason; costs rent, electricity, work_travel, home_insurance, union_fee,
unemployment_fund_fee; extra_needs dental_care, glasses, medical_care, medicine, home_equipment,
moving_costs, other_need; incomes salary, unemployment_benefit, sickness_benefit, parental_benefit,
activity_support, child_allowance, housing_allowance, maintenance_support, student_aid, pension, other, and
the not-counted disability_allowance_tax_free, csn_extra_supplement, small_charity_grant, damages_non_income.

Amounts are whole kronor: JSON integers (a number with a fractional part is refused; 7200.0 is 7200).
From Python, int or an integral Decimal (e.g. from a DecimalField); floats are refused.

Errors: `CalculationError` with `.errors` == [{"code", "message" (Swedish), "field"}, …] — every problem
found, codes listed in errors.MESSAGES (e.g. invalid_month, invalid_date, member_not_born, child_over_20,
negative_amount, non_integer_amount, unknown_kind, unknown_member, no_parameters_for_year,
reason_required, invalid_days_in_household, days_not_child, conflicting_year_to_date,
surplus_not_before_month, history_not_before_month,
no_price_base_amount, missing_applicant, too_many_applicants, household_size_too_small,
unknown_municipality, amount_too_large above 9 999 999 kr, too_many_items above 500 entries in a list).
Nothing is half-computed. `bistand calculate` prints the same body on stdout and exits with status 2; the
API answers 422 with it. Untrusted JSON text goes through safe_json.loads first (both doors use it): size,
UTF-8, nesting depth and number literals are checked before any conversion (400, or 413 when too large).

Python API
==========
    calculate(data: dict) -> dict                        JSON contract (parse + compute + to_dict)
    parse_request(data: dict) -> CalculationRequest      validate JSON data into typed dataclasses
    compute(request: CalculationRequest) -> CalculationResult   (.to_dict() for JSON; .lines; .totals)
    totals(request: CalculationRequest) -> Totals        the figures only, no explanation lines
    calculate_many(requests: Iterable[CalculationRequest], workers: int = 1) -> list[Totals]
        batch: same pass without lines; workers > 1 forks processes (offline batches only)
    compute / totals / calculate_many(…, lookups=engine.Lookups(…))
        the same pass on changed copies of the parameters (the what-if tool, bistand.whatif)
    municipal_parameters(code: str, on_date: date) -> MunicipalParameters
        .rent_cap_for(persons), .caseload_cap (households per caseworker),
        .client_meeting_time_goal (Decimal share, 0.25 = 25 %), .version
    municipality_codes() -> list[str]                    municipalities with a parameter file
    norm_for_year(year: int) -> NormTable                riksnorm table with sources and confidence marks
    available_years() -> list[int]                       years with a riksnorm on file or supplied
    PARAMETER_VERSION: str                               e.g. "2026.1+3f2a…" (national parameter set)
Typed dataclasses: CalculationRequest, Member, Cost, ExtraNeed, Income, NormSupplement, CarriedSurplus, Month; CalculationResult, Line,
Totals (norm_total, costs_total, extra_needs_total, income_total, assistance, surplus).

Decided rules (see the modules for the reasons): a member's age is the completed years on the last day of
the month (months.py); all rules and sources are those in force on the last day of the month; a
non-cohabiting case in a larger household gets common(household_size) × members / household_size rounded
half-up; jobbstimulans is decided per adult from the member's own `assistance_history` when given, else
from the household's (income.py); a child's free amount (one prisbasbelopp per calendar year) is per child
over all of the child's salary items, and `year_to_date` describes the child, not the item; municipal rent
caps compare with the number of persons in the case, except for a cost `accepted_in_full` (reason
required); a child's `days_in_household` counts its personal costs as monthly / 30 × days (rounded half-up
once; 30 days or more = the full month) while the child counts fully in the household's size for the
common costs; `norm_supplements` raise the norm (norm_total) with a line each, the table is never changed;
`carried_surplus` counts as income (income_total).
"""

from bistand.rules.batch import calculate_many
from bistand.rules.engine import calculate, compute, totals
from bistand.rules.errors import CalculationError
from bistand.rules.errors import error as _error
from bistand.rules.months import Month, age_at_end_of_month
from bistand.rules.municipal import MunicipalParameters, municipal_parameters, municipality_codes
from bistand.rules.params import NormTable, norm_table, norm_tables, parameter_version
from bistand.rules.request import (
    CalculationRequest,
    CarriedSurplus,
    Cost,
    ExtraNeed,
    Income,
    Member,
    NormSupplement,
    parse_request,
)
from bistand.rules.result import CalculationResult, Line, Totals

PARAMETER_VERSION: str = parameter_version()


def norm_for_year(year: int) -> NormTable:
    """The riksnorm table for `year`; CalculationError(no_parameters_for_year) when it is not on file."""
    table = norm_table(year)
    if table is None:
        raise CalculationError([_error("no_parameters_for_year", "year", year=year)])
    return table


def available_years() -> list[int]:
    """Calendar years with a riksnorm on file (2013–2026)."""
    return sorted(norm_tables())


__all__ = [
    "PARAMETER_VERSION",
    "CalculationError",
    "CalculationRequest",
    "CalculationResult",
    "CarriedSurplus",
    "Cost",
    "ExtraNeed",
    "Income",
    "Line",
    "Member",
    "Month",
    "MunicipalParameters",
    "NormSupplement",
    "NormTable",
    "Totals",
    "age_at_end_of_month",
    "available_years",
    "calculate",
    "calculate_many",
    "compute",
    "totals",
    "municipal_parameters",
    "municipality_codes",
    "norm_for_year",
    "parse_request",
]
