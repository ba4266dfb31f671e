"""SQLite storage through sqlite-utils: one :class:`Storage` per process, schema, migrations."""

from crawler.store.queries import known_urls
from crawler.store.storage import DatabaseLocked, NotProhoriDatabase, Storage, ThreadStorage

__all__ = ["DatabaseLocked", "NotProhoriDatabase", "Storage", "ThreadStorage", "known_urls"]
