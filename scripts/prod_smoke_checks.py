"""The checks of scripts/prod-smoke.sh against a running production server (standard library only).

Usage: prod_smoke_checks.py BASE_URL SERVER_PID. Every request carries X-Forwarded-Proto: https, as the
TLS proxy in front of the server would add; one request without it must be redirected to HTTPS.
"""

import json
import os
import sys
import time
import urllib.error
import urllib.request

BASE, PID = sys.argv[1], int(sys.argv[2])
HTTPS = {"X-Forwarded-Proto": "https"}
LEAKS = ("Traceback", "DEBUG", "DATABASE_URL", "SECRET_KEY", "URLconf", "urlpatterns", "django.")
failures: list[str] = []


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(path: str, headers=HTTPS, data: bytes | None = None, content_type: str = ""):
    request = urllib.request.Request(BASE + path, data=data, headers=dict(headers))
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def check(condition: bool, what: str) -> None:
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def wait_for_server(seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(PID, 0)
        except ProcessLookupError:
            sys.exit("FAIL the server stopped while starting")
        try:
            fetch("/logga-in/")
            return
        except OSError:
            time.sleep(0.25)  # polling a process that is still binding its port
    sys.exit(f"FAIL the server did not answer within {seconds:.0f} s")


wait_for_server()

status, headers, body = fetch("/logga-in/")
check(status == 200, f"/logga-in/ answers 200 (got {status})")
check("Logga in" in body, "/logga-in/ is the Swedish login page")
hsts = headers.get("Strict-Transport-Security", "")
check("max-age=31536000" in hsts, f"HSTS for a year ({hsts!r})")
csp = headers.get("Content-Security-Policy", "")
check("default-src 'self'" in csp and "script-src 'self'" in csp, f"strict CSP ({csp!r})")
check("unsafe-inline" not in csp and "unsafe-eval" not in csp, "CSP allows no inline script or eval")
check(
    "no-store" in headers.get("Cache-Control", ""),
    f"Cache-Control no-store ({headers.get('Cache-Control')!r})",
)
check(headers.get("X-Content-Type-Options") == "nosniff", "X-Content-Type-Options: nosniff")
check(headers.get("X-Frame-Options") == "DENY", "X-Frame-Options: DENY")
cookies = headers.get_all("Set-Cookie") or []
check(bool(cookies) and all("Secure" in c for c in cookies), f"every cookie is Secure ({cookies!r})")

status, headers, _ = fetch("/logga-in/", headers={})
location = headers.get("Location", "")
check(
    status == 301 and location.startswith("https://"),
    f"plain HTTP is redirected to HTTPS ({status} {location})",
)

status, headers, body = fetch("/static/bistand/app.css")
check(status == 200 and "no-store" not in headers.get("Cache-Control", ""), "static files served, cacheable")

status, headers, body = fetch("/api/v1/openapi.json")
check(status == 200 and json.loads(body).get("openapi", "").startswith("3."), "the OpenAPI document answers")
calculation = {
    "month": "2025-06",
    "household_size": 1,
    "members": [{"id": "p1", "role": "applicant", "birth_date": "1990-04-01"}],
    "costs": [{"kind": "rent", "amount": 5000}],
    "incomes": [],
}
status, headers, body = fetch(
    "/api/v1/calculations", data=json.dumps(calculation).encode(), content_type="application/json"
)
check(
    status == 200 and "no-store" in headers.get("Cache-Control", ""),
    f"the calculation API answers ({status})",
)

status, headers, body = fetch("/finns-inte/")
check(status == 404 and "Sidan finns inte" in body, f"an unknown URL gives the Swedish 404 ({status})")
check(not any(leak in body for leak in LEAKS), "the 404 page reveals nothing of the configuration")

status, headers, body = fetch("/api/v1/docs")
check(status == 302 and "/logga-in/" in headers.get("Location", ""), "the API docs ask for sign-in")

status, headers, body = fetch(
    "/logga-in/", data=b"username=x&password=y", content_type="application/x-www-form-urlencoded"
)
check(
    status == 403 and "Formuläret kunde inte skickas" in body,
    f"a form without CSRF token gets the Swedish page ({status})",
)
check(not any(leak in body for leak in LEAKS), "the CSRF page reveals nothing of the configuration")

if failures:
    sys.exit(f"{len(failures)} check(s) failed")
