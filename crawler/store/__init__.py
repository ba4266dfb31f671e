"""SQLite storage through sqlite-utils: schema, migrations and the queries the CLI needs."""

from crawler.store.db import DatabaseLocked, known_urls, open_db

__all__ = ["DatabaseLocked", "known_urls", "open_db"]
