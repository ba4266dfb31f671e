"""The research view and the "label next" queue: their routes, added to the app by
``register`` (kept apart from ``app.py``, which holds login, CSRF, the queue and search).

Every chart of the research view links its data as CSV and a permalink: the page's address
with the chart's filters, so a figure in a paper can name the exact view it came from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlite_utils
from flask import Flask, Response, render_template, request, url_for
from flask_login import current_user

from crawler.review import data, labelnext, research


def _csv_name(chart: str, scope: research.Scope) -> str:
    parts = [f"{k}-{v}" for k, v in sorted(scope.as_args().items())]
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in "_".join(parts))
    return f"prohori-{chart}{'_' + safe if safe else ''}.csv"


def register(app: Flask, db: Callable[[], sqlite_utils.Database]) -> None:
    @app.get("/research")
    def research_view() -> str:
        scope = research.Scope.from_args(request.args)
        figures = research.figures(db(), scope)
        args: dict[str, Any] = dict(scope.as_args())
        links = {
            chart: {
                "csv": url_for("research_csv", chart=chart, **args),
                "permalink": url_for("research_view", _external=True, **args) + "#" + chart,
            }
            for chart in research.CHARTS
        }
        return render_template(
            "research.html",
            scope=scope,
            figures=figures,
            drawn=research.chart_data(figures),
            links=links,
            bases=research.BASES,
            choices=data.choices(db()),
        )

    @app.get("/research/<chart>.csv")
    def research_csv(chart: str) -> Any:
        if chart not in research.CHARTS:
            return render_template("error.html", message=f"No chart {chart!r}."), 404
        scope = research.Scope.from_args(request.args)
        table = research.figures(db(), scope)[research.CHARTS[chart]]["table"]
        return Response(
            table.csv(),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{_csv_name(chart, scope)}"'},
        )

    @app.get("/label-next")
    def label_next() -> str:
        filters = data.Filters.from_args(request.args)
        items, total = labelnext.queue(db(), filters, current_user.name)
        current = data.story(db(), items[0].id) if items else None
        return render_template(
            "label_next.html",
            items=items,
            total=total,
            story=current,
            why=items[0] if items else None,
            filters=filters,
            choices=data.choices(db()),
            kinds=labelnext.KINDS,
        )
