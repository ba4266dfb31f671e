"""``prohori demo``: the mini-web, a crawl with a progress display, and the flagged stories."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from scrapy import signals

from crawler.miniweb import OUTLETS_DIR, MiniWeb
from crawler.monitor.status import flagged_stories, run_figures
from crawler.outlets import load_outlets
from crawler.runner import LOCAL_FAST, CrawlResult, run_crawl
from crawler.store import Storage
from crawler.store.lock import crawl_lock


def run_demo(db_path: str, log_level: str, console: Console) -> int:
    """Crawl the mini-web into ``db_path`` and show what was flagged; returns the exit status.

    Takes the same lock as ``prohori crawl`` (raises ``CrawlRunning`` when one runs)."""
    outlets = load_outlets(OUTLETS_DIR)
    with crawl_lock(db_path):
        try:
            result = _crawl(db_path, log_level, console, outlets)
        except KeyboardInterrupt:  # Ctrl+C before the crawl had its own handlers
            result = CrawlResult(None, None, {}, stopped_by=2)
    code, why = result.verdict()
    if result.stopped_by is not None:
        console.print(f"[bold red]Demo stopped[/] ({why})")
        return code
    storage = Storage(db_path)
    try:
        _report(storage, result, console)
    finally:
        storage.close()
    if why:
        console.print(f"[bold red]{why}[/]")
        return code
    _hints(console, db_path)
    return code


def _crawl(db_path: str, log_level: str, console: Console, outlets: list[Any]) -> CrawlResult:
    Storage(db_path).close()  # a database Prohori can use, before the mini-web starts
    with MiniWeb() as web:
        total_pages = len(web.article_urls())
        console.print(
            f"[bold]Mini-web[/] on {web.proxy_url}: {len(outlets)} outlets "
            f"({', '.join(o.domain for o in outlets)}), {total_pages} article pages."
        )
        progress = Progress(
            TextColumn("[bold blue]crawling"),
            BarColumn(),
            TextColumn("{task.completed} pages"),
            TextColumn(
                "{task.fields[kept]} kept · {task.fields[flagged]} flagged · "
                "{task.fields[dropped]} dropped"
            ),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        )
        task = progress.add_task("crawl", total=None, kept=0, flagged=0, dropped=0)
        counts = {"kept": 0, "flagged": 0, "dropped": 0}

        def on_response(**kwargs: Any) -> None:
            progress.advance(task)

        def on_item(item: Any, **kwargs: Any) -> None:
            counts["kept"] += 1
            counts["flagged"] += int(bool(getattr(item, "relevant", False)))
            progress.update(task, kept=counts["kept"], flagged=counts["flagged"])

        def on_drop(**kwargs: Any) -> None:
            counts["dropped"] += 1
            progress.update(task, dropped=counts["dropped"])

        logging.getLogger("scrapy").setLevel(log_level)
        with progress:
            return run_crawl(
                db_path,
                outlets,
                {
                    **LOCAL_FAST,
                    "LOG_LEVEL": log_level,
                    "PROHORI_MINIWEB": web.proxy_url,
                    "PROHORI_SEEDS_DIR": str(OUTLETS_DIR),
                    # Ctrl+C on a demo is the user's choice, not an anomaly to alert on.
                    "SPIDERMON_EXPECTED_FINISH_REASONS": ["finished", "shutdown"],
                },
                {
                    signals.response_received: on_response,
                    signals.item_scraped: on_item,
                    signals.item_dropped: on_drop,
                },
            )


def _report(storage: Storage, result: CrawlResult, console: Console) -> None:
    db = storage.db
    run = run_figures(db, result.run_id) if result.run_id is not None else None
    if run is None:
        return
    last = run.figures
    console.print(
        f"Run {run.id}: {last.requests} requests · {last.articles_new} new articles · "
        f"{last.articles_duplicate} syndicated copies · {last.skipped_known} already stored"
        f" (skipped) · dropped: "
        + (", ".join(f"{k} {v}" for k, v in sorted(last.dropped.items())) or "none")
    )
    stories = flagged_stories(db)
    table = Table(
        title=f"Flagged stories: Russia's military ties ({len(stories)})", show_lines=False
    )
    table.add_column("outlet")
    table.add_column("date")
    table.add_column("headline", overflow="fold")
    table.add_column("score", justify="right")
    for story in stories:
        outlet = story["outlet"] + (f" (+ {story['copies']})" if story["copies"] else "")
        table.add_row(
            outlet, (story["published"] or "")[:10], story["title"], f"{story['score']:.2f}"
        )
    console.print(table)


def _hints(console: Console, db_path: str) -> None:
    # After `make demo` the command lives in .venv/bin, not necessarily on PATH.
    script = Path(sys.argv[0])
    if shutil.which("prohori"):
        cmd = "prohori"
    elif script.name == "__main__.py":  # python -m crawler
        cmd = f"{os.path.relpath(sys.executable)} -m crawler"
    else:
        cmd = os.path.relpath(script)
    console.print("\n[bold]Go on:[/]")
    for line, what in (
        (f"{cmd} status --db {db_path}", "per-outlet health and run figures"),
        (f"{cmd} demo --db {db_path}", "run again: an incremental re-crawl"),
        (f"{cmd} users add me --db {db_path}", "an account for the review app"),
        (f"{cmd} serve --db {db_path}", "review, search, dashboard: http://127.0.0.1:8080/"),
        (f"{cmd} crawl --db news.db", "crawl the real outlets in seeds/"),
    ):
        console.print(f"  {line}", style="bold", end="")
        console.print(f"   # {what}", style="dim", soft_wrap=True)
