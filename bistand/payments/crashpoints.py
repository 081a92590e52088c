"""Named points where a test can make the export die hard, to prove a rerun completes it correctly.

`BISTAND_CRASH_AT=<step>` makes the process end at once with os._exit (no cleanup, no rollback handlers,
no atexit), the way a killed process or a power cut ends it. It is honoured only when the connected
database is a test database (its name starts with "test_", Django's convention for test databases), so
a stray variable in production can never stop a real export.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.db import connection

ENV = "BISTAND_CRASH_AT"
EXIT_CODE = 137  # what a shell reports for a process killed with SIGKILL

STEPS = (
    "after_batch",  # the batch and its lines are committed; no file yet
    "after_temp",  # the complete file is under its temporary name; not renamed
    "after_replace",  # the file is under its final name; no confirmation yet
    "after_confirm",  # the confirmation is committed
)


def _on_test_database() -> bool:
    return Path(str(connection.settings_dict.get("NAME") or "")).name.startswith("test_")


def crash_point(step: str) -> None:
    if os.environ.get(ENV) == step and _on_test_database():
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(EXIT_CODE)
