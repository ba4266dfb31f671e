"""SQLite storage through sqlite-utils: schema, migrations and the queries the CLI needs."""

from crawler.store.db import DatabaseLocked, NotProhoriDatabase, known_urls, open_db

__all__ = ["DatabaseLocked", "NotProhoriDatabase", "known_urls", "open_db"]
