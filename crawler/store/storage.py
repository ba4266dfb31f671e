"""The one handle a process has on a Prohori database.

SQLite's locks are POSIX advisory locks, which belong to the *process*: closing any file
descriptor on the database file drops every lock the process holds on it, including those of
open connections (https://www.sqlite.org/howtocorrupt.html, section 2.2). So nothing here opens
the database file itself: the file is checked with ``stat`` and through SQLite, and every
component of a process gets the same :class:`Storage` instead of opening its own.

Writers take the write lock up front (``BEGIN IMMEDIATE``) and wait for it, in slices with
back-off, up to the timeout: a transaction that reads first and writes later can be refused at
once in WAL mode (SQLITE_BUSY_SNAPSHOT) when another process committed in between, without the
busy handler ever waiting. Readers use WAL snapshots and never block a writer.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from crawler.store.migrations import MIGRATIONS, migrate

logger = logging.getLogger(__name__)

# How long one attempt waits inside SQLite before we log and back off (seconds).
BUSY_SLICE = 2.0


class DatabaseLocked(RuntimeError):
    """Another process held the database's write lock for longer than the timeout."""


class NotProhoriDatabase(ValueError):
    """The file is not an SQLite database, or belongs to another program."""


def _busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


class Storage:
    """A connection to one database, migrated, in WAL mode, with safe write transactions.

    One per process (per thread in the web app): the runner or the CLI opens it and hands it
    to whoever needs it.
    """

    def __init__(self, path: str | Path, timeout: float = 30.0, create: bool = True) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._check_path(create)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(
            str(self.path), timeout=min(timeout, BUSY_SLICE), check_same_thread=False
        )
        self.db = sqlite_utils.Database(self.conn)
        try:
            self._check_contents()
            self._retry(self._enable_wal, "switch to WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            if isinstance(exc, sqlite3.OperationalError) and _busy(exc):
                raise self._locked() from exc
            raise NotProhoriDatabase(
                f"{self.path} is not a usable SQLite database ({exc})"
            ) from exc
        except BaseException:
            self.conn.close()
            raise

    # -- opening -------------------------------------------------------------------------
    def _check_path(self, create: bool) -> None:
        if self.path.is_dir():
            raise NotProhoriDatabase(f"{self.path} is a folder, not a database file")
        if not self.path.exists():
            if not create:
                raise FileNotFoundError(
                    f"no database at {self.path}: run 'prohori crawl --db {self.path}' first"
                )
            return
        if self.path.stat().st_size == 0 and not create:
            raise NotProhoriDatabase(f"{self.path} is empty, not a Prohori database")

    def _check_contents(self) -> None:
        """Refuse another program's file before anything is written into it (SQLite reads the
        header: a file that is not a database fails here with "file is not a database")."""
        tables = {r[0] for r in self.conn.execute("select name from sqlite_master")}
        if tables and "_migrations" not in tables:
            raise NotProhoriDatabase(
                f"{self.path} is an SQLite database of another program (no Prohori tables): "
                "use a new file for Prohori"
            )

    def _enable_wal(self) -> None:
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self.conn.execute("PRAGMA journal_mode=wal")

    def _migrate(self) -> None:
        """Apply pending migrations under the write lock, so two processes opening a new
        database at once cannot both apply one."""
        done = self._applied()
        if all(name in done for name, _ in MIGRATIONS):
            return
        with self.write() as db:
            migrate(db)  # reads _migrations again, now that no one else can write

    def _applied(self) -> set[str]:
        try:
            return {r[0] for r in self.conn.execute("select name from _migrations")}
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return set()
            raise

    # -- transactions ----------------------------------------------------------------------
    def _locked(self) -> DatabaseLocked:
        return DatabaseLocked(
            f"the database {self.path} is locked by another process (waited {self.timeout:g}s); "
            "wait for it to finish or raise PROHORI_DB_TIMEOUT"
        )

    def _retry(self, action: object, what: str) -> None:
        assert callable(action)
        deadline = time.monotonic() + self.timeout
        pause = 0.05
        while True:
            try:
                action()
                return
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise self._locked() from exc
                logger.info("%s: database busy, waiting to %s", self.path, what)
                time.sleep(pause)
                pause = min(pause * 2, 1.0)

    @contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """A write transaction holding the write lock from its start; commits at the end, rolls
        back on error. Nested use joins the outer transaction (as a savepoint)."""
        if self.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        self._retry(lambda: self.conn.execute("BEGIN IMMEDIATE"), "write")
        try:
            yield self.db
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def begin(self) -> None:
        """Open a write transaction left open across calls (the store stage's batches), with
        the write lock taken up front like :meth:`write`; end it with :meth:`commit` or
        :meth:`rollback`. Writes made meanwhile through :meth:`write` join it."""
        self._retry(lambda: self.conn.execute("BEGIN IMMEDIATE"), "write")

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    @contextmanager
    def snapshot(self) -> Iterator[sqlite_utils.Database]:
        """A read transaction: every query inside sees the database as it was at the first one,
        whatever other processes commit meanwhile (WAL), and blocks none of them."""
        if self.conn.in_transaction:
            yield self.db
            return
        self.conn.execute("BEGIN")
        try:
            self.conn.execute("select count(*) from _migrations").fetchone()  # pins the snapshot
            yield self.db
        finally:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Storage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ThreadStorage:
    """One :class:`Storage` per thread, for a threaded server: SQLite connections must not be
    shared by concurrent threads, and all of them go through the same checks."""

    def __init__(self, path: str | Path, timeout: float = 30.0) -> None:
        self.path, self.timeout = Path(path), timeout
        self._local = threading.local()
        self._all: list[Storage] = []
        self._lock = threading.Lock()

    def get(self) -> Storage:
        storage: Storage | None = getattr(self._local, "storage", None)
        if storage is None:
            storage = Storage(self.path, self.timeout, create=False)
            self._local.storage = storage
            with self._lock:
                self._all.append(storage)
        return storage

    def close(self) -> None:
        with self._lock:
            for storage in self._all:
                storage.close()
            self._all.clear()
