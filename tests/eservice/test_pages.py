"""Every resident page: reachable by the household, 404 for another household, plain Swedish, and no
protected person's address anywhere; decisions, letters, payments, meetings and goals."""

import shutil
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone

from bistand.cases.services import calculate_application
from bistand.casework.decisions import decide
from bistand.casework.windows import add_months
from bistand.eservice.models import GoalComment, MeetingReply, ResidentApplication
from bistand.payments.creation import create_payments
from bistand.people.models import ProtectedIdentity
from bistand.selfsupport.models.meeting import Meeting
from bistand.selfsupport.models.plan import ActionPlan, Goal
from tests.casework.factories import make_application, register_barriers
from tests.eservice.helpers import resident_login
from tests.eservice.world import build_world

pytestmark = pytest.mark.django_db

# Words of the administration that say nothing to most residents (klarspråk, Språklagen (2009:600) 11 §):
# the e-service uses everyday words instead ("din handläggare", "ansökan", "du").
BUREAUCRATIC_WORDS = [
    "försörjningshinder",
    "handläggningsbeslut",
    "ärendenummer",
    "sökanden",
    "riksnorm",
    "skälig levnadsnivå",
    "bistånd enligt",
    "kap.",
    "§",
    "delegation",
    "normöverskott",
    "hushållsmedlem",
    "inkomstprövning",
    "vederbörande",
    "erforderlig",
]


@pytest.fixture
def world():
    world = build_world()
    today = timezone.localdate()
    world.month = add_months(today.replace(day=1), -1)
    application = make_application(
        world.case,
        month=world.month,
        items=[
            ("cost", "rent", 6000),
            ("cost", "electricity", 400),
            ("income", "child_allowance", 1250, world.anna),
        ],
    )
    register_barriers(world.case, world.month, staff=world.worker)
    calculation = calculate_application(application)
    world.decision = decide(application, calculation, world.worker, decided_on=today)
    world.payments = create_payments(world.decision)
    world.application = application
    world.meeting = Meeting.objects.create(
        case=world.case,
        kind="home_visit",
        mode="in_person",
        starts_at=timezone.now() + timedelta(days=7),
        location="Storgatan 1, Demostad",
    )
    plan = ActionPlan.objects.create(
        case=world.case,
        person=world.anna,
        established_on=today,
        next_follow_up_due=today + timedelta(days=60),
    )
    world.anna_goal = Goal.objects.create(plan=plan, text="Få ett jobb inom vården")
    bo_plan = ActionPlan.objects.create(
        case=world.case, person=world.bo, established_on=today, next_follow_up_due=today + timedelta(days=60)
    )
    world.bo_goal = Goal.objects.create(plan=bo_plan, text="Läsa svenska på komvux")
    resident_login_client = None  # noqa: F841 - each test signs in itself
    return world


def resident_urls(world, draft) -> list[str]:
    return [
        "/mina-sidor/",
        f"/mina-sidor/ansokan/{draft.pk}/",
        f"/mina-sidor/ansokan/{draft.pk}/fyll-i/",
        f"/mina-sidor/arende/{world.case.pk}/ansokan/{world.application.pk}/",
        f"/mina-sidor/arende/{world.case.pk}/beslut/{world.decision.pk}/brev.pdf",
        "/mina-sidor/utbetalningar/",
        "/mina-sidor/moten/",
        "/mina-sidor/plan/",
    ]


def posts(world, draft) -> list[tuple[str, dict]]:
    return [
        (f"/mina-sidor/ansokan/ny/{world.case.pk}/recurring/", {}),
        (f"/mina-sidor/ansokan/ny/{world.case.pk}/extra_need/", {}),
        (f"/mina-sidor/ansokan/{draft.pk}/fyll-i/", {"cost-0-kind": "rent", "cost-0-amount": "1"}),
        (f"/mina-sidor/ansokan/{draft.pk}/skriv-under/", {"confirm": "1"}),
        (f"/mina-sidor/ansokan/{draft.pk}/ta-tillbaka/", {}),
        (f"/mina-sidor/moten/{world.meeting.pk}/svar/", {"answer": "accept"}),
        (f"/mina-sidor/plan/mal/{world.anna_goal.pk}/kommentar/", {"text": "Hej"}),
    ]


def _draft(client, world):
    if not ResidentApplication.objects.filter(case=world.case).exists():
        client.post(f"/mina-sidor/ansokan/ny/{world.case.pk}/recurring/")
    return ResidentApplication.objects.get(case=world.case, kind="recurring")


def test_every_resident_page_opens_for_the_household(client, world):
    resident_login(client, world.anna)
    draft = _draft(client, world)
    for url in resident_urls(world, draft):
        response = client.get(url)
        assert response.status_code == 200, url


def test_another_household_gets_404_on_every_url(client, world):
    resident_login(client, world.anna)
    draft = _draft(client, world)
    resident_login(client, world.dora)
    for url in resident_urls(world, draft)[1:]:
        response = client.get(url)
        if "/ansokan/" in url or "/beslut/" in url:
            assert response.status_code == 404, url
        else:  # the lists show Dora's own (empty) lists, nothing of Anna's household
            text = response.content.decode()
            assert "Storgatan" not in text and "vården" not in text and "komvux" not in text, url
            assert str(world.payments[0].amount) not in text.replace("\u00a0", ""), url
    for url, data in posts(world, draft):
        assert client.post(url, data).status_code == 404, url
    # Nothing was written for Anna's household by Dora.
    assert not MeetingReply.objects.exists() and not GoalComment.objects.exists()
    assert ResidentApplication.objects.filter(case=world.case).count() == 1
    # Dora's own overview names nothing of Anna's household.
    page = client.get("/mina-sidor/").content.decode()
    assert "Anna" not in page and "Berg" not in page


def test_pages_use_plain_swedish(client, world):
    resident_login(client, world.anna)
    draft = _draft(client, world)
    pages = [client.get(url) for url in resident_urls(world, draft) if not url.endswith(".pdf")]
    pages.append(client.get("/mina-sidor/logga-in/"))
    for response in pages:
        text = response.content.decode().lower()
        for word in BUREAUCRATIC_WORDS:
            assert word not in text, (response.request["PATH_INFO"], word)


def test_pages_in_english(client, world):
    resident_login(client, world.anna)
    draft = _draft(client, world)
    client.post("/mina-sidor/sprak/", {"language": "en", "next": "/mina-sidor/"})
    page = client.get(f"/mina-sidor/ansokan/{draft.pk}/").content.decode()
    assert "Preliminary calculation, not a decision" in page and "Nothing has changed – sign" in page
    assert "Log out" in page and "På svenska" in page


def test_decision_and_payment_are_shown(client, world):
    resident_login(client, world.bo)
    page = client.get(f"/mina-sidor/arende/{world.case.pk}/ansokan/{world.application.pk}/").content.decode()
    payment = world.payments[0]
    assert "Beslutad" in page
    assert "Läs beslutet (PDF)" in page
    assert f"{payment.amount:,}".replace(",", "\u00a0") + "\u00a0kr" in page
    payments = client.get("/mina-sidor/utbetalningar/").content.decode()
    assert f"{payment.amount:,}".replace(",", "\u00a0") + "\u00a0kr" in payments
    response = client.get(f"/mina-sidor/arende/{world.case.pk}/beslut/{world.decision.pk}/brev.pdf")
    assert response.content.startswith(b"%PDF")


def test_meeting_answers_and_goal_comments(client, world):
    resident_login(client, world.anna)
    client.post(f"/mina-sidor/moten/{world.meeting.pk}/svar/", {"answer": "other_time", "message": ""})
    assert not MeetingReply.objects.exists()  # asking for another time needs a suggestion
    client.post(
        f"/mina-sidor/moten/{world.meeting.pk}/svar/", {"answer": "other_time", "message": "Tisdagar"}
    )
    assert MeetingReply.objects.get().message == "Tisdagar"
    client.post(f"/mina-sidor/plan/mal/{world.anna_goal.pk}/kommentar/", {"text": "Jag har sökt två jobb"})
    assert GoalComment.objects.get().goal == world.anna_goal
    # Bo's goal is shown to Anna (shared plan) but she cannot comment on it.
    page = client.get("/mina-sidor/plan/").content.decode()
    assert "Läsa svenska på komvux" in page
    assert (
        client.post(f"/mina-sidor/plan/mal/{world.bo_goal.pk}/kommentar/", {"text": "x"}).status_code == 404
    )
    staff = client.__class__()
    staff.force_login(world.worker.user)
    casefile = staff.get(f"/arenden/{world.case.pk}/").content.decode()
    assert "Tisdagar" in casefile and "Jag har sökt två jobb" in casefile


def _pdf_text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext saknas (poppler-utils)")
    path = tmp_path / "brev.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(out.stdout.split())


def test_a_protected_persons_address_is_shown_to_nobody(client, world, tmp_path):
    """Bo has skyddad folkbokföring: neither Anna nor Bo sees an address (theirs live at the same place),
    not on any page, not the home visit's place, not in the decision letter."""
    world.bo.protected_identity = ProtectedIdentity.PROTECTED_REGISTRATION
    world.bo.save()
    for person in (world.anna, world.bo):
        resident_login(client, person)
        draft = _draft(client, world)
        for url in resident_urls(world, draft):
            response = client.get(url)
            text = (
                _pdf_text(response.content, tmp_path) if url.endswith(".pdf") else response.content.decode()
            )
            assert "Storgatan" not in text and "99999" not in text, (person.first_name, url)
    # An unprotected household sees its own address on its overview.
    resident_login(client, world.dora)
    assert "Lillgatan 9" in client.get("/mina-sidor/").content.decode()
