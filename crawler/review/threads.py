"""Story threads as the review pages show them: every article of a thread, its first report,
and each outlet's coverage (when it first carried the thread, how long after the first report).

A thread (issue 16) is the same event across outlets, a level above syndication clusters:
``articles.thread_id`` names it and the ``threads`` table keeps a summary (title, first report).
The figures here are computed from the articles themselves, so they hold whatever stage filled
the column and however many of a thread's articles a filter let through; the ``threads`` row
adds only the title. Until the dedup stage fills ``thread_id`` every article has none, and every
view here is empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlite_utils


@dataclass
class Member:
    id: int  # the article's rowid
    url: str
    canonical_url: str
    outlet: str
    published: str | None
    title: str
    copy: bool  # a syndicated copy of another member's text (duplicate_of is set)


@dataclass
class Coverage:
    """One outlet's share of a thread."""

    outlet: str
    first_published: str | None
    articles: int
    lag_hours: float | None  # after the thread's first report; None when either is undated
    first_report: bool


@dataclass
class Thread:
    thread_id: str
    title: str
    members: list[Member] = field(default_factory=list)  # earliest first, undated last

    @property
    def first(self) -> Member:
        return self.members[0]

    @property
    def first_published(self) -> str | None:
        return self.first.published

    @property
    def last_published(self) -> str | None:
        dated = [m.published for m in self.members if instant(m.published)]
        return max(dated, key=lambda p: instant(p) or datetime.min) if dated else None

    @property
    def outlets(self) -> list[str]:
        return sorted({m.outlet for m in self.members})

    def coverage(self) -> list[Coverage]:
        """Per outlet, in the order the outlets first carried the thread."""
        start = instant(self.first_published)
        seen: dict[str, Coverage] = {}
        for member in self.members:
            entry = seen.get(member.outlet)
            if entry is not None:
                entry.articles += 1
                continue
            at = instant(member.published)
            lag = round((at - start).total_seconds() / 3600, 2) if at and start else None
            seen[member.outlet] = Coverage(
                member.outlet, member.published, 1, lag, member is self.first
            )
        return list(seen.values())


def instant(published: str | None) -> datetime | None:
    """A comparable moment: aware when the date has an offset, else read as UTC (a naive
    date would otherwise not compare with the aware ones)."""
    if not published:
        return None
    try:
        at = datetime.fromisoformat(published)
    except ValueError:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at


def _order(member: Member) -> tuple[int, float, str]:
    at = instant(member.published)
    return (0, at.timestamp(), member.canonical_url) if at else (1, 0.0, member.canonical_url)


def threads(db: sqlite_utils.Database, thread_ids: Iterable[str]) -> dict[str, Thread]:
    """The threads named, with every member article, earliest first."""
    wanted = sorted(set(thread_ids))
    found: dict[str, Thread] = {}
    for start in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        titles = dict(
            db.execute(
                f"select thread_id, title from threads where thread_id in ({marks})", chunk
            ).fetchall()
        )
        rows = db.execute(
            f"""select thread_id, rowid, url, canonical_url, outlet, published, title,
                       duplicate_of is not null
                from articles where thread_id in ({marks})""",
            chunk,
        ).fetchall()
        for thread_id, *rest in rows:
            member = Member(rest[0], rest[1], rest[2], rest[3], rest[4], rest[5] or "", rest[6])
            thread = found.setdefault(thread_id, Thread(thread_id, titles.get(thread_id) or ""))
            thread.members.append(member)
    for thread in found.values():
        thread.members.sort(key=_order)
        thread.title = thread.title or thread.first.title
    return found


def thread_of(db: sqlite_utils.Database, row: dict[str, Any]) -> Thread | None:
    """The thread of one article (a row of ``articles``), when it has one with other members."""
    thread_id = row.get("thread_id")
    if not thread_id:
        return None
    thread = threads(db, [thread_id]).get(thread_id)
    return thread if thread and len(thread.members) > 1 else None
