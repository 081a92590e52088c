"""The per-household extract's audit row names every case whose household is in the file."""

import csv
import io

import pytest

from bistand.audit.models import AuditEvent
from bistand.cases.models import Payment
from bistand.statistics import privacy
from tests.statistics.test_dashboard_views import KEY, client_for, get
from tests.statistics.world import REPORT_MONTH, build


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build()


def test_the_extract_download_links_the_cases_it_contains(world, monkeypatch):
    monkeypatch.setenv(privacy.PSEUDONYM_KEY_ENV, KEY)
    text = get(client_for(world, "analyst"), "/statistik/underlag.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
    event = AuditEvent.objects.get(action="export", what__startswith="Underlag per hushåll")
    linked = set(event.case_links.values_list("case_id", flat=True))
    paid = set(Payment.objects.filter(month=REPORT_MONTH.first).values_list("case_id", flat=True))
    # 18 households with assistance in the report month, one case each in the world: 18 rows, 18 links
    assert len(rows) == 18 and len(linked) == 18
    assert linked == paid
