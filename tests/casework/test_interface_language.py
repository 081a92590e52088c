"""Every page a demo user can reach speaks plain Swedish and shows no working notes.

Each demo user signs in with the login form and follows the site's own links from the start page (GET
only). The crawl is bounded: at most two addresses of each kind (ids and query values replaced by a
placeholder), so every kind of page is read without reading every case. Every page must answer 200 or
redirect within the site; an HTML page must not contain source tags, file names or notes to developers,
and its visible text (not attributes, scripts or styles) must not contain English action words.
"""

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

from bistand.audit.audit import AuditAction
from tests.demo_module import DEMO_PASSWORD, DEMO_USERS, small_demo_city  # noqa: F401

pytestmark = pytest.mark.django_db

# Anywhere in the page, attributes included: sources and notes belong in the documentation.
LEAKS = ("seeds/", "docs/", ".md", "reference §", "issue ", "TODO", "FIXME", "Traceback", "BISTAND_")
# Whole words in the visible text. Words that are also Swedish ("status", "filter", "data", "export" is
# kept: the verb is "exportera" and the noun reads as the English action word in a log) are left out.
ENGLISH = {
    "add",
    "back",
    "cancel",
    "change",
    "changed",
    "create",
    "created",
    "delete",
    "deleted",
    "details",
    "download",
    "edit",
    "export",
    "false",
    "login",
    "logout",
    "next",
    "none",
    "null",
    "password",
    "previous",
    "remove",
    "save",
    "search",
    "submit",
    "true",
    "undefined",
    "update",
    "updated",
    "username",
    "view",
}
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+")
# Not followed: signing out ends the crawl; the Django admin's own forms are not Bistånd's pages (its
# lists and change pages are, and are read). Downloads (PDF, CSV, Excel) are fetched for their status only.
SKIP = re.compile(r"^/(logga-ut/|oidc/|static/|admin/jsi18n/|admin/logout/|api/v1/docs)")
MAX_PAGES = 260
PER_KIND = 2


class VisibleText(HTMLParser):
    """The text a reader sees: everything outside <script>, <style> and <template>, plus the title."""

    HIDDEN = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []
        self.alts: list[str] = []
        self.links: list[str] = []
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.HIDDEN:
            self.depth += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "html":
            self.lang = attrs.get("lang")
        for name in ("aria-label", "title", "alt", "placeholder"):
            if attrs.get(name):  # read aloud or shown on hover: visible text for this purpose
                (self.alts if name == "alt" else self.parts).append(attrs[name])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def kind(url: str) -> str:
    """The address with its ids and query values replaced: one kind of page."""
    parts = urlsplit(url)
    path = re.sub(r"\d+", "N", parts.path)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def same_site(base: str, href: str) -> str | None:
    if href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    url = urldefrag(urljoin(base, href)).url
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sign_in(username: str) -> Client:
    client = Client()
    response = client.post("/logga-in/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{username} kunde inte logga in"
    return client


def findings_on(url: str, html: str) -> list[str]:
    found = [f"{url}: innehåller {leak!r}" for leak in LEAKS if leak in html]
    parser = VisibleText()
    parser.feed(html)
    if parser.lang != "sv":
        found.append(f"{url}: lang={parser.lang!r}")
    # Django's own admin names two icons in English whatever the language ("Search", and "True"/"False"
    # on yes/no columns); Bistånd's pages are held to every alt text.
    texts = parser.parts + ([] if url.startswith("/admin/") else parser.alts)
    words = {w.lower() for w in WORD.findall(" ".join(texts))}
    english = sorted(words & ENGLISH)
    if english:
        found.append(f"{url}: engelska ord {english}")
    return found


def crawl(username: str) -> tuple[list[str], int]:
    client = sign_in(username)
    queue, seen, kinds = ["/"], {"/"}, Counter()
    findings, pages = [], 0
    while queue and pages < MAX_PAGES:
        url = queue.pop(0)
        response = client.get(url)
        pages += 1
        if response.status_code in (301, 302, 303):
            target = same_site(url, response["Location"])
            assert target is not None, f"{username}: {url} leder ut från webbplatsen"
            if target not in seen and not SKIP.match(target):
                seen.add(target)
                queue.insert(0, target)
            continue
        if response.status_code != 200:
            findings.append(f"{url}: svarar {response.status_code}")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        findings += findings_on(url, html)
        parser = VisibleText()
        parser.feed(html)
        for href in parser.links:
            target = same_site(url, href)
            if target is None or target in seen or SKIP.match(target):
                continue
            seen.add(target)
            if kinds[kind(target)] >= PER_KIND:
                continue
            kinds[kind(target)] += 1
            queue.append(target)
    return [f"{username}: {f}" for f in findings], pages


@pytest.mark.parametrize("username", DEMO_USERS)
def test_every_page_a_demo_user_reaches_is_plain_swedish(small_demo_city, username):  # noqa: F811
    findings, pages = crawl(username)
    assert pages > 3, f"{username} nådde bara {pages} sidor"
    assert not findings, "\n".join(findings)


def test_the_audit_log_names_its_actions_in_swedish(small_demo_city):  # noqa: F811
    client = sign_in("enhetschef")
    client.get("/")  # at least the start page's own row
    response = client.get("/logg/")
    assert response.status_code == 200
    html = response.content.decode()
    # Every action's Swedish label is offered in the search, and no stored code is shown as a cell.
    for action in AuditAction:
        assert f">{action.value}<" not in html, action.value
    assert "Visade" in html or "Visade lista" in html
