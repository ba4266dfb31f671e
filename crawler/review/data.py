"""What the review pages read and write: the queue, one story, its cluster, the decisions.

A decision is a new row in ``reviews`` (reviewer, time, note) beside the article's machine
label, which is never changed; the latest relevant / irrelevant decision counts, and a "skip"
only moves the story to the end of that reviewer's queue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from crawler.review.threads import Thread, thread_of
from crawler.store import Storage
from crawler.store.filters import article_conditions

DECISIONS = ("relevant", "irrelevant", "skip")
_DECIDED = "r.decision in ('relevant', 'irrelevant')"


@dataclass
class Filters:
    outlet: str = ""
    partner: str = ""
    topic: str = ""
    since: str = ""  # YYYY-MM-DD, publication day
    until: str = ""

    @classmethod
    def from_args(cls, args: Any) -> Filters:
        def day(value: str) -> str:
            value = (value or "").strip()[:10]
            try:
                return datetime.strptime(value, "%Y-%m-%d").date().isoformat()
            except ValueError:
                return ""  # a malformed date is no filter rather than an error page

        return cls(
            outlet=(args.get("outlet") or "").strip(),
            partner=(args.get("partner") or "").strip(),
            topic=(args.get("topic") or "").strip(),
            since=day(args.get("since", "")),
            until=day(args.get("until", "")),
        )

    def as_args(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}

    def sql(self) -> tuple[str, list[Any]]:
        conditions, params = article_conditions(**self.as_args())
        return "".join(f" and {c}" for c in conditions), params


@dataclass
class Story:
    row: dict[str, Any]
    partners: list[str]
    topics: list[str]
    authors: list[str]
    paragraphs: list[tuple[str, str, str]]  # (before, evidence, after) per paragraph
    cluster: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    thread: Thread | None = None  # the same event in other outlets' words (issue 16)


def _loads(value: str | None) -> list[str]:
    try:
        loaded = json.loads(value) if value else []
    except ValueError:
        return []
    return [str(v) for v in loaded] if isinstance(loaded, list) else []


def queue(
    db: sqlite_utils.Database, filters: Filters, reviewer: str, limit: int = 50
) -> tuple[list[dict[str, Any]], int]:
    """Flagged canonical stories with no decision yet, newest first (the reviewer's skipped
    ones last); and how many there are."""
    where, params = filters.sql()
    base = f"""from articles a where a.relevant = 1 and a.duplicate_of is null
        and not exists (select 1 from reviews r where r.canonical_url = a.canonical_url
                        and {_DECIDED}){where}"""
    total = db.execute(f"select count(*) {base}", params).fetchone()[0]
    rows = db.execute(
        f"""select a.rowid as id, a.canonical_url, a.outlet, a.title, a.published, a.score,
                   a.partners, a.topics,
                   exists (select 1 from reviews r where r.canonical_url = a.canonical_url
                           and r.decision = 'skip' and r.reviewer = ?) as skipped
            {base} order by skipped, a.published desc, a.canonical_url limit ?""",
        [reviewer, *params, limit],
    )
    columns = [c[0] for c in rows.description]
    return [dict(zip(columns, r, strict=True)) for r in rows.fetchall()], int(total)


def _split_evidence(text: str, evidence: str | None) -> list[tuple[str, str, str]]:
    """Paragraphs, with the evidence sentence cut out of the one that holds it (so the page
    can mark it up while escaping all three parts)."""
    result = []
    for para in (p.strip() for p in (text or "").split("\n")):
        if not para:
            continue
        at = para.find(evidence) if evidence else -1
        if at >= 0 and evidence:
            result.append((para[:at], evidence, para[at + len(evidence) :]))
            evidence = None  # mark the first occurrence only
        else:
            result.append((para, "", ""))
    return result


def story(db: sqlite_utils.Database, article_id: int) -> Story | None:
    cursor = db.execute("select rowid as id, * from articles where rowid = ?", [article_id])
    found = cursor.fetchone()
    if found is None:
        return None
    row = dict(zip([c[0] for c in cursor.description], found, strict=True))
    cluster: list[dict[str, Any]] = []
    if row.get("cluster_id"):
        members = db.execute(
            """select rowid, url, outlet, published, duplicate_of is null from articles
               where cluster_id = ? order by published, canonical_url""",
            [row["cluster_id"]],
        ).fetchall()
        cluster = [
            {"id": m[0], "url": m[1], "outlet": m[2], "published": m[3], "canonical": bool(m[4])}
            for m in members
        ]
    reviews = [
        {"decision": r[0], "reviewer": r[1], "note": r[2], "decided_at": r[3]}
        for r in db.execute(
            """select decision, reviewer, note, decided_at from reviews
               where canonical_url = ? order by id desc""",
            [row["canonical_url"]],
        )
    ]
    return Story(
        row=row,
        partners=_loads(row.get("partners")),
        topics=_loads(row.get("topics")),
        authors=_loads(row.get("authors")),
        paragraphs=_split_evidence(row.get("text") or "", row.get("evidence")),
        cluster=cluster if len(cluster) > 1 else [],
        reviews=reviews,
        thread=thread_of(db, row),
    )


def record(storage: Storage, article_id: int, decision: str, reviewer: str, note: str) -> str:
    """Store a decision; returns the article's canonical URL. Raises LookupError/ValueError."""
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}")
    with storage.write() as db:
        row = db.execute(
            "select canonical_url from articles where rowid = ?", [article_id]
        ).fetchone()
        if row is None:
            raise LookupError(f"no article {article_id}")
        db.table("reviews").insert(
            {
                "canonical_url": row[0],
                "decision": decision,
                "reviewer": reviewer,
                "note": note.strip()[:2000] or None,
                "decided_at": datetime.now(UTC).isoformat(timespec="seconds"),
            }
        )
    return str(row[0])


def recent_decisions(db: sqlite_utils.Database, limit: int = 100) -> list[dict[str, Any]]:
    rows = db.execute(
        """select a.rowid, a.title, a.outlet, a.relevant, a.score, r.decision, r.reviewer,
                  r.note, r.decided_at
           from reviews r join articles a on a.canonical_url = r.canonical_url
           order by r.id desc limit ?""",
        [limit],
    )
    columns = [
        "id", "title", "outlet", "machine", "score", "decision", "reviewer", "note", "decided_at"
    ]  # fmt: skip
    return [dict(zip(columns, r, strict=True)) for r in rows.fetchall()]


def choices(db: sqlite_utils.Database) -> dict[str, list[str]]:
    """Values for the filter menus, from the flagged stories."""

    def values(column: str) -> list[str]:
        return [
            r[0]
            for r in db.execute(
                f"""select distinct j.value from articles a, json_each(a.{column}) j
                    where a.relevant = 1 and json_valid(a.{column}) order by 1"""
            )
        ]

    outlets = [r[0] for r in db.execute("select key from outlets order by key")]
    return {"outlets": outlets, "partners": values("partners"), "topics": values("topics")}
