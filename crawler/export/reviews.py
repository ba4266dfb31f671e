"""The review decisions exported beside the rows: every decision on an exported story, with its
note, and reviewer names replaced by stable pseudonyms when asked (``--pseudonymise``).

A pseudonym is a keyed hash (HMAC-SHA-256) of the name under a key kept in the database: the
same reviewer gets the same pseudonym in every export of that database, so decisions can be
grouped by reviewer, while nobody without the database can recover or test a name (an unkeyed
hash of a short name could be reversed by trying names).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Iterator
from typing import Any

import sqlite_utils

from crawler.export.rows import Filters, query
from crawler.store import Storage

REVIEW_FIELDS: dict[str, str] = {
    "canonical_url": "the story decided on (the `canonical_url` of a row of the articles file)",
    "decision": "relevant, irrelevant or skip (a skip is no decision: the story was put back)",
    "reviewer": "who decided (a stable pseudonym with --pseudonymise)",
    "note": "the reviewer's note, if any",
    "decided_at": "when (UTC)",
}
REVIEW_TYPES = {"decided_at": "datetime"}
_KEY = "pseudonym"


def ensure_key(storage: Storage) -> None:
    """Create the database's pseudonym key once (before an export's read snapshot)."""
    with storage.write() as db:
        db.execute("insert or ignore into app_secrets values (?, ?)", [_KEY, secrets.token_hex(32)])


def pseudonymiser(db: sqlite_utils.Database) -> Callable[[str | None], str | None]:
    """A function from reviewer names to their pseudonyms (``reviewer-`` and 10 hex digits)."""
    row = db.execute("select value from app_secrets where name = ?", [_KEY]).fetchone()
    if row is None:
        raise RuntimeError("no pseudonym key: call ensure_key first")
    key = str(row[0]).encode()

    def pseudonym(name: str | None) -> str | None:
        if not name:
            return name
        digest = hmac.new(key, name.encode("utf-8"), hashlib.sha256).hexdigest()
        return f"reviewer-{digest[:10]}"

    return pseudonym


def decisions(
    db: sqlite_utils.Database,
    filters: Filters,
    reviewer: Callable[[str | None], str | None] = lambda name: name,
) -> Iterator[dict[str, Any]]:
    """Every decision on the exported stories, oldest first."""
    sql, params = query(filters)
    cursor = db.execute(
        f"""select r.canonical_url, r.decision, r.reviewer, r.note, r.decided_at
            from reviews r where r.canonical_url in (select canonical_url from ({sql}))
            order by r.id""",
        params,
    )
    for url, decision, name, note, decided_at in cursor:
        yield {
            "canonical_url": url,
            "decision": decision,
            "reviewer": reviewer(name),
            "note": note,
            "decided_at": decided_at,
        }
