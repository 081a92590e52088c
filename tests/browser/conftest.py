"""Browser tests: Playwright's sync API drives Debian's Chromium (/usr/bin/chromium) against the live server.

The demo city is built once per module at small scale and removed again afterwards (the database is
flushed and restored to what the migrations left, so the other tests see the usual empty database).
Screenshots of the main pages go to test-artifacts/screenshots/ (gitignored).
"""

import os
import shutil
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from pytest_django.live_server_helper import LiveServer

# Playwright's sync API keeps an event loop in the main thread; Django would then refuse ORM calls made by
# the test itself. The test and the browser take turns, so allowing them is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
DEMO_PASSWORD = "demo-2026"


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    """Demostad at small scale for this module; afterwards the database is as the migrations left it.

    The database stays open for the whole module: the live server thread reads it on every request.
    """
    django_db_blocker.unblock()
    try:
        migrated = connection.creation.serialize_db_to_string()
        call_command("build_demo", households=120, seed=2026, verbosity=0)
        yield
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(migrated)
    finally:
        django_db_blocker.restore()


@pytest.fixture(scope="module", autouse=True)
def _request_threads_end_before_sharing_stops():
    """Keeps the server's shared database connections shareable until every request thread has ended.

    On SQLite the live server's request threads use the test's own in-memory connection. Chromium keeps
    HTTP connections alive, so a request thread may still be waiting on one when the module's server
    stops; it ends only when the browser closes, and then closes the shared connection from its own
    thread. This fixture is set up first in every module, so it is torn down last, after the browser:
    only then does it wait for those threads and make the connections unshareable again.
    """
    shared = []
    yield shared
    for thread in threading.enumerate():
        if thread.name.endswith("(process_request_thread)"):
            thread.join(timeout=30)
    for conn in shared:
        conn.dec_thread_sharing()


@pytest.fixture(scope="module")
def site(demo_city, _request_threads_end_before_sharing_stops):
    """pytest-django's LiveServer for this module only.

    pytest-django's own `live_server` fixture makes every test that uses it transactional, which flushes
    the database after each test; the demo city must instead live for the whole module.
    """
    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    # LiveServer.stop() would end the connections' sharing at once; see the fixture above.
    server.thread.terminate()
    _request_threads_end_before_sharing_stops.extend(server.thread.connections_override.values())


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip("Chromium saknas (/usr/bin/chromium); kör scripts/system-deps.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Clicks:
    """Counts the user's clicks, so a test can say how many it takes to get something done."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator):
        self.count += 1
        locator.click()


@pytest.fixture
def clicks():
    return Clicks()


def sign_in(browser, site, username: str):
    context = browser.new_context(
        locale="sv-SE", accept_downloads=True, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    watch_csp(page)
    page.goto(f"{site.url}/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{site.url}/")
    return page


def watch_csp(page) -> None:
    """Collect Chromium's console reports of anything the Content-Security-Policy blocked on this page
    (an inline script or style, eval, a resource from another site) into `page.csp_errors`."""
    page.csp_errors = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            page.csp_errors.append(f"{page.url}: {message.text}")

    page.on("console", on_console)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def serious_violations(page) -> list[str]:
    """axe-core (bundled with axe-playwright-python, no network) violations of impact serious/critical."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
