"""A private MariaDB for the PHP projects written for MySQL (php-sqli-*).

The code under test speaks MySQL (CURDATE(), NOW(), backslash escapes in strings), so the
checks run it against a real MariaDB server rather than a stand-in: ``prepare`` creates the
data folder once under .ase-check/, each step starts the server on a Unix socket (no TCP, no
grant tables: any user may connect), loads the fixture into a fresh database and stops it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from asecheck import CHECK_DIR, broken, passed, token

__all__ = ["DATA_DIR", "MariaDB", "prepare", "sql_value"]

DATA_DIR = CHECK_DIR / "mariadb-data"
# Its own temporary folder: temporary table names are made of process ids, which collide between
# servers sharing /tmp (parallel runs on one host; each sandbox has its own /tmp anyway).
_TMP_DIR = CHECK_DIR / "mariadb-tmp"
_SERVER_OPTIONS = ["--innodb-buffer-pool-size=16M", "--innodb-log-file-size=8M", "--innodb-use-native-aio=0",
                   "--skip-log-bin", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci"]


def sql_value(value: object) -> str:
    """A MySQL literal for a fixture value (None, numbers, strings)."""
    if value is None:
        return "NULL"
    if isinstance(value, (int, float)):
        return str(value)
    return "'" + str(value).replace("\\", "\\\\").replace("'", "''") + "'"


def _as_root() -> list[str]:
    """mariadbd refuses to run as root unless told to (the development loop runs as root)."""
    return ["--user=root"] if os.geteuid() == 0 else []


def prepare() -> None:
    """Create the server's data folder (system tables) once for all steps."""
    installer = shutil.which("mariadb-install-db") or shutil.which("mysql_install_db") or ""
    if not installer:
        broken("mariadb-install-db not found: run scripts/runtime/php.sh")
    shutil.rmtree(DATA_DIR, ignore_errors=True)
    _TMP_DIR.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [installer, "--no-defaults", f"--datadir={DATA_DIR}", "--auth-root-authentication-method=normal",
         # --force: a container with no network cannot resolve its own hostname, which the
         # installer otherwise insists on (the server itself never resolves names here).
         "--skip-test-db", "--skip-name-resolve", "--force", f"--tmpdir={_TMP_DIR}", *_as_root(), *_SERVER_OPTIONS],
        capture_output=True, timeout=110,
    )
    if done.returncode != 0:
        output = (done.stdout + done.stderr).decode(errors="replace")
        errors = [line for line in output.splitlines() if "ERROR" in line]
        broken(f"mariadb-install-db failed: {' | '.join(errors) or output[-400:]}")
    passed("MariaDB data folder ready")


class MariaDB:
    """The server for one step, with ``database`` loaded from ``sql``."""

    def __init__(self, sql: str, database: str = "app", charset: str = "utf8mb4") -> None:
        self.sql = sql
        self.database = database
        #: the connection character set the app is given in its DSN (the data stays utf8mb4)
        self.charset = charset
        self.socket = Path("/tmp") / f"{token('mariadb')}.sock"
        self.log = CHECK_DIR / "run" / "mariadb.err"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def dsn(self) -> str:
        return f"mysql:unix_socket={self.socket};dbname={self.database};charset={self.charset}"

    def __enter__(self) -> MariaDB:
        if not (DATA_DIR / "mysql").is_dir():
            broken("no MariaDB data folder: the prepare step did not run")
        self.log.parent.mkdir(parents=True, exist_ok=True)
        _TMP_DIR.mkdir(parents=True, exist_ok=True)
        server = shutil.which("mariadbd") or shutil.which("mysqld") or "/usr/sbin/mariadbd"
        self._process = subprocess.Popen(
            [server, "--no-defaults", f"--datadir={DATA_DIR}", f"--socket={self.socket}", "--skip-networking",
             "--skip-grant-tables", f"--pid-file={self.socket.with_suffix('.pid')}", f"--log-error={self.log}",
             f"--tmpdir={_TMP_DIR}", *_as_root(), *_SERVER_OPTIONS],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                broken(f"mariadbd exited with {self._process.returncode}: {self._tail()}")
            with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as probe:
                probe.connect(str(self.socket))
                break
            time.sleep(0.05)
        else:
            self.__exit__()
            broken(f"mariadbd did not start: {self._tail()}")
        self.execute(f"DROP DATABASE IF EXISTS {self.database}; CREATE DATABASE {self.database};"
                     f" USE {self.database};\n{self.sql}")
        return self

    def execute(self, sql: str) -> str:
        """Run SQL with the mariadb client (the check's own data, never the app's queries)."""
        client = shutil.which("mariadb") or shutil.which("mysql") or "mariadb"
        done = subprocess.run([client, "--no-defaults", f"--socket={self.socket}", "--batch", "--skip-column-names",
                               "--default-character-set=utf8mb4", "-u", "root"],
                              input=sql.encode(), capture_output=True, timeout=30)
        if done.returncode != 0:
            broken(f"loading the fixture failed: {done.stderr.decode(errors='replace')[-400:]}")
        return done.stdout.decode()

    def __exit__(self, *exc: object) -> None:
        if self._process is not None and self._process.poll() is None:
            # A clean shutdown spares the next step InnoDB's crash recovery.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._process.pid, signal.SIGTERM)
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait()
        self.socket.unlink(missing_ok=True)
        self.socket.with_suffix(".pid").unlink(missing_ok=True)

    def _tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-500:]
        except OSError:
            return ""
