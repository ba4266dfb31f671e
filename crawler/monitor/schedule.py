"""Scheduled crawls: ``prohori crawl`` once per interval, each run logged.

The crawl itself takes the database's crawl lock (``crawler.store.lock``), so a cron job, a
systemd timer and ``prohori schedule`` can all point at one database safely: a crawl that finds
the lock held exits with status 75 (EX_TEMPFAIL) and the scheduler logs a skip.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from crawler.store.lock import BUSY

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """``90s``, ``30m``, ``1h``, ``1d`` or ``1h30m`` -> seconds."""
    parts = re.fullmatch(r"(?:\d+(?:\.\d+)?[smhd])+", text.strip())
    if not parts:
        raise ValueError(f"{text!r} is not an interval: write e.g. 90s, 30m, 1h or 1h30m")
    return sum(float(n) * _UNITS[u] for n, u in re.findall(r"(\d+(?:\.\d+)?)([smhd])", text))


def _log(log: IO[str], message: str) -> None:
    line = f"{datetime.now(UTC).isoformat(timespec='seconds')} {message}"
    log.write(line + "\n")
    log.flush()
    print(line, flush=True)


def run_schedule(
    crawl_args: list[str], every: float, log_file: Path, runs: int | None = None
) -> int:
    """Start ``prohori crawl crawl_args`` every ``every`` seconds; returns the runs started."""
    started = 0
    with log_file.open("a", encoding="utf-8") as log:
        _log(log, f"schedule: every {every:g}s: prohori crawl {' '.join(crawl_args)}")
        while runs is None or started < runs:
            tick = time.monotonic()
            started += 1
            _log(log, f"run {started}: starting")
            result = subprocess.run(
                [sys.executable, "-m", "crawler", "crawl", *crawl_args],
                capture_output=True,
                text=True,
            )
            # The crawl's last line on stdout says what it did, or why it failed.
            last = result.stdout.strip().splitlines() or result.stderr.strip().splitlines()
            tail = last[-1] if last else "?"
            if result.returncode == BUSY:
                _log(log, f"run {started}: skipped, {tail}")
            elif result.returncode:
                _log(log, f"run {started}: failed (exit {result.returncode}): {tail}")
            else:
                summary = (result.stdout.strip().splitlines() or [""])[-1]
                _log(log, f"run {started}: done: {summary}")
            if runs is not None and started >= runs:
                break
            time.sleep(max(0.0, every - (time.monotonic() - tick)))
    return started
