"""Production is the default, and it refuses to start half-configured (bistand.project.env)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bistand.project import env

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = (
    "Zq8v-3kLwP0s_7YbN2mR9tXc4Hj6Df1Ga5Ue0Io8Ks3Lp2Wq7Er4Ty9Ui6Op1As5"  # 64 characters, 48 of them different
)
PSEUDONYM_KEY = "p" * 20 + "q" * 20  # 40 bytes, above the 32-byte minimum
PRODUCTION = {
    "BISTAND_SECRET_KEY": GOOD_KEY,
    "BISTAND_ALLOWED_HOSTS": "bistand.example.se",
    "BISTAND_PSEUDONYM_KEY": PSEUDONYM_KEY,
}


def run_python(code: str, tmp_path, **variables: str) -> subprocess.CompletedProcess:
    """A fresh interpreter with only these BISTAND_ variables (none of the test run's own)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("BISTAND_", "DJANGO_"))}
    environ.update(DJANGO_SETTINGS_MODULE="bistand.project.settings", BISTAND_DATA_DIR=str(tmp_path))
    environ.update(variables)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )


def test_debug_is_off_unless_asked_for(tmp_path):
    code = "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)"
    assert run_python(code, tmp_path, **PRODUCTION).stdout.split() == ["False", "True"]
    assert run_python(code, tmp_path, BISTAND_DEBUG="1").stdout.split() == ["True", "False"]


def test_production_refuses_the_development_key(tmp_path):
    variables = {**PRODUCTION, "BISTAND_SECRET_KEY": env.DEVELOPMENT_SECRET_KEY}
    result = run_python(
        "from bistand.cli import main; raise SystemExit(main(['check']))", tmp_path, **variables
    )
    assert result.returncode == 2
    assert "BISTAND_SECRET_KEY is the development key" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_without_anything_set_names_every_missing_variable(tmp_path):
    result = run_python("from bistand.cli import main; raise SystemExit(main(['check']))", tmp_path)
    assert result.returncode == 2
    for variable in ("BISTAND_SECRET_KEY", "BISTAND_ALLOWED_HOSTS", "BISTAND_PSEUDONYM_KEY"):
        assert variable in result.stderr


def test_debug_is_refused_for_a_public_host_name(tmp_path):
    result = run_python("import bistand.project.wsgi", tmp_path, **PRODUCTION, BISTAND_DEBUG="1")
    assert result.returncode != 0
    assert "BISTAND_DEBUG=1 is for local development only" in result.stderr
    assert "bistand.example.se" in result.stderr
    env.refuse_debug_on_public_hosts(["localhost", "127.0.0.1"])  # the demo's own hosts are fine


def test_the_wsgi_application_does_not_load_with_a_weak_key(tmp_path):
    # What gunicorn imports: it must fail there, before serving a single request.
    variables = {**PRODUCTION, "BISTAND_SECRET_KEY": "kort-nyckel"}
    result = run_python("import bistand.project.wsgi", tmp_path, **variables)
    assert result.returncode != 0
    assert "BISTAND_SECRET_KEY is too weak" in result.stderr


def test_check_deploy_is_clean_behind_a_tls_proxy(tmp_path):
    code = "from bistand.cli import main; raise SystemExit(main(['check', '--deploy']))"
    result = run_python(code, tmp_path, **PRODUCTION, BISTAND_TLS_PROXY="1")
    assert result.returncode == 0, result.stderr
    # Only the riksnorm reminders may remain; no security.* or csp finding.
    reported = [line for line in result.stderr.splitlines() if line.startswith("?: (")]
    assert all(line.startswith("?: (normtables.W") for line in reported), reported


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("", "is not set"),
        (env.DEVELOPMENT_SECRET_KEY, "development key"),
        ("django-insecure-" + "x1y2z3" * 10, "development key"),
        ("a" * 49, "too weak"),  # one short of Django's 50
        ("ab" * 40, "too weak"),  # long, but only 2 different characters (5 needed)
    ],
)
def test_weak_secret_keys_are_named(key, problem):
    assert problem in env.secret_key_weakness(key)


def test_a_good_key_passes():
    assert env.secret_key_weakness(GOOD_KEY) is None
    assert env.production_problems(secret_key=GOOD_KEY, allowed_hosts=["a.se"], environ=PRODUCTION) == []


def test_allowed_hosts_and_the_pseudonym_key_are_required():
    problems = env.production_problems(
        secret_key=GOOD_KEY, allowed_hosts=[], environ={"BISTAND_PSEUDONYM_KEY": "x" * 31}
    )
    assert len(problems) == 2
    assert "BISTAND_ALLOWED_HOSTS is empty" in problems[0]
    assert "shorter than 32 bytes" in problems[1]
    assert "'*'" in env.production_problems(secret_key=GOOD_KEY, allowed_hosts=["*"], environ=PRODUCTION)[0]


def test_flags_and_numbers_are_parsed_strictly():
    values = env.Env({"A": "ja", "B": "on", "C": "1y", "D": " 30 ", "E": "a.se, ,b.se"})
    with pytest.raises(env.EnvironmentProblem, match="A must be 1 or 0"):
        values.flag("A")
    assert values.flag("B") is True and values.flag("MISSING", default=True) is True
    with pytest.raises(env.EnvironmentProblem, match="C must be a whole number"):
        values.integer("C", 0)
    assert values.integer("D", 0) == 30
    with pytest.raises(env.EnvironmentProblem, match="at least 60"):
        values.integer("D", 0, minimum=60)
    assert values.names("E") == ["a.se", "b.se"]


def test_the_demo_has_a_pseudonym_key_and_production_refuses_it(tmp_path):
    # In development the household extract works without setting anything (make run, the demo) …
    code = "from bistand.statistics import privacy; print(len(privacy.load_pseudonym_key()))"
    result = run_python(f"import django; django.setup(); {code}", tmp_path, BISTAND_DEBUG="1")
    assert result.stdout.split() == [str(len(env.DEVELOPMENT_PSEUDONYM_KEY))], result.stderr
    # … and a key of one's own is kept.
    variables = {"BISTAND_DEBUG": "1", "BISTAND_PSEUDONYM_KEY": PSEUDONYM_KEY}
    result = run_python(f"import django; django.setup(); {code}", tmp_path, **variables)
    assert result.stdout.split() == ["40"], result.stderr
    problems = env.production_problems(
        secret_key=GOOD_KEY,
        allowed_hosts=["a.se"],
        environ={"BISTAND_PSEUDONYM_KEY": env.DEVELOPMENT_PSEUDONYM_KEY},
    )
    assert len(problems) == 1 and "public development key" in problems[0]
