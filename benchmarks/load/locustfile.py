"""Load test: caseworkers and unit managers clicking through Bistånd (locust).

Run through `benchmarks/load/run.sh`, which builds the city, starts the WSGI server and prints the figures.
The users' names come from the file in BISTAND_LOAD_USERS (one "role username" per line, written by
run.sh from the database); all demo users share the demo password.

The page mix follows a caseworker's day: the start page often, then a case from it (case file, journal,
the path to self-support), the follow-up list and the list of all their households; unit managers look at the start page, the monthly report and
the other statistics pages, and search the log. Each request is named by its page type, not its URL, so the
figures are per page type.
"""

from __future__ import annotations

import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("BISTAND_LOAD_PASSWORD", "demo-2026")
# The server runs with production settings behind a (simulated) TLS proxy: every request says it came
# over HTTPS, as the proxy would, so Secure cookies, HSTS and the CSRF referer check behave as in production.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
CASE_LINK = re.compile(r'href="/arenden/(\d+)/(?:ansokningar/\d+/)?"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _users(role: str) -> list[str]:
    path = os.environ.get("BISTAND_LOAD_USERS", "load-users.txt")
    with open(path, encoding="utf-8") as lines:
        return [name for kind, name in (line.split() for line in lines if line.strip()) if kind == role]


class Staff(HttpUser):
    abstract = True
    wait_time = between(2, 8)
    role = ""

    def on_start(self) -> None:
        self.username = random.choice(_users(self.role))
        self.client.headers.update(PROXY_HEADERS)
        page = self.client.get("/logga-in/", name="login form")
        self._keep_cookies(page)
        token = CSRF.search(page.text).group(1)
        response = self.client.post(
            "/logga-in/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host.replace("http://", "https://", 1) + "/logga-in/"},
            allow_redirects=False,
            name="login",
        )
        self._keep_cookies(response)
        self.cases: list[str] = []

    def _keep_cookies(self, response) -> None:
        """The proxy ends TLS; behind it, on loopback, the Secure cookies travel over plain HTTP."""
        for cookie in response.cookies:
            self.client.cookies.set(cookie.name, cookie.value)

    def start_page(self) -> None:
        response = self.client.get("/", name="start page")
        self.cases = CASE_LINK.findall(response.text) or self.cases


class Caseworker(Staff):
    weight = 4
    role = "caseworker"

    @task(5)
    def open_start_page(self) -> None:  # not `start`: that is locust's own User.start
        self.start_page()

    @task(4)
    def case_file(self) -> None:
        if self.cases:
            self.client.get(f"/arenden/{random.choice(self.cases)}/", name="case file")

    @task(2)
    def journal(self) -> None:
        if self.cases:
            self.client.get(f"/arenden/{random.choice(self.cases)}/journal/", name="journal")

    @task(2)
    def self_support(self) -> None:
        if self.cases:
            self.client.get(f"/sjalvforsorjning/arenden/{random.choice(self.cases)}/", name="self-support")

    @task(1)
    def follow_ups(self) -> None:
        self.client.get("/sjalvforsorjning/uppfoljningar/", name="follow-up list")

    @task(1)
    def households(self) -> None:
        self.client.get("/mina-hushall/", name="my households")


class UnitManager(Staff):
    weight = 1
    role = "manager"

    @task(4)
    def open_start_page(self) -> None:  # not `start`: that is locust's own User.start
        self.start_page()

    @task(2)
    def monthly_report(self) -> None:
        self.client.get("/statistik/manadsrapport/", name="statistics: monthly report")

    @task(1)
    def other_statistics(self) -> None:
        page = random.choice(
            ["", "jamforelse/", "varaktighet/", "arbetssatt/", "forsorjningshinder/", "resultat/"]
        )
        self.client.get(f"/statistik/{page}", name="statistics: dashboards")

    @task(1)
    def time_with_clients(self) -> None:
        self.client.get("/sjalvforsorjning/tid-med-klienter/", name="time with clients")

    @task(1)
    def audit_log(self) -> None:
        self.client.get("/logg/", name="audit log")
