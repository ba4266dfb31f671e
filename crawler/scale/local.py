"""Several worker processes on one machine, without Redis (``prohori crawl --workers N``).

The outlets are shared out among the workers (each outlet, and so each domain, belongs to one
worker, so Scrapy's per-domain politeness holds as in one process), and each worker writes its
items as length-prefixed pickles to a pipe the writer reads in its reactor. A writer that falls
behind stops reading, the pipes fill, and the workers wait: memory stays bounded. A worker
killed outright ends without its report: the writer marks the run incomplete (see
``crawler.scale.writer``).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import shutil
import signal
import struct
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from twisted.internet.protocol import ProcessProtocol
from twisted.python.failure import Failure

from crawler.outlets import Outlet
from crawler.scale.session import Session

# Messages waiting in the writer beyond which it stops reading the workers' pipes.
HIGH_WATER, LOW_WATER = 64, 16


def share_out(outlets: list[Outlet], workers: int) -> list[list[Outlet]]:
    """Outlets dealt round-robin, in key order, to at most ``workers`` non-empty shares."""
    shares: list[list[Outlet]] = [[] for _ in range(min(workers, len(outlets)))]
    for i, outlet in enumerate(sorted(outlets, key=lambda o: o.key)):
        shares[i % len(shares)].append(outlet)
    return shares


class _WorkerProtocol(ProcessProtocol):
    def __init__(self, name: str, source: LocalSource) -> None:
        self.name = name
        self.source = source
        self.buffer = bytearray()

    def childDataReceived(self, fd: int, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= 8:
            size = struct.unpack_from("!Q", self.buffer)[0]
            if len(self.buffer) < 8 + size:
                break
            kind, payload = pickle.loads(self.buffer[8 : 8 + size])
            del self.buffer[: 8 + size]
            self.source.put((kind, payload, self.name))

    def processEnded(self, reason: Failure) -> None:
        value = reason.value
        signal_ = getattr(value, "signal", None)
        how = f"killed by signal {signal_}" if signal_ else f"exit status {value.exitCode}"
        self.source.put(("exit", how, self.name))


class LocalSource:
    """Starts the worker processes and yields what they send."""

    def __init__(self, outlets: list[Outlet], workers: int) -> None:
        self.shares = share_out(outlets, workers)
        self.queue: asyncio.Queue[tuple[str, Any, str]] = asyncio.Queue()
        self.processes: dict[str, Any] = {}
        self.paused = False
        self.lost: list[str] = []
        # Workers start at once and load their modules while the writer reads the database;
        # each then waits for its session file (see ``publish``).
        self.folder = Path(tempfile.mkdtemp(prefix="prohori-workers-"))
        for i in range(1, len(self.shares) + 1):
            self._spawn(f"worker-{i}")

    def publish(self, session: Session) -> None:
        """Give each worker its session: the crawl's, with its own share of the outlets."""
        for name, outlets in zip(self.processes, self.shares, strict=True):
            share = Session(**{**session.__dict__, "outlets": outlets})
            path = self.folder / f"{name}.session"
            partial = path.with_suffix(".partial")
            partial.write_bytes(pickle.dumps(share, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(partial, path)  # a worker never reads half a session

    def put(self, message: tuple[str, Any, str]) -> None:
        self.queue.put_nowait(message)
        if not self.paused and self.queue.qsize() > HIGH_WATER:
            self.paused = True
            for process in self.processes.values():
                process.pauseProducing()

    def _spawn(self, name: str) -> None:
        path = self.folder / f"{name}.session"
        # Imported here: an import at load time would install a reactor of its own.
        from twisted.internet import reactor as installed

        reactor: Any = installed
        protocol = _WorkerProtocol(name, self)
        self.processes[name] = reactor.spawnProcess(
            protocol,
            sys.executable,
            [sys.executable, "-m", "crawler.scale.worker", str(path), "3"],
            env=dict(os.environ),
            path=str(Path(__file__).resolve().parents[2]),
            # Its items on descriptor 3; its output to stderr (stdout is the crawl's summary).
            childFDs={0: 0, 1: 2, 2: 2, 3: "r"},
        )

    async def messages(self, spider: Any) -> AsyncIterator[tuple[str, Any, str | None]]:
        running, reported = set(self.processes), set()
        while running:
            kind, payload, name = await self.queue.get()
            if self.paused and self.queue.qsize() < LOW_WATER:
                self.paused = False
                for process in self.processes.values():
                    if process.pid is not None:
                        process.resumeProducing()
            if kind == "exit":
                running.discard(name)
                if name not in reported:
                    self.lost.append(
                        f"{name} ended before its outlets were done ({payload}): what it "
                        "handed on is stored; run the same command again to fetch the rest"
                    )
                continue
            if kind == "done":
                reported.add(name)
            yield kind, payload, None

    def acknowledge(self, deliveries: list[str]) -> None:
        """Nothing to acknowledge: a pipe keeps nothing once read."""

    def stop(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        for process in self.processes.values():
            if process.pid is not None:
                with contextlib.suppress(Exception):  # already gone
                    process.signalProcess(signal.SIGTERM)
