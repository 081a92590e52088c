"""Every case page is behind the access rules and the audit log; protected addresses never leak."""

import subprocess
import tempfile

import pytest
from django.urls import URLPattern, reverse

from bistand.audit.models import AuditEvent
from bistand.casework import urls as casework_urls
from bistand.intake import urls as intake_urls
from bistand.journal import urls as journal_urls
from tests.casework.views_world import SECRET_ADDRESS, build_world
from tests.not_found import page_text, with_missing_case

pytestmark = pytest.mark.django_db

CASE_PREFIX = "arenden/<int:case_id>/"


@pytest.fixture
def world():
    return build_world()


# Pages that only take POST: a GET sends the caseworker back to the page the form is on.
POST_ONLY = ("/besluta/", "/aterkalla/", "/ratta-manad/", "/fordela/", "/lamna-over/", "/retur/")


def case_patterns() -> list[tuple[str, URLPattern]]:
    found = [
        (module.app_name, p)
        for module in (casework_urls, intake_urls, journal_urls)
        for p in module.urlpatterns
        if str(p.pattern).startswith(CASE_PREFIX)
    ]
    assert len(found) >= 8, "the case pages should all live under arenden/<case_id>/"
    return found


def case_urls(case, application, decision) -> list[str]:
    """Every URL under /arenden/<id>/, with the ids filled in from the resolver's own parameter names."""
    values = {
        "case_id": case.pk,
        "application_id": application.pk,
        "decision_id": decision.pk,
        "payment_id": decision.payments.first().pk,
    }
    urls = []
    for namespace, pattern in case_patterns():
        names = pattern.pattern.converters.keys()
        urls.append(reverse(f"{namespace}:{pattern.name}", kwargs={n: values[n] for n in names}))
    return urls


def test_every_case_url_is_refused_to_a_caseworker_of_another_unit(client, world):
    client.force_login(world.other.user)
    urls = case_urls(world.case, world.application, world.decision)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"version": 1}).status_code == 404, url
    # Each refusal is itself logged against the case.
    denied = AuditEvent.objects.filter(staff=world.other, case=world.case, action="denied")
    assert denied.count() == 2 * len(urls)


def test_a_forbidden_case_answers_exactly_like_a_missing_one(client, world):
    # Otherwise the difference tells a user of another unit which case numbers exist.
    client.force_login(world.other.user)
    for url in case_urls(world.case, world.application, world.decision):
        forbidden, missing = client.get(url), client.get(with_missing_case(url, world.case.pk))
        assert (forbidden.status_code, missing.status_code) == (404, 404), url
        assert page_text(forbidden) == page_text(missing), url
        assert "Sidan finns inte" in page_text(forbidden)
    # The protected case of the caseworker's own unit, too: no hint that it exists.
    client.force_login(world.colleague.user)
    url = reverse("casework:case", args=[world.protected_case.pk])
    forbidden, missing = client.get(url), client.get(with_missing_case(url, world.protected_case.pk))
    assert forbidden.status_code == missing.status_code == 404
    assert page_text(forbidden) == page_text(missing)


def test_every_case_page_opened_is_in_the_audit_log(client, world):
    client.force_login(world.owner.user)
    for url in case_urls(world.case, world.application, world.decision):
        before = AuditEvent.objects.count()
        response = client.get(url)
        # The decide, withdraw, month-correction, assign, hand-over and payment-return URLs only take POST.
        assert response.status_code == (302 if url.endswith(POST_ONLY) else 200), url
        event = AuditEvent.objects.order_by("-id").first()
        assert AuditEvent.objects.count() > before, url
        assert (event.case, event.staff, event.path) == (world.case, world.owner, url)
        assert event.action == ("print" if url.endswith(".pdf") else "view")


def test_analysts_and_administrators_reach_no_case(client, world):
    client.force_login(world.analyst.user)
    assert client.get(reverse("casework:case", args=[world.case.pk])).status_code == 404


def pages_for(client, world) -> list[tuple[str, bytes]]:
    """Every page, letter and API answer the signed-in user can reach, with its content."""
    seen = [
        ("/", client.get("/").content),
        ("/logg/", client.get("/logg/").content),
        ("/logg/?case_number=EB-00002", client.get("/logg/?case_number=EB-00002").content),
    ]
    for case in (world.case, world.protected_case):
        decision = case.decisions.first()
        application = case.applications.order_by("-month").first()
        for url in case_urls(case, application, decision):
            response = client.get(url)
            content = response.content
            if response.get("Content-Type") == "application/pdf":
                with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
                    pdf.write(content)
                    pdf.flush()
                    content = subprocess.run(
                        ["pdftotext", "-layout", pdf.name, "-"], capture_output=True, check=True
                    ).stdout
            seen.append((url, content))
    return seen


@pytest.mark.parametrize("who", ["colleague", "manager", "other"])
def test_a_protected_persons_address_appears_nowhere_for_staff_without_access(client, world, who):
    client.force_login(getattr(world, who).user)
    for url, content in pages_for(client, world):
        assert SECRET_ADDRESS.encode() not in content, url
        assert b"Hemligstad" not in content, url


def test_the_responsible_caseworker_does_see_the_address(client, world):
    # The check above would be worthless if the address were never shown to anyone.
    client.force_login(world.owner.user)
    response = client.get(reverse("casework:case", args=[world.protected_case.pk]))
    assert SECRET_ADDRESS in response.content.decode()


def test_the_case_file_hides_a_protected_address_when_access_comes_only_from_the_unit(world, rf):
    # Defence in depth: if a future rule let a colleague open the case, the address stays hidden unless
    # they are the responsible caseworker or have a grant.
    from bistand.casework.casefile import member_rows

    rows = member_rows(world.protected_case, world.colleague)
    assert rows[0].address_hidden and rows[0].address == ""
    rows = member_rows(world.protected_case, world.owner)
    assert not rows[0].address_hidden and SECRET_ADDRESS in rows[0].address


def test_pages_require_sign_in(client, world):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")
    response = client.get(reverse("casework:case", args=[world.case.pk]))
    assert response.status_code == 302 and "/logga-in/" in response["Location"]
