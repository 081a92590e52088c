"""Junk in every path and query parameter of every page, as every role: never a server error.

The pages come from the URL resolver and the query parameter names from the views' source (see
url_world.py), so a page or parameter added later is covered without touching this test. Every role
opens every page with real ids, with junk ids, and — where it may open the page — with every query
parameter set to each junk value at once (each page reads its own few parameters, so sending all names
together gives each parameter every junk value with one request per value): the first role that opens a
page gets every junk value, the others a few, and a page that reads no query parameter (recorded while
it answers) gets one — which keeps the test well under a minute.
"""

import html
import re
import traceback

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from bistand.statistics import privacy
from tests.limits import url_world

pytestmark = pytest.mark.django_db

JUNK = [
    "",
    "0000-01",
    "9999-99",
    "9999-12",
    "0001-01",
    "abc",
    "-1",
    "1e1000",
    "9" * 5000,
    "'",
    "x" * 3000,
    "\x00",
    "٣٣٣٣-٠١",  # Arabic-Indic digits: \d and int() accept them
]
JUNK_IDS = ["0", "9" * 25]
FEW = ["0000-01", "abc", "9" * 5000]  # for a page that another role already got every junk value on


@pytest.fixture
def fuzz_world(settings, monkeypatch):
    monkeypatch.setenv(privacy.PSEUDONYM_KEY_ENV, "k" * 64)  # so the household extract really runs
    return url_world.build()


class Fuzzer:
    def __init__(self, user):
        self.client = Client(raise_request_exception=True)
        if user is not None:
            self.client.force_login(user)
        self.failures = []

    def post(self, url: str, data: dict) -> int:
        return self.get(url, data, method="post")

    def get(self, url: str, params: dict, method: str = "get") -> int:
        try:
            status = getattr(self.client, method)(url, params).status_code
        except Exception as exc:  # the view raised: that is the 500 a person would see
            frames = [
                f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in traceback.extract_tb(exc.__traceback__)
            ]
            self.failures.append((url, self.shown(params), repr(exc)[:120], frames[-3:]))
            return 500
        if status >= 500:
            self.failures.append((url, self.shown(params), status, []))
        return status

    def reads(self, url: str, params: dict) -> set[str]:
        """The query parameter names the page looks at (recorded on QueryDict.get/getlist/[]/in)."""
        seen, originals = set(), {}
        for method in ("get", "getlist", "__getitem__", "__contains__"):
            originals[method] = original = getattr(QueryDict, method)

            def recording(qd, key, *args, _original=original):
                seen.add(key)
                return _original(qd, key, *args)

            setattr(QueryDict, method, recording)
        try:
            self.get(url, params)
        finally:
            for method, original in originals.items():
                setattr(QueryDict, method, original)
        return seen & set(params)

    @staticmethod
    def shown(params: dict) -> str:
        value = next(iter(params.values()), "")
        return value if len(value) < 20 else value[:20] + "…"


def test_the_walk_finds_the_pages_and_parameters():
    names = {page.name for page in url_world.pages()}
    assert {"casework:case", "statistics:monthly_xlsx", "selfsupport:plan_new"} <= names
    assert {"month", "manad", "person", "district", "mal", "sida"} <= url_world.query_parameter_names()


def test_junk_in_every_parameter_of_every_page_as_every_role(fuzz_world):
    pages = url_world.pages()
    names = sorted(url_world.query_parameter_names())
    failures, opened, swept = [], 0, set()
    for user in fuzz_world.users.values():
        fuzzer = Fuzzer(user)
        for page in pages:
            url = page.url(fuzz_world.ids)
            status = fuzzer.get(url, {})
            for name in page.parameters:
                for junk in JUNK_IDS:
                    fuzzer.get(page.url({**fuzz_world.ids, name: junk}), {})
            if status == 200:
                opened += 1
                reads = fuzzer.reads(url, dict.fromkeys(names, "abc"))
                for junk in (FEW if page in swept else JUNK) if reads else FEW[:1]:
                    fuzzer.get(url, dict.fromkeys(names, junk))
                swept.add(page)
        failures += fuzzer.failures
    assert failures == [], f"{len(failures)} server errors: {failures[:8]}"
    assert opened > 60  # the roles really opened the pages, not only 403s and redirects


JUNK_FORM = ["", "0000-01", "abc", "-1", "9" * 5000, "\x00"]
_POST_FORM = re.compile(r'<form([^>]*method="post"[^>]*)>(.*?)</form>', re.DOTALL | re.IGNORECASE)
_ACTION = re.compile(r'action="(/[^"]*)"')
_FIELD = re.compile(r'name="([^"]+)"')
NOT_POSTED = {"casework:logout"}  # signing out would end the fuzzing session


def test_junk_in_every_form_field_of_every_page(fuzz_world):
    """Every page with a form that one of the roles can open is posted back with each junk value in every
    field of its POST forms (the first role that can open the page; the access rules are tested elsewhere)."""
    pages = [p for p in url_world.pages() if p.name not in NOT_POSTED]
    failures, posted, done = [], 0, set()
    for user in fuzz_world.users.values():
        if user is None:
            continue
        fuzzer = Fuzzer(user)
        for page in pages:
            if page in done:
                continue
            url = page.url(fuzz_world.ids)
            response = fuzzer.client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            targets = {}  # form action -> field names
            for attributes, body in _POST_FORM.findall(response.content.decode()):
                action = _ACTION.search(attributes)
                target = html.unescape(action.group(1)) if action else url
                targets.setdefault(target, set()).update(_FIELD.findall(body))
            targets.pop(reverse("casework:logout"), None)
            targets = {t: names - {"csrfmiddlewaretoken"} for t, names in targets.items()}
            targets = {t: names for t, names in targets.items() if names}
            if not targets:
                continue
            done.add(page)
            posted += len(targets)
            for target, names in targets.items():
                for junk in JUNK_FORM:
                    fuzzer.post(target, dict.fromkeys(names, junk))
        failures += fuzzer.failures
    assert failures == [], f"{len(failures)} server errors: {failures[:8]}"
    assert posted >= 15  # forms found on the pages (application, decision, journal, plan, meeting, …)
