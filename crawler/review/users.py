"""Reviewer accounts, kept in the database's ``users`` table.

Passwords are stored only as salted hashes (Werkzeug's scrypt), never in clear.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import sqlite_utils
from werkzeug.security import check_password_hash, generate_password_hash

from crawler.store import Storage

NAME = re.compile(r"^[\w.@-]{1,64}$")
MIN_PASSWORD = 8
# Compared against when the user does not exist, so a wrong name costs as long as a wrong
# password (no user enumeration by timing).
_DUMMY_HASH = generate_password_hash("not a password of anyone")


class UserError(ValueError):
    """A user name or password that cannot be accepted."""


def check_new(name: str, password: str) -> None:
    """Raise UserError for a name or password that add_user would refuse."""
    if not NAME.match(name):
        raise UserError(f"{name!r}: a user name is 1-64 letters, digits or . @ - _")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"the password must have at least {MIN_PASSWORD} characters")


def add_user(storage: Storage, name: str, password: str, replace: bool = False) -> None:
    check_new(name, password)
    with storage.write() as db:
        exists = db.execute("select 1 from users where name = ?", [name]).fetchone()
        if exists and not replace:
            raise UserError(f"user {name!r} exists; use --replace to set a new password")
        db.table("users").upsert(
            {
                "name": name,
                "password_hash": generate_password_hash(password),
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
                "disabled": 0,
            },
            pk="name",
        )


def remove_user(storage: Storage, name: str) -> bool:
    with storage.write() as db:
        return db.execute("delete from users where name = ?", [name]).rowcount > 0


def list_users(db: sqlite_utils.Database) -> list[dict[str, str]]:
    return [
        {"name": r[0], "created": r[1]}
        for r in db.execute("select name, created from users order by name")
    ]


def check_user(db: sqlite_utils.Database, name: str, password: str) -> bool:
    row = db.execute(
        "select password_hash from users where name = ? and not coalesce(disabled, 0)", [name]
    ).fetchone()
    valid = check_password_hash(row[0] if row else _DUMMY_HASH, password)
    return bool(row) and valid


def user_exists(db: sqlite_utils.Database, name: str) -> bool:
    row = db.execute(
        "select 1 from users where name = ? and not coalesce(disabled, 0)", [name]
    ).fetchone()
    return row is not None
