"""Random varied households: the explanation invariant everywhere, and batch results equal scalar results."""

import random

import pytest

from bistand import rules
from bistand.rules.samples import sample_request
from tests.rules.helpers import check_result


@pytest.fixture(scope="module")
def households():
    rng = random.Random(20250601)
    return [sample_request(rng) for _ in range(3000)]


def test_invariant_on_random_households(households):
    seen_rules = set()
    for data in households:
        result = check_result(rules.calculate(data))
        seen_rules.update(line["rule"] for line in result["lines"])
    # the sample exercises every rule that produces lines
    assert seen_rules >= {
        "norm.personal.single", "norm.personal.couple", "norm.personal.child", "norm.common", "norm.common.share",
        "cost.reasonable", "cost.not_approved", "extra_need", "income.counted", "income.not_counted",
        "income.child_earnings_exempt", "income.work_incentive",
        "cost.accepted_in_full", "norm.supplement", "income.carried_surplus",
    }  # fmt: skip
    texts = " ".join(line["text"] for data in households[:3000:7] for line in rules.calculate(data)["lines"])
    assert "dagar i hushållet denna månad" in texts  # part-time children are in the sample


def test_batch_equals_scalar(households):
    requests = [rules.parse_request(data) for data in households]
    batch = rules.calculate_many(requests)
    scalar = [rules.compute(request).totals for request in requests]
    assert batch == scalar
    assert any(t.surplus for t in batch) and any(t.assistance for t in batch)


def test_batch_with_two_workers_equals_one(households):
    requests = [rules.parse_request(data) for data in households[:2500]]
    assert rules.calculate_many(requests, workers=2) == rules.calculate_many(requests)


def test_batch_error_names_the_household(households):
    requests = [rules.parse_request(data) for data in households[:5]]
    bad = rules.CalculationRequest(requests[3].month, requests[3].members, costs=(rules.Cost("rent", -1),))
    with pytest.raises(rules.CalculationError) as caught:
        rules.calculate_many([*requests[:3], bad])
    assert caught.value.errors[0]["field"] == "[3].costs[0].amount"
    with pytest.raises(rules.CalculationError) as caught:
        rules.calculate_many([bad] * 2500, workers=2)
    assert caught.value.errors[0]["field"] == "[0].costs[0].amount"


def test_samples_are_deterministic():
    assert sample_request(random.Random(7)) == sample_request(random.Random(7))
