"""Running things at the same moment: real threads with their own database connections, and subprocesses.

`at_once` starts every callable in its own thread behind a barrier, so they hit the database together.
Each thread opens its own connection (Django's connections are per thread) and closes it at the end, so
PostgreSQL can drop the test database afterwards. On PostgreSQL the calls really run concurrently; on
SQLite the in-memory test database cannot take concurrent writers, so there they take turns (a lock) —
the tests must still pass, but only PostgreSQL shows that the database keeps the winner single.

`SharedDatabase` gives a subprocess (the management command) the test's committed data: on PostgreSQL
the test database itself; on SQLite, whose test database lives in memory, a file copy that is copied
back after the subprocess ran.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.db import connection, connections


@dataclass
class Outcome:
    value: object = None
    error: BaseException | None = None


def at_once(*calls) -> list[Outcome]:
    barrier = threading.Barrier(len(calls))
    serial = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    outcomes = [Outcome() for _ in calls]

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            with serial:
                outcomes[index].value = call()
        except BaseException as exc:  # reported to the test, which asserts on it
            outcomes[index].error = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return outcomes


class SharedDatabase:
    def __init__(self, folder: Path):
        settings = connection.settings_dict
        self.file: Path | None = None
        if connection.vendor == "sqlite":
            self.file = folder / "test_shared.sqlite3"  # "test_": the crash points honour only test databases
            self.url = f"sqlite:///{self.file}"
        else:
            credentials = quote(settings["USER"] or "")
            if settings.get("PASSWORD"):
                credentials += ":" + quote(settings["PASSWORD"])
            self.url = (
                f"postgres://{credentials}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/"
                f"{settings['NAME']}"
            )
        self.data_dir = folder / "data"

    def publish(self) -> None:
        """Before subprocesses run: make what the test committed visible to them."""
        if self.file is not None:
            connection.ensure_connection()
            self.file.unlink(missing_ok=True)
            target = sqlite3.connect(self.file)
            connection.connection.backup(target)
            target.close()

    def collect(self) -> None:
        """After subprocesses ran: make what they committed visible to the test's connection."""
        if self.file is not None:
            source = sqlite3.connect(self.file)
            source.backup(connection.connection)
            source.close()

    def command(self, *args: str) -> list:
        return [sys.executable, "-c", "import sys; from bistand.cli import main; sys.exit(main())", *args]

    def environment(self, **extra: str) -> dict:
        env = {k: v for k, v in os.environ.items() if k != "BISTAND_CRASH_AT"}
        env.update(DATABASE_URL=self.url, BISTAND_DATA_DIR=str(self.data_dir), **extra)
        return env

    def run(self, *args: str, **extra_env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.command(*args),
            env=self.environment(**extra_env),
            capture_output=True,
            text=True,
            timeout=180,
        )

    def start(self, *args: str, **extra_env: str) -> subprocess.Popen:
        return subprocess.Popen(
            self.command(*args),
            env=self.environment(**extra_env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
