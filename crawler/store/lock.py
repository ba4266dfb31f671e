"""The crawl lock: one crawl (or demo) per database at a time.

An advisory ``flock`` on ``<db>.lock`` (never on the database file itself: closing a descriptor
on it would drop the process's SQLite locks). A crawl that finds it held exits with status 75
(EX_TEMPFAIL, "try again later").
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY = 75  # EX_TEMPFAIL: try again later


class CrawlRunning(RuntimeError):
    """Another crawl holds the database's lock."""


@contextmanager
def crawl_lock(db: str | Path) -> Iterator[None]:
    path = Path(f"{db}.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            raise CrawlRunning(f"another crawl is running on {db} (pid {holder})") from exc
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
