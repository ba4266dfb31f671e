"""Finished items through a Redis stream, and a crawl shared by workers on many machines.

Workers ``XADD`` each finished item, each dropped page and, last, their report to one stream;
the writer reads it as the single consumer of a consumer group (``XREADGROUP``) and
acknowledges a message (``XACK``, then ``XDEL``) only after the store stage committed what it
carried. A writer that dies re-reads, when started again, the messages it had been given but
not acknowledged — storing is idempotent on the canonical URL, so nothing is stored twice and
nothing acknowledged is lost. A worker that dies loses only the requests it had taken from the
shared queue; the run is then marked incomplete and keeps no HTTP validators, so the next run
reads every source in full and finds them again.

A crawl's state lives under ``crawler.scale.keys``: the writer starts it (or resumes one whose
writer died), workers join it (``prohori worker``), the first worker seeds it, and the crawl is
done when the shared queue is empty and no live worker is busy; the writer then waits for every
live worker's report before it closes the run.
"""

from __future__ import annotations

import asyncio
import logging
import pickle
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import Any

from crawler.scale import keys
from crawler.scale.session import Session

logger = logging.getLogger(__name__)

READ_COUNT = 64  # messages per XREADGROUP
READ_BLOCK_MS = 500
# A worker waits while this many messages are queued for the writer (backpressure).
STREAM_HIGH = 2000


class RedisUnavailable(RuntimeError):
    """Redis cannot be reached or does not answer: a one-line message saying what to do."""


class NotRedisURL(RedisUnavailable):
    """The address given is not a redis:// URL (a usage error)."""


def lost_redis(url: str, exc: BaseException) -> RedisUnavailable:
    return RedisUnavailable(
        f"Redis at {keys.describe(url)} stopped answering ({type(exc).__name__}: {exc}); what "
        "was stored is kept: start Redis again and run the same command to go on"
    )


def check_redis(url: str) -> None:
    """Refuse a URL that is not redis://, or a server that does not answer, before a crawl."""
    import redis

    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise NotRedisURL(f"{url!r} is not a redis:// URL (redis://HOST:PORT/DB)")
    try:
        keys.redis_client(url).ping()
    except redis.RedisError as exc:
        raise RedisUnavailable(
            f"cannot reach Redis at {keys.describe(url)} ({exc}): is redis-server running?"
        ) from exc


class RedisKnown(Mapping[str, str | None]):
    """The stored URLs of the crawl's database, as the writer published them."""

    def __init__(self, server: Any) -> None:
        self.server = server

    def __contains__(self, url: object) -> bool:
        return bool(self.server.hexists(keys.KNOWN, str(url)))

    def __getitem__(self, url: str) -> str | None:
        value = self.server.hget(keys.KNOWN, url)
        if value is None:
            raise KeyError(url)
        return value.decode("utf-8") or None

    def __iter__(self) -> Iterator[str]:
        return (k.decode("utf-8") for k in self.server.hscan_iter(keys.KNOWN, no_values=True))

    def __len__(self) -> int:
        return int(self.server.hlen(keys.KNOWN))


class RedisLink:
    """A worker's link: the stream out, the shared queue's seeding claim, heartbeats."""

    shared_frontier = True

    def __init__(self, server: Any, name: str) -> None:
        self.server = server
        self.name = name
        self.seed = server.register_script(keys.SEED)
        self.beat = server.register_script(keys.HEARTBEAT)
        self.done = server.register_script(keys.DONE)
        self.sent = 0
        # Called instead of raising when Redis goes away while handing something on (the
        # worker's crawl then closes; what was not handed on is not stored, so the next run
        # fetches it again).
        self.on_lost: Callable[[BaseException], None] | None = None

    def send(self, kind: str, payload: Any) -> None:
        import redis

        data = pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.server.xadd(keys.ITEMS, {"m": data})
            self.sent += 1
            if self.sent % 100 == 0:
                while self.server.xlen(keys.ITEMS) > STREAM_HIGH:  # the writer is behind: wait
                    time.sleep(0.1)
        except redis.RedisError as exc:
            if self.on_lost is None:
                raise
            self.on_lost(exc)

    def claim_seeding(self) -> bool:
        return bool(self.seed(keys=[keys.STATE, keys.WORKER_STATES], args=[self.name]))

    def heartbeat(self) -> None:
        self.beat(keys=[keys.WORKER_SEEN], args=[self.name])

    def set_state(self, state: str) -> None:
        self.server.hset(keys.WORKER_STATES, self.name, state)

    def crawl_done(self, timeout_ms: int) -> bool:
        args = [timeout_ms]
        return bool(
            self.done(
                keys=[keys.STATE, keys.QUEUE, keys.WORKER_STATES, keys.WORKER_SEEN], args=args
            )
        )


def wait_for_crawl(server: Any, wait: float) -> tuple[Session, str] | None:
    """The running crawl's session and token, waiting up to ``wait`` seconds for one."""
    deadline = time.monotonic() + wait
    while True:
        state = {k.decode(): v.decode() for k, v in server.hgetall(keys.STATE).items()}
        if state.get("status") == "running" and not state.get("done"):
            blob = server.get(keys.SESSION)
            if blob is not None:
                session: Session = pickle.loads(blob)
                if session.token == state.get("token"):
                    session.known = RedisKnown(server)
                    return session, session.token
        if time.monotonic() >= deadline:
            return None
        time.sleep(1.0)


class RedisSource:
    """The writer's side: starts (or resumes) the crawl in Redis, starts the local workers,
    and yields the stream's messages until the crawl is done and every live worker reported."""

    def __init__(self, url: str, workers: int, settings: Any) -> None:
        self.url = url
        self.session: Session | None = None
        self.workers = workers
        self.timeout_ms = int(settings.getfloat("PROHORI_WORKER_TIMEOUT") * 1000)
        self.log_level = settings.get("LOG_LEVEL")
        self.server = keys.redis_client(url)
        self.done = self.server.register_script(keys.DONE)
        self.processes: list[Any] = []
        self.ended = 0  # local worker processes that have exited
        self.lost: list[str] = []
        self._spawn_workers()  # they wait for the crawl to start in Redis

    def publish(self, session: Session) -> None:
        self.session = session

    def _start_or_resume(self) -> None:
        assert self.session is not None, "published before the crawl starts"
        state = {k.decode(): v.decode() for k, v in self.server.hgetall(keys.STATE).items()}
        if state.get("status") == "running":
            # A writer died mid-crawl: its workers, queue and unacknowledged items are there.
            logger.warning(
                "resuming the crawl %s on %s", state.get("token"), keys.describe(self.url)
            )
            return
        stale = [keys.QUEUE, keys.DUPES, keys.KNOWN, keys.WORKER_STATES, keys.WORKER_SEEN]
        self.server.delete(*stale, keys.ITEMS, keys.STATE, keys.SESSION)
        known = list(self.session.known.items())
        for i in range(0, len(known), 5000):
            chunk = {url: fetched or "" for url, fetched in known[i : i + 5000]}
            self.server.hset(keys.KNOWN, mapping=chunk)
        published = Session(**{**self.session.__dict__, "known": {}})
        self.server.set(keys.SESSION, pickle.dumps(published, protocol=pickle.HIGHEST_PROTOCOL))
        self.server.xgroup_create(keys.ITEMS, keys.GROUP, id="0", mkstream=True)
        self.server.hset(keys.STATE, mapping={"token": self.session.token, "status": "running"})
        logger.info(
            "crawl %s started on %s: workers join it with 'prohori worker --redis URL'",
            self.session.token, keys.describe(self.url),
        )  # fmt: skip

    def _spawn_workers(self) -> None:
        import os
        import sys
        from pathlib import Path

        # Imported here: an import at load time would install a reactor of its own.
        from twisted.internet import reactor as installed

        reactor: Any = installed
        from twisted.internet.protocol import ProcessProtocol

        source = self

        class Ended(ProcessProtocol):
            def processEnded(self, reason: Any) -> None:
                source.ended += 1

        command = [sys.executable, "-m", "crawler", "worker", "--redis", self.url, "--wait", "60",
                   "--log-level", self.log_level, "--die-with-parent"]  # fmt: skip
        home = str(Path(__file__).resolve().parents[2])
        for _ in range(self.workers):
            # A worker's stdout goes to stderr: the writer's stdout is the crawl's summary.
            process = reactor.spawnProcess(
                Ended(), sys.executable, command, env=dict(os.environ), path=home,
                childFDs={0: 0, 1: 2, 2: 2},
            )  # fmt: skip
            self.processes.append(process)

    def _read(self, start: str) -> list[tuple[bytes, dict[bytes, bytes]]]:
        block = None if start != ">" else READ_BLOCK_MS
        reply = self.server.xreadgroup(
            keys.GROUP, "writer", {keys.ITEMS: start}, count=READ_COUNT, block=block
        )
        return list(reply[0][1]) if reply else []

    def _finished(self, reported: set[str]) -> bool:
        """Done, and every worker still alive has sent its report (the dead are lost)."""
        done = self.done(
            keys=[keys.STATE, keys.QUEUE, keys.WORKER_STATES, keys.WORKER_SEEN],
            args=[self.timeout_ms],
        )
        seconds, micros = self.server.time()
        now = seconds * 1000 + micros // 1000
        seen = {k.decode(): int(v) for k, v in self.server.hgetall(keys.WORKER_SEEN).items()}
        alive = {w for w, at in seen.items() if at > now - self.timeout_ms}
        if not done:
            if self.workers and self.ended >= self.workers and not alive:
                self.lost.append("every worker ended before the crawl was done")
                return True
            return False
        if alive - reported:
            return False  # their reports are on the way
        for worker in sorted(set(seen) - reported):
            self.lost.append(
                f"worker {worker} stopped answering before it finished: what it handed on is "
                "stored; run the same command again to fetch what it held"
            )
        self.server.hset(keys.STATE, "status", "finished")
        return True

    async def messages(self, spider: Any) -> AsyncIterator[tuple[str, Any, str | None]]:
        import redis

        from crawler.scale.writer import SourceError

        reported: set[str] = set()
        start = "0"  # first what an earlier writer was given and never acknowledged
        try:
            await asyncio.to_thread(self._start_or_resume)
            while True:
                batch = await asyncio.to_thread(self._read, start)
                for message_id, fields in batch:
                    kind, payload = pickle.loads(fields[b"m"])
                    if kind == "done":
                        reported.add(payload.worker)
                    yield kind, payload, message_id.decode()
                if start != ">":
                    start = batch[-1][0].decode() if batch else ">"
                elif not batch and await asyncio.to_thread(self._finished, reported):
                    return
        except redis.RedisError as exc:
            raise SourceError(str(lost_redis(self.url, exc))) from exc

    def acknowledge(self, deliveries: list[str]) -> None:
        import redis

        try:
            self.server.xack(keys.ITEMS, keys.GROUP, *deliveries)
            self.server.xdel(keys.ITEMS, *deliveries)
        except redis.RedisError as exc:  # given again to the next writer: stored once anyway
            logger.warning("could not acknowledge %d items: %s", len(deliveries), exc)

    def stop(self) -> None:
        import signal

        for process in self.processes:
            if process.pid is not None:
                try:
                    process.signalProcess(signal.SIGTERM)
                except Exception:  # already gone
                    logger.debug("worker %s already ended", process.pid)
