"""Scheduled crawls: intervals, the one-crawl-at-a-time lock, the schedule log."""

from __future__ import annotations

import fcntl
from pathlib import Path

import pytest

from crawler.miniweb import MiniWeb
from crawler.monitor.schedule import parse_interval
from crawler.store.lock import BUSY
from tests.conftest import crawl_command, prohori, status_json


@pytest.mark.parametrize(
    ("text", "seconds"), [("90s", 90), ("30m", 1800), ("1h30m", 5400), ("1d", 86400), ("0.5s", 0.5)]
)
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "30", "m", "1 hour", "-5m"])
def test_bad_intervals(text: str) -> None:
    with pytest.raises(ValueError, match="not an interval"):
        parse_interval(text)


def test_a_second_crawl_on_the_same_database_waits_its_turn(
    miniweb: MiniWeb, tmp_path: Path
) -> None:
    db = tmp_path / "locked.db"
    with open(f"{db}.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running crawl holds it
        result = prohori(*crawl_command(miniweb, db)[3:], check=False)
    assert result.returncode == BUSY
    assert "another crawl is running" in result.stdout
    assert "Traceback" not in result.stderr


def test_schedule_runs_crawls_and_logs_them(miniweb: MiniWeb, tmp_path: Path) -> None:
    db = tmp_path / "scheduled.db"
    crawl_args = crawl_command(miniweb, db)[4:]  # what follows `prohori crawl`
    log = tmp_path / "schedule.log"
    result = prohori(
        "schedule", "--every", "1s", "--db", str(db), "--runs", "2", "--log", str(log), *crawl_args
    )
    assert result.returncode == 0
    lines = log.read_text(encoding="utf-8").splitlines()
    assert sum(" done: " in line for line in lines) == 2
    runs = status_json(db)["runs"]
    assert [r["finish_reason"] for r in runs] == ["finished", "finished"]
    assert runs[1]["articles_new"] == 0  # the second run was incremental


def test_schedule_rejects_a_bad_interval(tmp_path: Path) -> None:
    result = prohori("schedule", "--every", "soon", "--db", str(tmp_path / "x.db"), check=False)
    assert result.returncode == 2 and "not an interval" in result.stderr
