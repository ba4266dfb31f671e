"""The ``prohori`` command line (click). Every command's help ends with an example."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from crawler.outlets import SeedError, check_outlets, load_outlets
from crawler.store import DatabaseLocked, NotProhoriDatabase, Storage

# Piped into cron mail or a file, rich would wrap tables at 80 columns and cut dates and URLs.
console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True)


def _parse_set(values: tuple[str, ...]) -> dict[str, str]:
    result = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep:
            raise click.BadParameter(f"{value!r}: write NAME=VALUE", param_hint="-s")
        result[name.strip()] = setting
    return result


def _open(db: str, create: bool = True, timeout: float = 30.0) -> Storage:
    """The command's one storage on ``db`` (or a one-line error)."""
    try:
        return Storage(db, timeout=timeout, create=create)
    except (DatabaseLocked, FileNotFoundError, NotProhoriDatabase) as exc:
        raise click.ClickException(str(exc)) from exc


def _settings_or_exit(overrides: dict[str, Any]) -> Any:
    """Project settings with the overrides, checked: a bad value is a one-line error, exit 2,
    before anything is written."""
    from crawler.runner import EXIT_USAGE, project_settings
    from crawler.settings_check import SettingError, check_settings

    settings = project_settings(overrides)
    try:
        check_settings(settings)
    except SettingError as exc:
        click.echo(f"Error: {exc}")
        sys.exit(EXIT_USAGE)
    return settings


seeds_option = click.option(
    "--seeds",
    "seeds_dir",
    default="seeds",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder of outlet seed files.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="prohori")
def main() -> None:
    """Prohori (প্রহরী): crawl Bengali news, keep stories on Russia's military ties.

    \b
    Example:
        prohori demo                 # crawl the bundled offline mini-web
        prohori crawl --db news.db   # crawl the real outlets in seeds/
    """


@main.command()
@seeds_option
@click.option("--outlet", default=None, help="Crawl only this outlet (name, key or domain).")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
@click.option(
    "-s",
    "--set",
    "settings",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Scrapy or PROHORI_* setting (repeatable).",
)
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Backfill: also crawl the outlets' date archives from this day on.",
)
@click.option(
    "--until",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Last day of the backfill (default: today).",
)
@click.option(
    "--log-level",
    default="INFO",
    show_default=True,
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]),
)
def crawl(
    seeds_dir: str,
    outlet: str | None,
    db: str,
    settings: tuple[str, ...],
    log_level: str,
    since: Any,
    until: Any,
) -> None:
    """Crawl the outlets in the seed files into a database.

    Requests go through the proxy in the standard http_proxy / https_proxy environment
    variables when they are set (as behind an institutional proxy). The last line printed says
    what this run did, or why it failed.

    \b
    Exit status:
        0    the crawl finished and outlets answered
        1    the crawl failed: it raised, could not store what it fetched, or no outlet answered
        2    a bad option or setting (nothing was written)
        75   another crawl (or demo) is running on this database: try again later
        130  stopped by SIGINT (Ctrl+C), 143 by SIGTERM: what was stored is kept
    \b
    Example:
        prohori crawl --db news.db
        prohori crawl --outlet "Prothom Alo" --db news.db -s PROHORI_CONTACT=mailto:me@uni.edu
        prohori crawl --outlet jugantor --db news.db --since 2025-09-01 --until 2025-09-30
    """
    from crawler.runner import EXIT_BUSY, EXIT_FAILED, run_crawl
    from crawler.schedule import CrawlRunning, crawl_lock

    overrides: dict[str, Any] = {
        "LOG_LEVEL": log_level,
        "PROHORI_SEEDS_DIR": seeds_dir,
        **({"PROHORI_SINCE": since.date().isoformat()} if since else {}),
        **({"PROHORI_UNTIL": until.date().isoformat()} if until else {}),
        **_parse_set(settings),
    }
    project = _settings_or_exit(overrides)
    try:
        outlets = load_outlets(seeds_dir, outlet)
    except SeedError as exc:
        raise click.ClickException(str(exc)) from exc
    if project.get("PROHORI_MODEL"):
        usable_model(project.get("PROHORI_MODEL"), None)
    try:
        with crawl_lock(db):
            result = run_crawl(db, outlets, overrides)
    except CrawlRunning as exc:
        click.echo(f"Error: {exc}")
        sys.exit(EXIT_BUSY)
    except (DatabaseLocked, NotProhoriDatabase) as exc:
        click.echo(f"Error: {exc}")
        sys.exit(EXIT_FAILED)
    code, why = result.verdict()
    if result.run_id is not None:
        _print_run_summary(db, result.run_id)
    if why:
        click.echo(why)
    sys.exit(code)


@main.command()
@click.option(
    "--db",
    default="prohori-demo.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite database for the demo crawl.",
)
@click.option(
    "--log-level",
    default="WARNING",
    show_default=True,
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]),
)
def demo(db: str, log_level: str) -> None:
    """Crawl the bundled offline mini-web and show the flagged stories.

    Starts a local replay of four fictional Bengali outlets on 127.0.0.1, crawls them through
    the full pipeline and prints the stories flagged as Russia's military ties. Run it twice
    with the same --db to see an incremental re-crawl.

    \b
    Example:
        prohori demo
        prohori demo --db /tmp/demo.db
    """
    from crawler.demo import run_demo
    from crawler.runner import EXIT_BUSY
    from crawler.schedule import CrawlRunning

    try:
        code = run_demo(db, log_level, console)
    except CrawlRunning as exc:
        click.echo(f"Error: {exc}")
        sys.exit(EXIT_BUSY)
    except (DatabaseLocked, NotProhoriDatabase, SeedError) as exc:
        raise click.ClickException(str(exc)) from exc
    sys.exit(code)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--url", required=True, help="The page's URL (for links and the canonical URL).")
@click.option(
    "--timezone",
    default="Asia/Dhaka",
    show_default=True,
    help="Time zone for dates written without an offset.",
)
def extract(file: str, url: str, timezone: str) -> None:
    """Extract one saved page and print the article as one JSON object.

    \b
    Example:
        prohori extract saved/page.html --url https://www.prothomalo.com/world/abc123
    """
    from urllib.parse import urlsplit

    from w3lib.encoding import html_to_unicode

    from crawler.extraction import extract as run_extract
    from pipelines.language import detect_language

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        # The URL resolves relative links and gives the canonical URL: it must be the page's.
        raise click.BadParameter(f"{url!r} is not an http(s) address", param_hint="--url")
    raw = Path(file).read_bytes()
    if b"\x00" in raw[:4096]:
        raise click.ClickException(f"{file} is binary, not an HTML page")
    _, html = html_to_unicode(None, raw)
    if "<" not in html[:4096]:
        raise click.ClickException(f"{file} has no HTML markup: save the page itself")
    found = run_extract(html, url, timezone)
    language = detect_language(found.text)[0] if found.text else None
    record = {
        "url": url,
        "title": found.title,
        "published": found.published,
        "modified": found.modified,
        "authors": found.authors,
        "section": found.section,
        "canonical_url": found.canonical_url,
        "text": found.text,
        "language": language,
    }
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))


@main.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite database.")
@click.option("--json", "as_json", is_flag=True, help="Print runs and outlets as JSON.")
def status(db: str, as_json: bool) -> None:
    """Show each outlet's health and the figures of every crawl run.

    Exits with status 1 when an outlet that was crawled is unhealthy (handy for cron mail).

    \b
    Example:
        prohori status --db news.db
        prohori status --db news.db --json | jq '.outlets[] | {name, health}'
    """
    from crawler.classify.model import resolve_model
    from crawler.runner import project_settings
    from crawler.status import rules_from, verdict_models
    from crawler.status import status as read_status

    storage = _open(db, create=False)
    with storage.snapshot() as database:
        data = read_status(database, rules_from(project_settings()))
        threshold = project_settings().get("PROHORI_RELEVANCE_THRESHOLD")
        model = resolve_model(None, database)
        data["model"] = verdict_models(
            database, model.label_version(float(threshold) if threshold else None)
        )
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_status(data)
        if data["model"]["stale"]:
            console.print(
                f"[yellow]{data['model']['stale']} articles carry another model's verdict than "
                f"{data['model']['current']}: run prohori reclassify --db {db}[/]"
            )
    unhealthy = [o for o in data["outlets"] if o["health"] not in ("ok", "never crawled")]
    if unhealthy:
        sys.exit(1)


@main.command()
@seeds_option
@click.option("--check", is_flag=True, help="Validate every seed file and report each problem.")
@click.option("--json", "as_json", is_flag=True, help="Print the outlets as JSON.")
def outlets(seeds_dir: str, check: bool, as_json: bool) -> None:
    """List the outlets in the seed files, or validate them with --check.

    \b
    Example:
        prohori outlets
        prohori outlets --check --seeds seeds/
    """
    if check:
        results = check_outlets(seeds_dir)
        if not results:
            raise click.ClickException(f"{seeds_dir} holds no *.yaml seed files")
        for path, error in results:
            click.echo(f"{'ok   ' if error is None else 'ERROR'} {error or path}")
        bad = sum(1 for _, error in results if error)
        click.echo(f"{len(results) - bad} of {len(results)} seed files valid")
        if bad:
            sys.exit(1)
        return
    try:
        found = load_outlets(seeds_dir)
    except SeedError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "key": o.key,
                        "name": o.name,
                        "domain": o.domain,
                        "sources": [s.__dict__ for s in o.sources],
                        "render": o.render,
                        "verified": o.verified,
                    }
                    for o in found
                ],
                ensure_ascii=False,
            )
        )
        return
    table = Table(title=f"{len(found)} outlets in {seeds_dir}")
    for column in ("key", "name", "domain", "sources", "render", "verified"):
        table.add_column(column)
    for o in found:
        table.add_row(
            o.key,
            o.name,
            o.domain,
            ", ".join(sorted({s.type for s in o.sources})),
            "yes" if o.render else "",
            "yes" if o.verified else "no",
        )
    console.print(table)


def _print_run_summary(db: str, run_id: int) -> None:
    from crawler.status import run_figures

    storage = _open(db)
    try:
        run = run_figures(storage.db, run_id)
    finally:
        storage.close()
    if run is None:
        return
    console.print(
        f"run {run['id']}: {run['requests']} requests, {run['articles_new']} new articles, "
        f"{run['articles_duplicate']} copies, {run['flagged']} flagged, "
        f"dropped {run['dropped'] or 'none'}, {run['skipped_known']} known URLs skipped"
    )


def _print_status(data: dict[str, Any]) -> None:
    table = Table(title="Outlet health")
    for column in ("outlet", "health", "last run", "articles", "flagged", "newest"):
        table.add_column(column)
    for o in data["outlets"]:
        style = "green" if o["health"] == "ok" else "red"
        table.add_row(
            o["name"],
            f"[{style}]{o['health']}[/]",
            str(o["last_run"] or "-"),
            str(o["articles"]),
            str(o["flagged"]),
            (o["newest_published"] or "-")[:10],
        )
    console.print(table)
    runs_table = Table(title="Crawl runs")
    for column in ("run", "started", "finish", "requests", "new", "copies", "flagged", "dropped"):
        runs_table.add_column(column)
    for r in data["runs"][-10:]:
        runs_table.add_row(
            str(r["id"]),
            (r["started"] or "")[:19],
            str(r["finish_reason"]),
            str(r["requests"]),
            str(r["articles_new"]),
            str(r["articles_duplicate"]),
            str(r["flagged"]),
            ", ".join(f"{k} {v}" for k, v in sorted(r["dropped"].items())) or "-",
        )
    console.print(runs_table)


# Model commands live in their own module; registered here so that `prohori` is one group.
from crawler.cli_corpus import clusters, export  # noqa: E402
from crawler.cli_model import classify, reclassify, train, usable_model  # noqa: E402
from crawler.cli_schedule import schedule  # noqa: E402

main.add_command(classify)
main.add_command(train)
main.add_command(reclassify)
main.add_command(clusters)
main.add_command(export)
main.add_command(schedule)

from crawler.cli_review import serve, users  # noqa: E402

main.add_command(serve)
main.add_command(users)
