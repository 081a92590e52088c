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
            {"id": "p2", "role": "co_applicant", "birth_date": "1991-05-02"},     # at most one
            {"id": "c1", "role": "child", "birth_date": "2023-01-10", "preschool_lunch": True},
        ],
        "household_size": 4,            # optional: persons in the dwelling's household if more than members
        "municipality": "demostad",     # optional: municipal parameters (rent caps); null = none
        "costs": [{"kind": "rent", "amount": 7200, "description": "optional"}],
        "extra_needs": [{"kind": "dental_care", "amount": 1200, "description": "optional"}],
        "incomes": [{"kind": "salary", "member": "p1", "amount": 4000, "year_to_date": 0}],  # member: default applicant
        "assistance_history": ["2025-01", "2025-02"],       # months with försörjningsstöd before `month`
    })
    result == {"month", "norm_total", "costs_total", "extra_needs_total", "need_total", "income_total",
               "assistance", "surplus", "lines": [...], "parameters": {...}}   # amounts: int kronor

`result["lines"]` explains every amount: {"rule", "amount" (signed; needs +, incomes −, 0 when not
counted/approved), "counted", "text" (Swedish), "parameter", "value", "source", "confidence", "member",
"kind"}. Invariant: sum(line amounts) == assistance − surplus. `result["parameters"]["version"]` names the
parameter set (store it with a snapshot); it also gives the year, legal source, confidence, the
preliminary flag, the prisbasbelopp and the municipal parameter version used.

Kinds (parameters/kinds.toml): costs rent, electricity, work_travel, home_insurance, union_fee,
unemployment_fund_fee; extra_needs dental_care, glasses, medical_care, medicine, home_equipment,
moving_costs, other_need; incomes salary, unemployment_benefit, sickness_benefit, parental_benefit,
activity_support, child_allowance, housing_allowance, maintenance_support, student_aid, pension, other, and
the not-counted disability_allowance_tax_free, csn_extra_supplement, small_charity_grant, damages_non_income.

Amounts are whole kronor: JSON integers (a number with a fractional part is refused; 7200.0 is 7200).
From Python, int or an integral Decimal (e.g. from a DecimalField); floats are refused.

Errors: `CalculationError` with `.errors` == [{"code", "message" (Swedish), "field"}, …] — every problem
found, codes listed in errors.MESSAGES (e.g. invalid_month, invalid_date, member_not_born, child_over_20,
negative_amount, non_integer_amount, unknown_kind, unknown_member, no_parameters_for_year,
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
    municipal_parameters(code: str, on_date: date) -> MunicipalParameters
        .rent_cap_for(persons), .caseload_cap (households per caseworker),
        .client_meeting_time_goal (Decimal share, 0.25 = 25 %), .version
    municipality_codes() -> list[str]                    municipalities with a parameter file
    norm_for_year(year: int) -> NormTable                riksnorm table with sources and confidence marks
    available_years() -> list[int]                       years with a riksnorm on file (2013–2026)
    PARAMETER_VERSION: str                               e.g. "2026.1+3f2a…" (national parameter set)
Typed dataclasses: CalculationRequest, Member, Cost, ExtraNeed, Income, Month; CalculationResult, Line,
Totals (norm_total, costs_total, extra_needs_total, income_total, assistance, surplus).

Decided rules (see the modules for the reasons): a member's age is the completed years on the last day of
the month (months.py); all rules and sources are those in force on the last day of the month; a
non-cohabiting case in a larger household gets common(household_size) × members / household_size rounded
half-up; jobbstimulans is decided from `assistance_history` (income.py); municipal rent caps compare with
the number of persons in the case.
"""

from bistand.rules.batch import calculate_many
from bistand.rules.engine import calculate, compute, totals
from bistand.rules.errors import CalculationError
from bistand.rules.errors import error as _error
from bistand.rules.months import Month, age_at_end_of_month
from bistand.rules.municipal import MunicipalParameters, municipal_parameters, municipality_codes
from bistand.rules.params import NormTable, norm_table, norm_tables, parameter_version
from bistand.rules.request import CalculationRequest, Cost, ExtraNeed, Income, Member, parse_request
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
    "Cost",
    "ExtraNeed",
    "Income",
    "Line",
    "Member",
    "Month",
    "MunicipalParameters",
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
