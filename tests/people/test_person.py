from datetime import date

import pytest
from django.core.exceptions import ValidationError

from bistand.people.models import Person


@pytest.mark.django_db
def test_person_number_is_normalised_and_birth_date_taken_from_it():
    person = Person.objects.create(
        personal_number="811218-9876", first_name="Anna", last_name="Ek", birth_date=None
    )
    person.refresh_from_db()
    assert person.personal_number == "198112189876"
    assert person.birth_date == date(1981, 12, 18)
    assert person.personal_number_display == "19811218-9876"


@pytest.mark.django_db
def test_full_clean_rejects_a_wrong_check_digit_in_swedish():
    person = Person(
        personal_number="19811218-9875", first_name="Anna", last_name="Ek", birth_date=date(1981, 12, 18)
    )
    with pytest.raises(ValidationError) as exc:
        person.full_clean()
    assert "kontrollsiffra" in str(exc.value)
