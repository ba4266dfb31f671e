"""The dashboard's figures: articles and flagged stories per outlet per day, health over time.

Charts are plain SVG drawn by the template from the numbers computed here (no JavaScript and
no chart library to fetch from a CDN: the app must work offline and under a strict CSP).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlite_utils

from crawler.monitor.health import DEFAULT_RULES, HealthRules
from crawler.monitor.status import UNFINISHED, health, runs

CHART_W, CHART_H = 600, 120


@dataclass
class Bar:
    day: str
    articles: int
    flagged: int
    x: float = 0.0
    width: float = 0.0
    height: float = 0.0
    flagged_height: float = 0.0


@dataclass
class OutletChart:
    outlet: str
    bars: list[Bar]
    total: int
    flagged: int
    peak: int


@dataclass
class HealthCell:
    run_id: int
    started: str
    health: str  # "ok" or what is wrong


@dataclass
class HealthRow:
    outlet: str
    cells: list[HealthCell] = field(default_factory=list)

    @property
    def now(self) -> str:
        return self.cells[-1].health if self.cells else "never crawled"


def _day_expression(by: str) -> tuple[str, str]:
    if by == "published":
        return "substr(a.published, 1, 10)", ""
    # The day a story was first collected: the start of the run that stored it.
    return "substr(r.started, 1, 10)", "join crawl_runs r on r.id = a.first_run"


def daily(db: sqlite_utils.Database, days: int = 30, by: str = "crawled") -> dict[str, Any]:
    """Per-outlet bar charts over the ``days`` days that end on the latest day with data."""
    day_sql, join = _day_expression(by)
    rows = db.execute(
        f"""select a.outlet, {day_sql} as day, count(*), coalesce(sum(a.relevant = 1), 0)
            from articles a {join} where {day_sql} is not null group by 1, 2"""
    ).fetchall()
    parsed = []
    for outlet, day, n, flagged in rows:
        try:
            parsed.append((outlet, date.fromisoformat(day), int(n), int(flagged)))
        except ValueError:
            continue  # a malformed date is not plotted
    if not parsed:
        return {"charts": [], "first": None, "last": None, "by": by, "days": days}
    last = max(p[1] for p in parsed)
    first = last - timedelta(days=days - 1)
    per: dict[str, dict[date, tuple[int, int]]] = {}
    for outlet, day, n, flagged in parsed:
        if first <= day <= last:
            per.setdefault(outlet, {})[day] = (n, flagged)
    charts = []
    step = CHART_W / days
    for outlet in sorted(per):
        counts = per[outlet]
        peak = max(n for n, _ in counts.values())
        bars = []
        for i in range(days):
            day = first + timedelta(days=i)
            n, flagged = counts.get(day, (0, 0))
            bars.append(
                Bar(
                    day=day.isoformat(),
                    articles=n,
                    flagged=flagged,
                    x=round(i * step, 2),
                    width=round(max(step - 1, 1), 2),
                    height=round(CHART_H * n / peak, 2),
                    flagged_height=round(CHART_H * flagged / peak, 2),
                )
            )
        charts.append(
            OutletChart(
                outlet=outlet,
                bars=bars,
                total=sum(n for n, _ in counts.values()),
                flagged=sum(f for _, f in counts.values()),
                peak=peak,
            )
        )
    return {"charts": charts, "first": first, "last": last, "by": by, "days": days}


def health_over_time(
    db: sqlite_utils.Database, last_runs: int = 30, rules: HealthRules = DEFAULT_RULES
) -> list[HealthRow]:
    """Each outlet's health as it was judged after each of the last runs it took part in.

    Reads only each outlet's last ``last_runs + rules.history_runs`` runs (what the rules look
    at), so the page costs the same however many runs there were; whether an outlet ever stored
    an article (the "no new article" rule) comes from one query over all runs.
    """
    finished = [
        r
        for r in runs(db, per_outlet=last_runs + rules.history_runs)
        if r.finish_reason not in UNFINISHED
    ]
    keys = [r[0] for r in db.execute("select key from outlets order by key")]
    first_store = dict(
        db.execute(
            "select outlet, min(run_id) from run_outlets"
            " where json_extract(figures, '$.articles_new') > 0 group by outlet"
        ).fetchall()
    )
    result = []
    for key in keys:
        mine = [run for run in finished if key in run.outlets]
        history = [run.outlets[key] for run in mine]
        row = HealthRow(outlet=key)
        # Judged as each run left it: the rules see the history up to that run only.
        for i in range(max(len(mine) - last_runs, 0), len(mine)):
            run = mine[i]
            stored = key in first_store and first_store[key] <= run.id
            row.cells.append(
                HealthCell(
                    run.id,
                    (run.started or "")[:16],
                    health(history[: i + 1], rules, stored_before=stored),
                )
            )
        result.append(row)
    return result
