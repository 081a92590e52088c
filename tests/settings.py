"""Settings for the test suite: production settings with test values, in one place.

The tests run with DEBUG off, as production does, so the environment gets what a real installation
must provide (a long secret key, host names, the pseudonym key); a value already in the environment
wins. Only what the test machinery needs differs from production, and each difference says why.
"""

import os
import tempfile
from pathlib import Path

# As production, even if the developer's shell still has the demo's BISTAND_DEBUG=1.
os.environ["BISTAND_DEBUG"] = "0"
os.environ.setdefault("BISTAND_SECRET_KEY", "tests-only-secret-key-" + "0123456789abcdef" * 4)
os.environ.setdefault("BISTAND_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("BISTAND_PSEUDONYM_KEY", "tests-only-pseudonym-key-0123456789abcdef")

from bistand.project.settings import *  # noqa: E402,F403

# PBKDF2 costs about half a second for each user a test creates; MD5 is fine for throwaway passwords.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test client and the browser tests' live server speak plain HTTP; the redirect to HTTPS is
# checked on its own in tests/project/test_http_hardening.py.
SECURE_SSL_REDIRECT = False
# Static files straight from the app folders, so the tests need no collectstatic.
WHITENOISE_USE_FINDERS = True
# The demo city's deterministic agencies (production has none until the municipality's SSBTEK agreement).
INCOME_DATA_PROVIDER = "bistand.incomedata.demo_provider.DemoProvider"
# Background tasks run at once, inside the test, instead of waiting for a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Households' attachments in a throwaway folder, never in the checkout's var/.
BISTAND_ATTACHMENTS_DIR = Path(tempfile.mkdtemp(prefix="bistand-attachments-"))
# Notifications are kept in memory, so tests can read exactly what would have been sent.
BISTAND_NOTIFICATION_BACKEND = "bistand.residentcomm.notifications.MemoryBackend"
# The e-service's demo test login (production has it off; tests/eservice check that it is refused there).
BISTAND_ESERVICE_DEMO_LOGIN = True
# Start-page figures are worked out on every request, so a test that changes data through a service
# sees the change on the next page; tests/casework/test_caseload_figures.py checks the keeping itself.
BISTAND_CASELOAD_FIGURES_SECONDS = 0
