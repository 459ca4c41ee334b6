"""Fixtures of the storage tests: a throwaway PostgreSQL server per test session and a fresh database per test.

The server is Debian's ``postgresql`` package (``scripts/bootstrap.sh --browser`` installs it), run from a
temporary folder: ``initdb`` there, the socket there, no TCP at all, gone when the session ends. Under
pytest-xdist each worker that needs it starts its own, in its own folder.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tms.storage.database import DATABASE_URL_ENV, close_databases

SKIP_ENV = "TMS_SKIP_POSTGRES"
#: The system account Debian's package creates; PostgreSQL refuses to run as root.
SERVER_ACCOUNT = "postgres"
SUPERUSER = "tms"
#: Not UTC on purpose: servers installed by a distribution usually run in local time, and code that takes
#: what the database answers for UTC must fail here rather than in production.
SERVER_TIMEZONE = "Asia/Seoul"
_SETTINGS = """
listen_addresses = ''
unix_socket_directories = '{socket_dir}'
port = {port}
timezone = '{timezone}'
# A throwaway server: durability only costs time.
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
"""


@dataclass
class PostgresServer:
    """A running throwaway server: where its socket is, and a database made for the session."""

    socket_dir: Path
    port: int

    @property
    def url(self) -> str:
        """The SQLAlchemy URL of the database made for the session ("tms")."""
        return self.url_of("tms")

    def url_of(self, database: str) -> str:
        """The SQLAlchemy URL of ``database`` on this server (psycopg 3, over the unix socket)."""
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket_dir}&port={self.port}"

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE) on the maintenance database."""
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), port=self.port, user=SUPERUSER, dbname="postgres",
                             autocommit=True) as connection:
            connection.execute(sql)


def postgres_bindir() -> Path | None:
    """The ``bin`` folder of the newest PostgreSQL installed (Debian's layout, else ``initdb`` on PATH)."""
    def version(bindir: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in bindir.parent.name.split(".") if part.isdigit())

    debian = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    if debian:
        return max(debian, key=version)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    # With listen_addresses='' the port only names the socket file; a free one still avoids any surprise.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_account() -> pwd.struct_passwd | None:
    """The account to run the server as: ``postgres`` when we are root, else None (ourselves)."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVER_ACCOUNT)
    except KeyError:
        pytest.fail(f"the tests run as root and PostgreSQL refuses to, but there is no {SERVER_ACCOUNT!r} "
                    "account to run it as; run scripts/bootstrap.sh --browser (Debian's postgresql creates it)",
                    pytrace=False)


def _run(argv: list, account: pwd.struct_passwd | None, cwd: Path) -> None:
    command = ["runuser", "-u", account.pw_name, "--", *map(str, argv)] if account else list(map(str, argv))
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


@pytest.fixture(scope="session")
def postgres_server() -> PostgresServer:
    """A PostgreSQL server for the whole session; fails (does not skip) when PostgreSQL is not installed."""
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"PostgreSQL tests skipped: {SKIP_ENV}=1")
    bindir = postgres_bindir()
    if bindir is None:
        pytest.fail("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run "
                    f"scripts/bootstrap.sh --browser, or set {SKIP_ENV}=1 to skip the PostgreSQL tests",
                    pytrace=False)
    account = _server_account()
    # Not pytest's tmp_path: its parents are private to us, and the server account must reach the socket.
    base = Path(tempfile.mkdtemp(prefix="tms-pg-"))
    if account:
        os.chown(base, account.pw_uid, account.pw_gid)
    data, log = base / "data", base / "server.log"
    port = _free_port()
    try:
        _run([bindir / "initdb", "-D", data, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--no-locale",
              "--no-sync"], account, base)
        with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(_SETTINGS.format(socket_dir=base, port=port, timezone=SERVER_TIMEZONE))
        _run([bindir / "pg_ctl", "-D", data, "-l", log, "-w", "-t", "60", "start"], account, base)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        server_log = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"could not start a throwaway PostgreSQL from {bindir}: {exc}\n{server_log}", pytrace=False)
    server = PostgresServer(base, port)
    try:
        server.execute("CREATE DATABASE tms")
        yield server
    finally:
        try:
            _run([bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"], account, base)
        finally:
            shutil.rmtree(base, ignore_errors=True)


_numbers = itertools.count(1)


@pytest.fixture
def postgres_url(postgres_server, monkeypatch) -> str:
    """A fresh, empty PostgreSQL database for one test, set as ``$TMS_DATABASE_URL`` for the project."""
    name = f"test_{os.getpid()}_{next(_numbers)}"
    postgres_server.execute(f"CREATE DATABASE {name}")
    url = postgres_server.url_of(name)
    close_databases()               # nothing opened before the test may be reused for another URL
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    yield url
    close_databases()               # release the pooled connections, or the database cannot be dropped
    postgres_server.execute(f"DROP DATABASE {name} WITH (FORCE)")
