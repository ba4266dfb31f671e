"""Several commands on one database at once (issue 13): nothing lost, nothing corrupted.

Real processes against the mini-web: a crawl runs while other commands loop against the same
database — exports, reclassify, status, clusters, user changes and review decisions posted to a
running `prohori serve`. Afterwards SQLite's integrity check passes, every article the crawl
should store is stored exactly once, the run is recorded as finished, and no command printed a
traceback. A crawl killed with SIGKILL at a random moment is followed by a run that completes
with nothing lost.
"""

from __future__ import annotations

import http.cookiejar
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from crawler.miniweb import MiniWeb
from tests.conftest import REVIEWER, ROOT, crawl_command, prohori, safe_env, serving, start_crawl

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
# Loops stop after this many rounds even if the crawl is still running (a bound on test time).
MAX_ROUNDS = 40


@dataclass
class Outcome:
    """What the other commands did while the crawl ran."""

    runs: list[tuple[str, int, str]] = field(default_factory=list)  # command, exit code, stderr
    reviews_posted: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, result: subprocess.CompletedProcess[str]) -> None:
        with self.lock:
            self.runs.append((name, result.returncode, result.stdout + result.stderr))


def integrity(db: Path) -> tuple[str, str]:
    conn = sqlite3.connect(db)
    try:
        check = conn.execute("pragma integrity_check").fetchone()[0]
        try:
            conn.execute("insert into articles_fts(articles_fts) values('integrity-check')")
            fts = "ok"
        except sqlite3.DatabaseError as exc:
            fts = str(exc)
        return check, fts
    finally:
        conn.close()


def newest_articles(db: Path) -> list[int]:
    return [r[0] for r in query(db, "select rowid from articles order by rowid desc limit 3")]


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


class Reviewer:
    """A reviewer's browser session against `prohori serve`: log in, post decisions."""

    def __init__(self, base: str) -> None:
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def _token(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            match = TOKEN.search(response.read().decode("utf-8"))
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def post(self, path: str, fields: dict[str, str], token_from: str) -> int:
        body = urllib.parse.urlencode({**fields, "csrf_token": self._token(token_from)}).encode()
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)

    def log_in(self) -> None:
        name, password = REVIEWER
        status = self.post("/login", {"username": name, "password": password}, "/login")
        assert status == 200, f"login answered {status}"  # 302 to the queue, followed


def loop(until: Callable[[], bool], step: Callable[[int], None], out: Outcome) -> None:
    rounds = 0
    while not until() and rounds < MAX_ROUNDS:
        try:
            step(rounds)
        except Exception as exc:  # recorded, asserted on by the test
            out.failures.append(f"{type(exc).__name__}: {exc}")
        rounds += 1


def other_commands(
    db: Path, tmp: Path, base: str, done: Callable[[], bool]
) -> tuple[list[threading.Thread], Outcome]:
    out = Outcome()

    def cli(name: str, *args: str) -> None:
        out.add(name, prohori(*args, check=False))

    def exports(n: int) -> None:
        cli("export", "export", "--db", str(db), "--format", "jsonl", "--out", str(tmp / f"x{n}"))

    def rescoring(n: int) -> None:
        cli("reclassify", "reclassify", "--db", str(db), "--all")
        cli("status", "status", "--db", str(db), "--json")

    reviewer = Reviewer(base)
    reviewer.log_in()

    def reviews(n: int) -> None:
        # Wait for the crawl's first articles (a loaded machine may take a while to store any).
        while not (ids := newest_articles(db)) and not done():
            time.sleep(0.2)
        for article in ids:
            status = reviewer.post(
                f"/review/{article}",
                {
                    "decision": "relevant" if n % 2 else "irrelevant",
                    "note": f"round {n}",
                    "back": "story",
                },
                f"/story/{article}",
            )
            if status != 200:
                out.failures.append(f"review POST answered {status}")
            else:
                out.reviews_posted.append(article)
        time.sleep(0.2)

    def accounts(n: int) -> None:
        out.add(
            "users add",
            prohori(
                *("users", "add", f"guest{n}", "--db", str(db), "--password-stdin"),
                check=False,
                stdin="a long enough password\n",
            ),
        )
        cli("clusters", "clusters", "--db", str(db), "--json")
        cli("users remove", "users", "remove", f"guest{n}", "--db", str(db))

    threads = [
        threading.Thread(target=loop, args=(done, step, out))
        for step in (exports, rescoring, accounts, reviews)
    ]
    for thread in threads:
        thread.start()
    return threads, out


def new_database(tmp: Path) -> Path:
    db = tmp / "shared.db"
    name, password = REVIEWER
    prohori("users", "add", name, "--db", str(db), "--password-stdin", stdin=password + "\n")
    return db


def assert_clean(db: Path, expected: set[str]) -> None:
    assert integrity(db) == ("ok", "ok")
    stored = [r[0] for r in query(db, "select canonical_url from articles")]
    assert len(stored) == len(set(stored))
    missing, extra = expected - set(stored), set(stored) - expected
    assert not missing, f"{len(missing)} articles lost, e.g. {sorted(missing)[:3]}"
    assert not extra, f"unexpected articles: {sorted(extra)[:3]}"


def test_a_crawl_beside_every_other_command_loses_nothing(
    miniweb: MiniWeb, crawled: dict[str, Any], tmp_path: Path
) -> None:
    expected = {row["canonical_url"] for row in crawled["first"]}
    db = new_database(tmp_path)
    with serving(db) as base:
        crawl = start_crawl(miniweb, db)
        threads, out = other_commands(db, tmp_path, base, lambda: crawl.poll() is not None)
        stdout, stderr = crawl.communicate(timeout=600)
        for thread in threads:
            thread.join(timeout=600)
    assert crawl.returncode == 0, stdout + stderr
    assert "Traceback" not in stderr
    assert not out.failures, out.failures[:5]
    for name, code, text in out.runs:
        assert "Traceback" not in text, f"{name} printed a traceback:\n{text}"
        # status exits 1 for an unhealthy outlet; everything else must have done its work.
        assert code == 0 or (name == "status" and code == 1), f"{name} exited {code}:\n{text}"
    assert len(out.runs) >= 8 and out.reviews_posted, "the other commands hardly ran"
    assert_clean(db, expected)
    runs = query(
        db,
        "select finish_reason, json_extract(figures, '$.articles_new')"
        " + json_extract(figures, '$.articles_duplicate') from crawl_runs",
    )
    assert runs == [("finished", len(expected))]
    decisions = query(db, "select count(*) from reviews")[0][0]
    assert decisions == len(out.reviews_posted)


def test_a_crawl_killed_at_a_random_moment_is_completed_by_the_next(
    miniweb: MiniWeb, crawled: dict[str, Any], tmp_path: Path
) -> None:
    expected = {row["canonical_url"] for row in crawled["first"]}
    seed = int(os.environ.get("PROHORI_KILL_SEED", time.time_ns() % 10_000))
    delay = random.Random(seed).uniform(0.5, 6.0)
    db = new_database(tmp_path)
    with serving(db) as base:
        crawl = start_crawl(miniweb, db, quiet=True)
        threads, out = other_commands(db, tmp_path, base, lambda: crawl.poll() is not None)
        time.sleep(delay)
        crawl.send_signal(signal.SIGKILL)
        crawl.wait(timeout=60)
        for thread in threads:
            thread.join(timeout=600)
    assert not out.failures, out.failures[:5]
    assert all("Traceback" not in text for _, _, text in out.runs)
    assert integrity(db) == ("ok", "ok"), f"seed {seed}"
    rerun = prohori(*crawl_command(miniweb, db)[3:], check=False)
    assert rerun.returncode == 0, f"seed {seed}: {rerun.stdout}{rerun.stderr}"
    assert_clean(db, expected)
    reasons = [r[0] for r in query(db, "select finish_reason from crawl_runs order by id")]
    assert reasons[-1] == "finished"
    assert "running" not in reasons, f"seed {seed}: a dead run still says running: {reasons}"


@pytest.mark.parametrize("first", ["demo", "crawl"])
def test_demo_and_crawl_take_the_same_lock(miniweb: MiniWeb, tmp_path: Path, first: str) -> None:
    db = tmp_path / "new.db"
    demo = [sys.executable, "-m", "crawler", "demo", "--db", str(db)]
    commands = {"demo": demo, "crawl": crawl_command(miniweb, db)}
    running = subprocess.Popen(
        commands[first], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env=safe_env(),
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not Path(f"{db}.lock").exists() or not db.exists():
            assert time.monotonic() < deadline and running.poll() is None
            time.sleep(0.05)
        time.sleep(0.5)
        second = "crawl" if first == "demo" else "demo"
        other = prohori(*commands[second][3:], check=False)
        assert other.returncode == 75, other.stdout + other.stderr
        assert "another crawl is running" in other.stdout + other.stderr
    finally:
        stdout, stderr = running.communicate(timeout=600)
    assert running.returncode == 0, stdout + stderr
    assert integrity(db) == ("ok", "ok")
    assert query(db, "select finish_reason from crawl_runs") == [("finished",)]
