"""Run figures and outlet health, read back from the database for ``prohori status``."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

CHALLENGE_STATUSES = {"403", "429", "503"}


def _loads(value: str | None) -> dict[str, Any]:
    return json.loads(value) if value else {}


def runs(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every crawl run, oldest first, with its per-outlet figures."""
    per_run: dict[int, dict[str, Any]] = {}
    for row in db.table("run_outlets").rows_where(order_by="run_id, outlet"):
        per_run.setdefault(row["run_id"], {})[row["outlet"]] = {
            "requests": row["requests"],
            "responses": row["responses"],
            "discovered": row["discovered"],
            "skipped_known": row["skipped_known"],
            "not_modified": row.get("not_modified") or 0,
            "articles_updated": row.get("articles_updated") or 0,
            "robots_forbidden": row.get("robots_forbidden") or 0,
            "error_reasons": _loads(row.get("error_reasons")),
            "articles_new": row["articles_new"],
            "articles_duplicate": row["articles_duplicate"],
            "dropped": _loads(row["dropped"]),
            "flagged": row["flagged"],
            "errors": row["errors"],
            "statuses": _loads(row["statuses"]),
        }
    result = []
    for row in db.table("crawl_runs").rows_where(order_by="id"):
        result.append(
            {
                "id": row["id"],
                "started": row["started"],
                "finished": row["finished"],
                "finish_reason": row["finish_reason"],
                "requests": row["requests"] or 0,
                "responses": row["responses"] or 0,
                "articles_new": row["articles_new"] or 0,
                "articles_duplicate": row["articles_duplicate"] or 0,
                "dropped": _loads(row["dropped"]),
                "flagged": row["flagged"] or 0,
                "skipped_known": row["skipped_known"] or 0,
                "not_modified": row.get("not_modified") or 0,
                "articles_updated": row.get("articles_updated") or 0,
                "robots_forbidden": row.get("robots_forbidden") or 0,
                "error_reasons": _loads(row.get("error_reasons")),
                "errors": row["errors"] or 0,
                "outlets": per_run.get(row["id"], {}),
            }
        )
    return result


def health(last: dict[str, Any] | None) -> str:
    """``ok``, or what is wrong with the outlet in its latest run."""
    if last is None:
        return "never crawled"
    statuses = last.get("statuses", {})
    responses = max(int(last.get("responses") or 0), 1)
    blocked = sum(v for k, v in statuses.items() if k in CHALLENGE_STATUSES)
    if blocked * 2 >= responses:
        return f"blocked: {blocked} of {responses} responses were 403/429/503"
    if not last.get("discovered") and not last.get("not_modified"):
        errors = last.get("errors") or 0
        return f"no articles discovered ({errors} errors)" if errors else "no articles discovered"
    dropped = sum(last.get("dropped", {}).values())
    fetched = dropped + (last.get("articles_new") or 0) + (last.get("articles_duplicate") or 0)
    failures = last.get("dropped", {}).get("no_text", 0)
    if fetched >= 5 and failures * 2 > fetched:
        return f"extraction failing: {failures} of {fetched} pages gave no text"
    return "ok"


def outlets(db: sqlite_utils.Database, all_runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts = {
        r[0]: r[1:]
        for r in db.execute(
            "select outlet, count(*), sum(relevant), max(published) from articles group by outlet"
        )
    }
    result = []
    for row in db.table("outlets").rows_where(order_by="key"):
        key = row["key"]
        last_run, last = None, None
        for run in all_runs:
            if key in run["outlets"]:
                last_run, last = run["id"], run["outlets"][key]
        stored, flagged, newest = counts.get(key, (0, 0, None))
        result.append(
            {
                "name": row["name"],
                "key": key,
                "domain": row["domain"],
                "health": health(last),
                "last_run": last_run,
                "articles": stored or 0,
                "flagged": flagged or 0,
                "newest_published": newest,
            }
        )
    return result


def status(db: sqlite_utils.Database) -> dict[str, Any]:
    all_runs = runs(db)
    return {"runs": all_runs, "outlets": outlets(db, all_runs)}


def flagged_stories(db: sqlite_utils.Database, limit: int = 50) -> list[dict[str, Any]]:
    """Flagged canonical stories, newest first, with the outlets that ran copies."""
    rows = db.execute(
        """select a.outlet, a.published, a.title, a.score, a.url, a.partners,
                  (select group_concat(c.outlet) from articles c
                   where c.duplicate_of = a.canonical_url)
           from articles a where a.relevant = 1 and a.duplicate_of is null
           order by a.published desc limit ?""",
        [limit],
    ).fetchall()
    keys = ("outlet", "published", "title", "score", "url", "partners", "copies")
    return [dict(zip(keys, row, strict=True)) for row in rows]
