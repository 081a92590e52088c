"""Security headers, Secure cookies, no-store on personal data, a CSP with nothing inline, and the API docs."""

import re
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.casework.views_world import PASSWORD, build_world

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "bistand"
# Letters are rendered to PDF by WeasyPrint on the server, never served as HTML; their <style> is theirs.
SERVER_SIDE_ONLY = {"decision.html", "invitation.html"}


@pytest.fixture
def world():
    return build_world()


def test_pages_carry_hsts_csp_and_no_store(client):
    response = client.get("/logga-in/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == directives["script-src"] == directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_cookies_are_secure_and_the_session_cookie_is_http_only(client, world):
    page = client.get("/logga-in/", secure=True)
    assert page.cookies["csrftoken"]["secure"] is True
    signed_in = client.post(
        "/logga-in/", {"username": world.owner.user.username, "password": PASSWORD}, secure=True
    )
    assert signed_in.status_code == 302
    session = signed_in.cookies["sessionid"]
    assert session["secure"] is True and session["httponly"] is True


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_plain_http_is_redirected_and_the_tls_proxy_is_believed():
    client = Client()
    plain = client.get("/logga-in/")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/logga-in/"
    assert client.get("/logga-in/", headers={"X-Forwarded-Proto": "https"}).status_code == 200


def test_the_decision_letter_and_case_pages_are_not_stored(client, world):
    client.force_login(world.owner.user)
    letter = client.get(reverse("casework:decision_letter", args=[world.case.pk, world.decision.pk]))
    assert letter["Content-Type"] == "application/pdf"
    assert "no-store" in letter["Cache-Control"]
    page = client.get(reverse("casework:case", args=[world.case.pk]))
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    api = client.post("/api/v1/applications", "{}", content_type="application/json")
    assert "no-store" in api["Cache-Control"]


def test_static_files_keep_their_cache():
    response = Client().get("/static/bistand/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def template_files() -> list[Path]:
    found = [p for p in TEMPLATES.rglob("templates/**/*.html") if p.name not in SERVER_SIDE_ONLY]
    assert len(found) > 30
    return found


INLINE = [
    ("inline <script>", re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I)),
    ("<style> element", re.compile(r"<style\b", re.I)),
    ("style attribute", re.compile(r"\sstyle\s*=", re.I)),
    ("event handler attribute", re.compile(r"\son[a-z]+\s*=", re.I)),
    ("javascript: URL", re.compile(r"javascript:", re.I)),
    ("script from another site", re.compile(r"<script[^>]*src=[\"']?(https?:)?//", re.I)),
]


@pytest.mark.parametrize("template", template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_have_nothing_the_csp_would_block(template):
    text = template.read_text()
    for what, pattern in INLINE:
        assert not pattern.search(text), f"{what} in {template.name}"


def test_htmx_is_told_not_to_inject_its_style(client):
    page = client.get("/logga-in/").content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false' in page


def test_the_api_docs_are_for_signed_in_users_and_come_from_our_own_server(client, world):
    anonymous = client.get("/api/v1/docs")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/logga-in/")
    client.force_login(world.owner.user)
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', docs.content.decode())
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources)
    assert all(s.startswith("/static/") for s in sources), sources
    # The contract itself stays public for the e-service's developers; it holds no personal data.
    assert Client().get("/api/v1/openapi.json").status_code == 200
