"""A crawl in several processes (issue 17): worker processes on one machine, and workers that
share a frontier and hand their items to one writer through a real Redis (Debian's
redis-server, started per test on a free 127.0.0.1 port).

Each scaled-out crawl of the mini-web must store what a one-process crawl stores — the same
articles, clusters, copies and scores, each once — and a second run must be as incremental.
A worker killed mid-crawl, a Redis restarted mid-crawl and a writer killed mid-crawl each end
in a clear outcome, and the next run completes with nothing lost.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import redis

from crawler.miniweb import OUTLETS_DIR, MiniWeb
from crawler.scale import keys
from tests.conftest import (
    FAST,
    ROOT,
    RedisServer,
    article_rows,
    crawl_command,
    prohori,
    safe_env,
    status_json,
)

FIELDS = ("canonical_url", "outlet", "title", "text", "published", "cluster_id", "duplicate_of",
          "relevant", "score", "partners", "topics", "language", "content_hash")  # fmt: skip


def stored(db: Path) -> list[tuple[Any, ...]]:
    return [tuple(row[f] for f in FIELDS) for row in article_rows(db)]


def reference(crawled: dict[str, Any]) -> list[tuple[Any, ...]]:
    """What the one-process crawl of the `crawled` fixture stored in its first run."""
    return [tuple(row[f] for f in FIELDS) for row in crawled["first"]]


def runs(db: Path) -> list[tuple[str, dict[str, Any]]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("select finish_reason, figures from crawl_runs order by id")
        return [(reason, json.loads(figures or "{}")) for reason, figures in rows]
    finally:
        conn.close()


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created yet
    finally:
        conn.close()


def wait_for(condition: Any, what: str, process: subprocess.Popen[str] | None = None) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if condition():
            return
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the crawl ended before {what}: {process.communicate()}")
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def start(command: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env=safe_env(),
    )  # fmt: skip


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=300)
    return process.returncode, stdout, stderr


def assert_complete(db: Path, crawled: dict[str, Any]) -> None:
    """Every article of the one-process crawl stored, each once, with its raw page."""
    assert stored(db) == reference(crawled)
    assert count(db, "select count(*) from raw_pages") == len(crawled["first"])
    assert count(db, "select count(distinct url) from articles") == len(crawled["first"])


def test_local_workers_store_what_one_process_stores(
    miniweb: MiniWeb, crawled: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "local.db"
    first = prohori(*crawl_command(miniweb, db, workers=2)[3:])
    assert first.stdout.startswith("run 1: 267 requests, 231 new articles, 2 copies, 6 flagged")
    assert_complete(db, crawled)
    prohori(*crawl_command(miniweb, db, workers=2)[3:])
    (reason1, figures1), (reason2, figures2) = runs(db)
    assert (reason1, reason2) == ("finished", "finished")
    one = status_json(crawled["db"])["runs"][0]
    for name in ("requests", "articles_new", "articles_duplicate", "flagged", "dropped",
                 "discovered", "robots_forbidden"):  # fmt: skip
        assert figures1[name] == one[name], name
    assert figures2["requests"] == 12 and figures2["not_modified"] == 8  # incremental, as one


def test_redis_workers_and_writer_store_what_one_process_stores(
    miniweb: MiniWeb, crawled: dict[str, Any], tmp_path: Path, redis_server: RedisServer
) -> None:
    db = tmp_path / "shared.db"
    command = crawl_command(miniweb, db, "--redis", redis_server.url, workers=2)
    result = prohori(*command[3:])
    assert "231 new articles, 2 copies, 6 flagged" in result.stdout
    assert_complete(db, crawled)
    prohori(*command[3:])
    (reason1, figures1), (reason2, figures2) = runs(db)
    assert (reason1, reason2) == ("finished", "finished")
    # Each worker reads robots.txt for the hosts it fetches from; nothing else is repeated.
    assert figures1["discovered"] == status_json(crawled["db"])["runs"][0]["discovered"]
    assert figures2["articles_new"] == 0 and figures2["not_modified"] == 8
    server = redis.Redis.from_url(redis_server.url)
    assert server.hget(keys.STATE, "status") == b"finished"
    assert server.xlen(keys.ITEMS) == 0  # every message acknowledged and removed


def worker_pids(url: str) -> list[int]:
    names: list[bytes] = redis.Redis.from_url(url).hkeys(keys.WORKER_STATES)  # type: ignore[assignment]
    return [int(name.decode().rsplit(":", 1)[1]) for name in names]


def test_a_redis_worker_killed_mid_crawl_is_made_good_by_the_next_run(
    miniweb: MiniWeb, crawled: dict[str, Any], tmp_path: Path, redis_server: RedisServer
) -> None:
    db = tmp_path / "killed.db"
    command = crawl_command(miniweb, db, "--redis", redis_server.url,
                            "-s", "PROHORI_WORKER_TIMEOUT=3", workers=2)  # fmt: skip
    miniweb.delay = 0.03
    try:
        crawl = start(command)
        wait_for(lambda: count(db, "select count(*) from articles") >= 20, "20 articles", crawl)
        victim = worker_pids(redis_server.url)[0]
        subprocess.run(["kill", "-KILL", str(victim)], check=True)
        code, stdout, _ = finish(crawl)
    finally:
        miniweb.delay = 0.0
    assert code == 1, stdout
    assert "stopped answering before it finished" in stdout.splitlines()[-1]
    assert runs(db)[0][0] == "worker_lost"
    assert count(db, "select count(*) from source_state") == 0  # sources read in full next time
    rerun = prohori(*command[3:], check=False)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert_complete(db, crawled)


def test_redis_restarted_mid_crawl_is_a_clear_error_and_the_crawl_resumes(
    miniweb: MiniWeb, crawled: dict[str, Any], tmp_path: Path, redis_server: RedisServer
) -> None:
    db = tmp_path / "restarted.db"
    command = crawl_command(miniweb, db, "--redis", redis_server.url, workers=2)
    miniweb.delay = 0.03
    try:
        crawl = start(command)
        wait_for(lambda: count(db, "select count(*) from articles") >= 10, "10 articles", crawl)
        redis_server.stop()
        redis_server.start()  # empty: a server without persistence lost the crawl's state
        code, stdout, stderr = finish(crawl)
    finally:
        miniweb.delay = 0.0
    assert code == 1, stdout + stderr
    last = stdout.strip().splitlines()[-1]
    assert f"Redis at {redis_server.url} stopped answering" in last, last
    assert "run the same command to go on" in last
    crashes = stderr.split("Traceback (most recent call last):")[1:]
    assert all("spidermon" in crash.splitlines()[1] for crash in crashes), stderr  # its report
    rerun = prohori(*command[3:], check=False)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert_complete(db, crawled)


def test_a_writer_killed_mid_crawl_loses_no_item_it_was_handed(
    miniweb: MiniWeb, crawled: dict[str, Any], tmp_path: Path, redis_server: RedisServer
) -> None:
    """`prohori ingest` killed outright while a `prohori worker` goes on: started again, the
    writer resumes the crawl, stores what it had been handed but not yet committed, and then
    the rest — every article once."""
    db = tmp_path / "writer.db"
    ingest = [sys.executable, "-m", "crawler", "ingest", "--redis", redis_server.url,
              "--db", str(db), "--seeds", str(OUTLETS_DIR), "--log-level", "WARNING",
              "-s", f"PROHORI_MINIWEB={miniweb.proxy_url}", *FAST]  # fmt: skip
    worker = [sys.executable, "-m", "crawler", "worker", "--redis", redis_server.url,
              "--wait", "60", "--log-level", "WARNING"]  # fmt: skip
    miniweb.delay = 0.03
    try:
        writer = start(ingest)
        joined = start(worker)
        wait_for(lambda: count(db, "select count(*) from articles") >= 10, "10 articles", writer)
        writer.send_signal(signal.SIGKILL)
        writer.communicate(timeout=60)
        stored_before = count(db, "select count(*) from articles")
        code, stdout, stderr = finish(start(ingest))
        worker_code, _, worker_err = finish(joined)
    finally:
        miniweb.delay = 0.0
    assert code == 0, stdout + stderr
    assert worker_code == 0, worker_err
    assert stored_before < len(crawled["first"])  # the first writer did not get to the end
    assert_complete(db, crawled)
    reasons = [reason for reason, _ in runs(db)]
    assert reasons == ["killed", "finished"]


def test_a_local_worker_killed_mid_crawl_is_made_good_by_the_next_run(
    miniweb: MiniWeb, crawled: dict[str, Any], tmp_path: Path
) -> None:
    db = tmp_path / "local-killed.db"
    command = crawl_command(miniweb, db, workers=2)
    miniweb.delay = 0.03
    try:
        crawl = start(command)
        wait_for(lambda: count(db, "select count(*) from articles") >= 10, "10 articles", crawl)
        children = Path(f"/proc/{crawl.pid}/task/{crawl.pid}/children").read_text().split()
        subprocess.run(["kill", "-KILL", children[0]], check=True)
        code, stdout, _ = finish(crawl)
    finally:
        miniweb.delay = 0.0
    assert code == 1, stdout
    assert "ended before its outlets were done" in stdout.splitlines()[-1]
    rerun = prohori(*command[3:], check=False)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert_complete(db, crawled)


def test_a_stopped_local_crawl_says_so_and_leaves_no_worker_behind(
    miniweb: MiniWeb, tmp_path: Path
) -> None:
    db = tmp_path / "local-stopped.db"
    miniweb.delay = 0.03
    try:
        crawl = start(crawl_command(miniweb, db, workers=2))
        wait_for(lambda: count(db, "select count(*) from articles") >= 5, "5 articles", crawl)
        children = Path(f"/proc/{crawl.pid}/task/{crawl.pid}/children").read_text().split()
        crawl.send_signal(signal.SIGTERM)
        code, stdout, stderr = finish(crawl)
    finally:
        miniweb.delay = 0.0
    assert code == 143, stdout + stderr
    assert stdout.strip().splitlines()[-1].startswith("crawl stopped by SIGTERM")
    assert runs(db)[0][0] == "shutdown"
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}/status").exists() for pid in children)


def test_politeness_is_shared_by_the_workers_of_a_crawl(redis_server: RedisServer) -> None:
    """Two workers asking for the same host are spaced by the delay between them."""
    server = redis.Redis.from_url(redis_server.url)
    slot = server.register_script(keys.POLITE_SLOT)
    waits = [slot(keys=[keys.POLITE + "a.test"], args=[200]) for _ in range(3)]
    assert waits[0] == 0 and 150 <= waits[1] <= 200 and 350 <= waits[2] <= 400, waits
    assert slot(keys=[keys.POLITE + "b.test"], args=[200]) == 0  # another host: no wait


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--redis", "http://127.0.0.1:1/0"], "is not a redis:// URL"),
        (["--redis", "redis://127.0.0.1:1/0"], "cannot reach Redis at redis://127.0.0.1:1/0"),
    ],
)
def test_a_bad_or_unreachable_redis_is_a_clear_error(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = prohori("crawl", "--db", str(tmp_path / "x.db"), *args, check=False)
    assert result.returncode in (1, 2) and message in result.stdout, result.stdout
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.db").exists()
