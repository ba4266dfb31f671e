"""Shared fixtures: the mini-web, crawls of it in a subprocess, and a network guard.

No test reaches beyond 127.0.0.1: in-process sockets are refused for any other address, and the
crawls run in subprocesses reach only the mini-web (its *.test hosts go through the local proxy;
the mini-web answers 502 for any other host instead of forwarding).
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from crawler.miniweb import OUTLETS_DIR, MiniWeb

ROOT = Path(__file__).resolve().parents[1]
DEAD_PROXY = {
    "http_proxy": "http://127.0.0.1:9",
    "https_proxy": "http://127.0.0.1:9",
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "no_proxy": "127.0.0.1,localhost",
    "NO_PROXY": "127.0.0.1,localhost",
}


def safe_env() -> dict[str, str]:
    """The environment for crawl subprocesses: nothing but the mini-web is reachable."""
    return {**os.environ, **DEAD_PROXY}


FAST = [
    "-s",
    "DOWNLOAD_DELAY=0",
    "-s",
    "AUTOTHROTTLE_START_DELAY=0",
    "-s",
    "AUTOTHROTTLE_TARGET_CONCURRENCY=8",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
]


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0]
            if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
                raise RuntimeError(f"test tried to reach {host}: only 127.0.0.1 is allowed")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def prohori(
    *args: str,
    env: dict[str, str] | None = None,
    check: bool = True,
    cwd: Path = ROOT,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a subprocess (a Twisted reactor cannot be restarted in-process).

    Unless a test sets its own, the proxy variables point at a closed local port: a request for
    any host the mini-web does not serve fails on 127.0.0.1 instead of leaving the machine.
    """
    full_env = {**os.environ, **DEAD_PROXY, **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "crawler", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=300,
        input=stdin,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"prohori {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def crawl_command(
    web: MiniWeb, db: Path, *extra: str, seeds: Path = OUTLETS_DIR, workers: int | None = 1
) -> list[str]:
    """The `prohori crawl` command line for a crawl of the mini-web into ``db``: in one process
    unless ``workers`` says otherwise (None: the default, one worker per core;
    tests/test_scale.py crawls with several)."""
    return [
        sys.executable,
        "-m",
        "crawler",
        "crawl",
        "--seeds",
        str(seeds),
        "--db",
        str(db),
        "--log-level",
        "WARNING",
        "-s",
        f"PROHORI_MINIWEB={web.proxy_url}",
        *FAST,
        *(["--workers", str(workers)] if workers is not None else []),
        *extra,
    ]


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """`prohori serve --port 0` on ``db`` in a subprocess; yields its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler", "serve", "--db", str(db), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=safe_env(),
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        if not found:
            process.kill()
            raise AssertionError(f"server did not start: {line}{process.communicate()[1]}")
        yield found.group(0)
    finally:
        process.terminate()
        _, err = process.communicate(timeout=30)  # reaps it and closes its pipes
    assert "Traceback" not in err, err


def start_crawl(web: MiniWeb, db: Path, *extra: str, quiet: bool = False) -> subprocess.Popen[str]:
    """A crawl of the mini-web in a background process (output kept unless ``quiet``)."""
    stream = subprocess.DEVNULL if quiet else subprocess.PIPE
    return subprocess.Popen(
        crawl_command(web, db, *extra),
        stdout=stream,
        stderr=stream,
        text=True,
        cwd=ROOT,
        env=safe_env(),
    )


def crawl_miniweb(
    web: MiniWeb, db: Path, *extra: str, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    return prohori(*crawl_command(web, db, *extra)[3:], **kwargs)


def article_rows(db: Path) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("select * from articles order by canonical_url")]
    conn.close()
    return rows


def status_json(db: Path) -> dict[str, Any]:
    return json.loads(prohori("status", "--db", str(db), "--json", check=False).stdout)


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Train the default model into a cache of the test session's own (subprocesses inherit)."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(scope="session")
def miniweb() -> Iterator[MiniWeb]:
    with MiniWeb() as web:
        yield web


@pytest.fixture(scope="session")
def crawled(miniweb: MiniWeb, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One database crawled twice, with the rows after each crawl and the status JSON."""
    db = tmp_path_factory.mktemp("crawl") / "prohori.db"
    hits_before = sum(miniweb.hits.values())
    crawl_miniweb(miniweb, db)
    first = article_rows(db)
    hits_first = sum(miniweb.hits.values()) - hits_before
    crawl_miniweb(miniweb, db)
    return {
        "db": db,
        "first": first,
        "second": article_rows(db),
        "status": status_json(db),
        "hits_first": hits_first,
        "hits_second": sum(miniweb.hits.values()) - hits_before - hits_first,
    }


REVIEWER = ("amina", "correct horse battery")


@pytest.fixture(scope="session")
def review_db(crawled: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the crawled database plus the hostile outlet's stories (payloads in their
    texts) and one reviewer account. Tests that write to it copy it first (``fresh_review_db``)."""
    from crawler.miniweb import HOSTILE_OUTLETS_DIR

    db = tmp_path_factory.mktemp("review") / "review.db"
    source = sqlite3.connect(crawled["db"])
    target = sqlite3.connect(db)
    source.backup(target)  # consistent copy of a WAL database
    source.close()
    target.close()
    with MiniWeb(hostile=True) as web:
        prohori(*crawl_command(web, db, seeds=HOSTILE_OUTLETS_DIR)[3:])
    name, password = REVIEWER
    subprocess.run(
        [
            sys.executable,
            "-m",
            "crawler",
            "users",
            "add",
            name,
            "--db",
            str(db),
            "--password-stdin",
        ],
        input=password + "\n",
        text=True,
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return db


@pytest.fixture
def fresh_review_db(review_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "review.db"
    source, target = sqlite3.connect(review_db), sqlite3.connect(db)
    source.backup(target)
    source.close()
    target.close()
    return db


class RedisServer:
    """Debian's redis-server on a free 127.0.0.1 port, in a folder of its own, no persistence
    (a restart loses everything, as a crashed server without a disk would)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise AssertionError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=30)
            self.process = None


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    if shutil.which("redis-server") is None:
        raise AssertionError("redis-server is missing: run tools/ensure_redis.sh (make test does)")
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()
