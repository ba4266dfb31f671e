"""Alerts for unhealthy outlets: the log, a JSON-lines file, and a Slack-compatible webhook."""

from __future__ import annotations

import json
import logging
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

logger = logging.getLogger("prohori.alerts")


def alert_unhealthy(
    outlets: list[dict[str, Any]],
    run_id: int | None,
    alerts_file: str | Path,
    webhook: str | None = None,
) -> list[dict[str, Any]]:
    """Raise one alert per unhealthy outlet; returns the alerts raised."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    alerts = [
        {
            "time": now,
            "run_id": run_id,
            "outlet": o["key"],
            "name": o["name"],
            "health": o["health"],
        }
        for o in outlets
        if o["health"] not in ("ok", "never crawled")
    ]
    if not alerts:
        return []
    for alert in alerts:
        logger.warning("outlet %s unhealthy: %s", alert["name"], alert["health"])
    path = Path(alerts_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        for alert in alerts:
            fh.write(json.dumps(alert, ensure_ascii=False) + "\n")
    if webhook:
        text = "Prohori: {} outlet(s) unhealthy after run {}\n{}".format(
            len(alerts), run_id, "\n".join(f"• {a['name']}: {a['health']}" for a in alerts)
        )
        request = urllib.request.Request(
            webhook,
            data=json.dumps({"text": text}).encode("utf-8"),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                response.read()
        except OSError as exc:  # an unreachable webhook must not fail the crawl
            logger.error("alert webhook %s failed: %s", webhook, exc)
    return alerts
