"""Outlet health across runs and alerts: rules on their own, then outlets broken between runs."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from crawler.miniweb import MiniWeb
from crawler.monitor import HealthRules, outlet_health
from crawler.monitor.figures import Figures
from tests.conftest import crawl_miniweb, prohori, status_json


def run(**figures: Any) -> Figures:
    base: dict[str, Any] = {
        "requests": 60,
        "responses": 60,
        "discovered": 50,
        "not_modified": 0,
        "articles_new": 50,
        "articles_duplicate": 0,
        "articles_updated": 0,
        "flagged": 1,
        "dropped": {},
        "statuses": {"200": 60},
        "error_reasons": {},
    }
    return Figures.from_dict({**base, **figures})


def test_a_steady_outlet_is_healthy() -> None:
    assert outlet_health([run(), run(), run()]) == []


@pytest.mark.parametrize(
    ("last", "words"),
    [
        (run(error_reasons={"source_http_404": 1}, discovered=0), "feed or sitemap gone"),
        (run(error_reasons={"challenge": 3}), "challenge"),
        (run(statuses={"403": 50, "200": 10}), "blocked"),
        (run(discovered=0, articles_new=0), "no articles discovered"),
        (
            run(discovered=0, articles_new=0, error_reasons={"source_dns": 4}),
            "unreachable: its feeds, sitemaps or listings failed (dns 4)",
        ),
        (run(articles_new=10, dropped={"no_text": 40}), "extraction failing"),
        (run(articles_new=30, dropped={"not_bengali": 20}), "non-Bengali"),
        (run(flagged=30), "flagged share"),
    ],
)
def test_each_rule_names_the_problem(last: Figures, words: str) -> None:
    problems = outlet_health([run(), run(), last])
    assert any(words in p for p in problems), problems


def test_stale_after_the_configured_number_of_quiet_runs() -> None:
    quiet = run(articles_new=0, discovered=0, not_modified=3)
    rules = HealthRules(stale_runs=3)
    assert outlet_health([run(), quiet, quiet], rules) == []
    assert outlet_health([run(), quiet, quiet, quiet], rules) == ["no new article for 3 runs"]


MESSAGES: list[dict[str, Any]] = []  # what the local webhook receiver was sent


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        MESSAGES.append(json.loads(self.rfile.read(length)))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    MESSAGES.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks/prohori"
    server.shutdown()
    server.server_close()


SHELL = (
    "<!DOCTYPE html><html lang='bn'><head><meta charset='utf-8'><title>নতুন নকশা</title>"
    "</head><body><div id='app'></div><script src='/assets/app.js'></script></body></html>"
)


def test_outlets_broken_between_runs_raise_alerts(webhook: str, tmp_path: Path) -> None:
    db = tmp_path / "monitor.db"
    alerts = Path(f"{db}.alerts.jsonl")
    with MiniWeb() as web:
        crawl_miniweb(web, db, "-s", f"PROHORI_ALERT_WEBHOOK={webhook}")
        assert all(o["health"] == "ok" for o in status_json(db)["outlets"])
        assert not alerts.exists() and MESSAGES == []  # a healthy crawl: no alert
        # Break three outlets: feed removed, challenge served, layout changed.
        web.override("http://dainik-alo.test/feed/rss.xml", 404, "<html>not found</html>")
        web.fault("http://khobor24.test/sitemap-news.xml", "challenge")
        links = "".join(
            f'<a href="/international/article/{9000 + n}/new">নতুন খবর শিরোনাম {n}</a>'
            for n in range(6)
        )
        web.override(
            "http://barta-bazar.test/section/international",
            body=f"<html><body><main>{links}</main></body></html>",
        )
        for n in range(6):
            web.override(
                f"http://barta-bazar.test/international/article/{9000 + n}/new", body=SHELL
            )
        crawl_miniweb(web, db, "-s", f"PROHORI_ALERT_WEBHOOK={webhook}")
    health = {o["key"]: o["health"] for o in status_json(db)["outlets"]}
    assert "feed or sitemap gone" in health["dainik-alo"]
    assert "challenge" in health["khobor24"]
    assert "extraction failing" in health["barta-bazar"]
    assert health["sonar-desh"] == "ok"
    raised = [json.loads(line) for line in alerts.read_text(encoding="utf-8").splitlines()]
    per_outlet = [a for a in raised if a["outlet"]]  # spidermon adds run-level lines too
    assert {a["outlet"] for a in per_outlet} == {"dainik-alo", "khobor24", "barta-bazar"}
    assert len(MESSAGES) == 1
    text = MESSAGES[0]["text"]
    assert "3 outlet(s) unhealthy" in text and "Barta Bazar" in text
    result = prohori("status", "--db", str(db), check=False, env={"COLUMNS": "200"})
    assert result.returncode == 1  # cron mails it
    assert "extraction failing" in result.stdout


def test_spidermon_failures_are_alerted(miniweb: MiniWeb, tmp_path: Path) -> None:
    db = tmp_path / "coverage.db"
    crawl_miniweb(
        miniweb, db, "--outlet", "khobor24", "-s", 'PROHORI_MIN_COVERAGE={"evidence": 1.0}'
    )  # only flagged stories carry an evidence sentence: a threshold this crawl cannot meet
    alerts = [
        json.loads(line)
        for line in Path(f"{db}.alerts.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    failed = [a for a in alerts if a.get("monitors_failed")]
    assert failed and "Field coverage" in failed[0]["monitors_failed"][0]


def test_a_share_is_compared_with_the_recent_runs_only() -> None:
    """The past median comes from the last ``history_runs`` runs: an outlet whose non-Bengali
    share has been high for the whole window is not "jumping", whatever it was long ago."""
    old = [run() for _ in range(30)]
    lately = [run(articles_new=30, dropped={"not_bengali": 20}) for _ in range(10)]
    rules = HealthRules(history_runs=10)
    assert outlet_health([*old, *lately], rules) == []
    assert any("non-Bengali" in p for p in outlet_health([*old, *lately], HealthRules()))


def test_dashboard_health_reads_a_window_and_judges_like_the_full_history(
    tmp_path: Path,
) -> None:
    """health_over_time reads each outlet's last runs only, yet says what a judgement over every
    run says, including "no new article" for an outlet that last stored long before the window."""
    from crawler.monitor.status import health, runs
    from crawler.review.dashboard import health_over_time
    from crawler.store import Storage

    db = Storage(tmp_path / "runs.db").db
    db.table("outlets").insert_all([{"key": "steady"}, {"key": "quiet"}], alter=True)
    for i in range(1, 61):
        started = f"2026-01-01T{i // 60:02d}:{i % 60:02d}"
        run_id = (
            db.table("crawl_runs").insert({"started": started, "finish_reason": "finished"}).last_pk
        )
        for outlet in ("steady", "quiet"):
            new = 0 if outlet == "quiet" and i > 5 else 20
            dropped = {"not_bengali": 15} if outlet == "steady" and i > 52 else {}
            figures = run(articles_new=new, flagged=0, discovered=20, dropped=dropped)
            figures.skipped_known = 0 if new else 20
            db.table("run_outlets").insert(
                {"run_id": run_id, "outlet": outlet, "figures": figures.to_json()}
            )
    rules = HealthRules(history_runs=8)
    rows = {row.outlet: row for row in health_over_time(db, last_runs=10, rules=rules)}
    everything = runs(db)
    for outlet, row in rows.items():
        history = [r.outlets[outlet] for r in everything]
        expected = [health(history[: i + 1], rules) for i in range(50, 60)]
        assert [cell.health for cell in row.cells] == expected
    assert all("no new article" in cell.health for cell in rows["quiet"].cells)
    assert rows["steady"].cells[2].health.startswith("non-Bengali")  # run 53 over runs 45-52
    assert rows["steady"].cells[-1].health == "ok"  # by run 60 the window holds the new level


def test_an_incremental_crawl_that_stores_nothing_raises_no_alert(
    crawled: dict[str, Any], miniweb: MiniWeb, tmp_path: Path
) -> None:
    """The second crawl of the session's database stored nothing new: no Spidermon failure."""
    alerts = Path(f"{crawled['db']}.alerts.jsonl")
    lines = alerts.read_text(encoding="utf-8").splitlines() if alerts.exists() else []
    assert not [line for line in lines if "monitors_failed" in line]
    # With a minimum set, the same empty run is a failure, and says so.
    db = tmp_path / "min.db"
    crawl_miniweb(miniweb, db, "--outlet", "khobor24")
    crawl_miniweb(miniweb, db, "--outlet", "khobor24", "-s", "SPIDERMON_MIN_ITEMS=1")
    raised = [json.loads(line) for line in Path(f"{db}.alerts.jsonl").read_text().splitlines()]
    failed = [name for a in raised for name in a.get("monitors_failed", [])]
    assert failed and all("Extracted Items Monitor" in name for name in failed)
