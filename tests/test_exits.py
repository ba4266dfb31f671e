"""Exit statuses and output that tell the truth (issue 13): bad settings are refused before
anything is written; a crawl that fetched nothing, was stopped or failed is not a success; the
summary printed is always this run's; a stopped demo says so and prints no hints."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler import settings as project
from crawler.miniweb import MiniWeb
from crawler.settings_check import RULES
from tests.conftest import ROOT, crawl_command, crawl_miniweb, prohori, safe_env


@pytest.mark.parametrize(
    ("setting", "named", "accepted"),
    [
        ("DOWNLOAD_DELAY=fast", "DOWNLOAD_DELAY='fast'", "a number ≥ 0"),
        ("PROHORI_COPY_CONTAINMENT=abc", "PROHORI_COPY_CONTAINMENT='abc'", "a number > 0 and ≤ 1"),
        ("PROHORI_COPY_CONTAINMENT=5", "PROHORI_COPY_CONTAINMENT='5'", "a number > 0 and ≤ 1"),
        ("CONCURRENT_REQUESTS=-3", "CONCURRENT_REQUESTS='-3'", "an integer ≥ 1"),
        ("PROHORI_TYPO=1", "unknown setting PROHORI_TYPO", "crawler/settings.py"),
        ("PROHORI_SINCE=yesterday", "PROHORI_SINCE='yesterday'", "YYYY-MM-DD"),
        ("LOG_LEVEL=LOUD", "LOG_LEVEL='LOUD'", "one of DEBUG"),
    ],
)
def test_a_bad_setting_is_refused_before_anything_is_written(
    tmp_path: Path, setting: str, named: str, accepted: str
) -> None:
    db = tmp_path / "never.db"
    result = prohori("crawl", "--db", str(db), "-s", setting, check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and accepted in lines[0], lines
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # no database, no lock file


def test_a_near_miss_of_a_setting_name_is_pointed_out(tmp_path: Path) -> None:
    result = prohori("crawl", "--db", str(tmp_path / "x.db"), "-s", "PROHORI_DB_TIMEOUTS=3",
                     check=False)  # fmt: skip
    assert result.returncode == 2 and "did you mean PROHORI_DB_TIMEOUT" in result.stdout


def test_every_prohori_setting_has_a_rule_and_every_rule_a_setting() -> None:
    names = {name for name in dir(project) if name.startswith("PROHORI_")}
    rules = {name for name in RULES if name.startswith("PROHORI_")}
    assert names == rules
    from crawler.runner import project_settings
    from crawler.settings_check import check_settings

    check_settings(project_settings())  # the defaults pass their own rules


def test_a_crawl_where_no_outlet_answered_fails_and_prints_its_own_summary(
    miniweb: MiniWeb, tmp_path: Path
) -> None:
    db = tmp_path / "net.db"
    crawl_miniweb(miniweb, db, "--outlet", "khobor24")  # run 1: fine
    # Run 2 without the mini-web: every *.test request meets the dead proxy.
    offline = [a for a in crawl_command(miniweb, db, "--outlet", "khobor24")[3:]
               if "PROHORI_MINIWEB" not in a]  # fmt: skip
    offline.remove("-s")
    result = prohori(*offline, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("run 2:"), lines  # this run's figures, not run 1's
    assert "run 1:" not in result.stdout
    assert lines[-1].startswith("crawl failed: no outlet answered (khobor24:"), lines
    assert "connection_refused" in lines[-1]


def _wait_for_articles(db: Path, process: subprocess.Popen[str], least: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
        try:
            conn = sqlite3.connect(db)
            try:
                if conn.execute("select count(*) from articles").fetchone()[0] >= least:
                    return
            finally:
                conn.close()
        except sqlite3.OperationalError:
            continue  # not created yet
    raise AssertionError("the process ended (or stalled) before it could be stopped")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_stopped_crawl_says_so_and_keeps_what_it_stored(
    miniweb: MiniWeb, tmp_path: Path, sig: signal.Signals
) -> None:
    db = tmp_path / "stopped.db"
    miniweb.delay = 0.05
    try:
        crawl = subprocess.Popen(
            crawl_command(miniweb, db, "-s", "CONCURRENT_REQUESTS=2"),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=safe_env(),
        )  # fmt: skip
        _wait_for_articles(db, crawl, 5)
        crawl.send_signal(sig)
        stdout, stderr = crawl.communicate(timeout=120)
    finally:
        miniweb.delay = 0.0
    assert crawl.returncode == 128 + sig, stdout + stderr
    assert stdout.strip().splitlines()[-1].startswith(f"crawl stopped by {sig.name}")
    conn = sqlite3.connect(db)
    kept = conn.execute("select count(*) from articles").fetchone()[0]
    reason = conn.execute("select finish_reason from crawl_runs").fetchone()[0]
    conn.close()
    assert kept >= 5 and reason == "shutdown"


def test_a_demo_stopped_with_ctrl_c_says_so_without_hints(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    demo = subprocess.Popen(
        [sys.executable, "-m", "crawler", "demo", "--db", str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=safe_env(),
    )  # fmt: skip
    _wait_for_articles(db, demo, 1)
    demo.send_signal(signal.SIGINT)
    stdout, stderr = demo.communicate(timeout=120)
    assert demo.returncode == 130, stdout + stderr
    assert "Demo stopped" in stdout and "SIGINT" in stdout
    assert "Go on" not in stdout and "Flagged stories" not in stdout
    assert "Traceback" not in stderr
