"""The exported rows: one per article, with provenance and its latest review decision; their
fields with a meaning and a type (the datasheet's table and ``datapackage.json``'s schema)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from crawler.store.filters import article_conditions

LIST_FIELDS = ("authors", "partners", "topics")
FIELDS: dict[str, str] = {
    "url": "the article's URL as fetched",
    "canonical_url": "the URL it is known by (https, lower-case host; tracking parameters, "
    "www./m./amp removed); `url` is the address fetched",
    "outlet": "outlet key (seeds/<outlet>.yaml)",
    "title": "headline, canonical Unicode form",
    "published": "publication time, ISO 8601 with the outlet's offset",
    "modified": "last update shown by the outlet, if any",
    "authors": "bylines or desk names",
    "section": "the outlet's section, if given",
    "text": "the story's text, boilerplate removed, canonical Unicode form (NFC)",
    "language": "language code (bn)",
    "cluster_id": "syndication cluster: copies of one story share it",
    "duplicate_of": "canonical_url of the cluster's earliest copy, when this row is a copy",
    "thread_id": "story thread: articles reporting the same event in their own words share it "
    "(empty until the dedup stage links them)",
    "relevant": "classifier label: about Russia's military ties (true) or not (false)",
    "score": "classifier score, 0-1 (calibrated)",
    "partners": "partner states or groups named in the relation",
    "topics": "relation topics (meeting, arms, exercise, ...)",
    "evidence": "the sentence that best shows the relation",
    "review_decision": "latest human decision (relevant / irrelevant), if reviewed; a "
    "syndicated copy carries its canonical story's unless reviewed itself",
    "reviewer": "who made it (a stable pseudonym with --pseudonymise)",
    "reviewed_at": "when",
    "fetched_at": "crawl time (UTC)",
    "extraction_version": "extractor version that produced title and text",
    "model_version": "classifier version that produced the relevance fields (`@T` appended when a "
    "threshold T other than the model's own decided `relevant`)",
    "content_hash": "SHA-1 of the normalised text (exact-duplicate check)",
}


# Types in Frictionless Table Schema terms; every other field is a string.
TYPES = {
    "published": "datetime",
    "modified": "datetime",
    "fetched_at": "datetime",
    "reviewed_at": "datetime",
    "relevant": "boolean",
    "score": "number",
    **dict.fromkeys(LIST_FIELDS, "array"),
}
TEXT_FIELDS = ("text", "evidence")  # the publishers' words, left out by --no-text


def fields(no_text: bool = False) -> list[str]:
    return [f for f in FIELDS if not (no_text and f in TEXT_FIELDS)]


@dataclass(frozen=True)
class Options:
    """How the rows are written: ``no_text`` leaves out article text (a shareable export),
    ``excel`` starts every CSV with a byte-order mark, ``pseudonymise`` replaces reviewer
    names with stable pseudonyms."""

    no_text: bool = False
    excel: bool = False
    pseudonymise: bool = False


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # published on or after (YYYY-MM-DD)
    until: str | None = None  # published on or before
    outlet: str | None = None
    partner: str | None = None
    reviewed_only: bool = False
    include_duplicates: bool = False


def query(filters: Filters) -> tuple[str, list[Any]]:
    where, params = article_conditions(
        outlet=filters.outlet, partner=filters.partner, since=filters.since, until=filters.until
    )
    where.insert(0, "1 = 1")
    if not filters.include_duplicates:
        where.append("a.duplicate_of is null")
    if filters.reviewed_only:
        where.append("coalesce(own.decision, story.decision) is not null")
    columns = ", ".join(f"a.{f}" for f in FIELDS if not f.startswith(("review", "reviewer")))
    # A syndicated copy carries the decision on its cluster's canonical story (the queue shows
    # a story once), unless the copy itself was reviewed.
    sql = f"""
        with latest as (
            select canonical_url, decision, reviewer, decided_at from reviews r1
            where id = (select max(id) from reviews r2 where r2.canonical_url = r1.canonical_url
                        and r2.decision in ('relevant', 'irrelevant'))
        )
        select {columns}, coalesce(own.decision, story.decision) as review_decision,
               iif(own.decision is null, story.reviewer, own.reviewer) as reviewer,
               iif(own.decision is null, story.decided_at, own.decided_at) as reviewed_at
        from articles a
        left join latest own on own.canonical_url = a.canonical_url
        left join latest story on story.canonical_url = a.duplicate_of
        where {" and ".join(where)}
        order by a.published, a.canonical_url"""
    return sql, params


def rows(
    db: sqlite_utils.Database,
    filters: Filters,
    options: Options = Options(),
    reviewer: Callable[[str | None], str | None] = lambda name: name,
) -> Iterator[dict[str, Any]]:
    """The rows, typed: lists as lists, ``relevant`` as a boolean (None when unscored)."""
    sql, params = query(filters)
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    wanted = fields(options.no_text)
    for values in cursor:
        row = dict(zip(names, values, strict=True))
        for field in LIST_FIELDS:
            row[field] = json.loads(row[field]) if row[field] else []
        row["relevant"] = None if row["relevant"] is None else bool(row["relevant"])
        row["reviewer"] = reviewer(row["reviewer"])
        yield {field: row[field] for field in wanted}
