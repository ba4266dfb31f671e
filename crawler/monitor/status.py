"""Run figures and outlet health, read back from the database for ``prohori status``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from crawler.monitor.figures import Figures
from crawler.monitor.health import DEFAULT_RULES, HealthRules, outlet_health


@dataclass
class RunRecord:
    """One crawl run as stored: when, how it ended, its figures in all and per outlet."""

    id: int
    started: str | None
    finished: str | None
    finish_reason: str | None
    figures: Figures
    outlets: dict[str, Figures] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """As ``prohori status --json`` prints a run: the run's figures at the top level."""
        return {
            "id": self.id,
            "started": self.started,
            "finished": self.finished,
            "finish_reason": self.finish_reason,
            **self.figures.as_dict(),
            "outlets": {key: f.as_dict() for key, f in self.outlets.items()},
        }


def _recent_run_outlets(db: sqlite_utils.Database, per_outlet: int) -> list[dict[str, Any]]:
    # One indexed range per outlet (run_outlets_by_outlet): cost grows with per_outlet, not
    # with the number of runs ever made.
    rows: list[dict[str, Any]] = []
    for (outlet,) in db.execute("select distinct outlet from run_outlets").fetchall():
        rows += db.table("run_outlets").rows_where(
            "outlet = ?", [outlet], order_by="run_id desc", limit=per_outlet
        )
    return sorted(rows, key=lambda row: (row["run_id"], row["outlet"]))


def _record(row: dict[str, Any], outlets: dict[str, Figures]) -> RunRecord:
    return RunRecord(
        row["id"],
        row["started"],
        row["finished"],
        row["finish_reason"],
        Figures.from_json(row["figures"]),
        outlets,
    )


def runs(db: sqlite_utils.Database, per_outlet: int | None = None) -> list[RunRecord]:
    """Every crawl run, oldest first, with its per-outlet figures; with ``per_outlet``, only the
    runs among each outlet's last ``per_outlet`` (and only those outlets' figures)."""
    per_run: dict[int, dict[str, Figures]] = {}
    rows = (
        db.table("run_outlets").rows_where(order_by="run_id, outlet")
        if per_outlet is None
        else _recent_run_outlets(db, per_outlet)
    )
    for row in rows:
        per_run.setdefault(row["run_id"], {})[row["outlet"]] = Figures.from_json(row["figures"])
    result = []
    where, args = (None, None) if per_outlet is None else ("id >= ?", [min(per_run, default=0)])
    for row in db.table("crawl_runs").rows_where(where, args, order_by="id"):
        if per_outlet is not None and row["id"] not in per_run:
            continue
        result.append(_record(row, per_run.get(row["id"], {})))
    return result


def run_figures(db: sqlite_utils.Database, run_id: int) -> RunRecord | None:
    """One run (as in :func:`runs`), or None if there is no such run."""
    row = next(iter(db.table("crawl_runs").rows_where("id = ?", [run_id])), None)
    if row is None:
        return None
    outlets = {
        r["outlet"]: Figures.from_json(r["figures"])
        for r in db.table("run_outlets").rows_where("run_id = ?", [run_id], order_by="outlet")
    }
    return _record(row, outlets)


# Runs whose figures are partial: a killed run never wrote them.
# Runs whose figures are partial: killed, or (a scaled-out crawl) cut off from its queue or
# missing a worker's figures.
UNFINISHED = ("running", "killed", "queue_failed", "worker_lost")


def health(
    history: list[Figures],
    rules: HealthRules = DEFAULT_RULES,
    stored_before: bool | None = None,
) -> str:
    """``ok``, ``never crawled``, or what is wrong with the outlet (see crawler.monitor)."""
    if not history:
        return "never crawled"
    problems = outlet_health(history, rules, stored_before)
    return "; ".join(problems) if problems else "ok"


def outlets(
    db: sqlite_utils.Database, all_runs: list[RunRecord], rules: HealthRules = DEFAULT_RULES
) -> list[dict[str, Any]]:
    counts = {
        r[0]: r[1:]
        for r in db.execute(
            "select outlet, count(*), sum(relevant), max(published) from articles group by outlet"
        )
    }
    result = []
    for row in db.table("outlets").rows_where(order_by="key"):
        key = row["key"]
        # Runs that finished: a killed run's half-figures would raise false alarms.
        history = [
            run.outlets[key]
            for run in all_runs
            if key in run.outlets and run.finish_reason not in UNFINISHED
        ]
        last_run = max((run.id for run in all_runs if key in run.outlets), default=None)
        stored, flagged, newest = counts.get(key, (0, 0, None))
        last = history[-1] if history else None
        result.append(
            {
                "name": row["name"],
                "key": key,
                "domain": row["domain"],
                "health": health(history, rules),
                "browser": browser_use(last) if last else None,
                "last_run": last_run,
                "articles": stored or 0,
                "flagged": flagged or 0,
                "newest_published": newest,
            }
        )
    return result


def browser_use(figures: Figures) -> str | None:
    """How an outlet's last run met bot walls: ``blocked`` (walled in the browser too),
    ``needed`` (pages got through only in the browser), or None."""
    if figures.browser_blocked:
        return "blocked"
    return "needed" if figures.browser_passed else None


def status(db: sqlite_utils.Database, rules: HealthRules = DEFAULT_RULES) -> dict[str, Any]:
    """What ``prohori status --json`` prints: every run (oldest first) and every outlet."""
    all_runs = runs(db)
    return {"runs": [r.as_dict() for r in all_runs], "outlets": outlets(db, all_runs, rules)}


def verdict_models(db: sqlite_utils.Database, current: str) -> dict[str, Any]:
    """Which model scored the stored articles; ``stale`` counts those a crawl today would score
    with another model (``prohori reclassify`` brings them up to date)."""
    counts = {
        version: n
        for version, n in db.execute(
            "select coalesce(model_version, ''), count(*) from articles group by 1 order by 1"
        )
    }
    stale = sum(n for version, n in counts.items() if version != current)
    return {"current": current, "articles_by_model": counts, "stale": stale}


def rules_from(settings: Any) -> HealthRules:
    return HealthRules(
        stale_runs=settings.getint("PROHORI_HEALTH_STALE_RUNS"),
        failure_share=settings.getfloat("PROHORI_HEALTH_FAILURE_SHARE"),
        jump=settings.getfloat("PROHORI_HEALTH_JUMP"),
        history_runs=settings.getint("PROHORI_HEALTH_HISTORY_RUNS"),
    )


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
