"""``prohori outlets`` and ``prohori extract``: the seed files, and one saved page."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from crawler.cli.common import console, parse_set, seeds_option, set_option, settings_or_exit
from crawler.outlets import SeedError, check_outlets, load_outlets


@click.group(invoke_without_command=True)
@seeds_option
@click.option("--check", is_flag=True, help="Validate every seed file and report each problem.")
@click.option("--json", "as_json", is_flag=True, help="Print the outlets as JSON.")
@click.pass_context
def outlets(ctx: click.Context, seeds_dir: str, check: bool, as_json: bool) -> None:
    """List the outlets in the seed files, validate them (--check), or check them against the
    live sites (verify).

    --check also reports a source without evidence (when the file lists evidence) and sample
    URLs that allow/deny misjudge.

    \b
    Example:
        prohori outlets
        prohori outlets --check --seeds seeds/
        prohori outlets verify --outlet jugantor
    """
    if ctx.invoked_subcommand is not None:
        return
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
                        "sources": [dict(s.__dict__, headers=dict(s.headers)) for s in o.sources],
                        "render": o.render,
                        "fetch": o.fetch,
                        "verified": o.verified,
                        "verified_on": o.verified_on,
                        "evidence": len(o.evidence),
                    }
                    for o in found
                ],
                ensure_ascii=False,
            )
        )
        return
    table = Table(title=f"{len(found)} outlets in {seeds_dir}")
    for column in ("key", "name", "domain", "sources", "fetch", "evidence", "verified"):
        table.add_column(column)
    for o in found:
        table.add_row(
            o.key,
            o.name,
            o.domain,
            ", ".join(sorted({s.type for s in o.sources})),
            "render" if o.render else o.fetch,
            str(len(o.evidence)),
            o.verified_on or "yes" if o.verified else "no",
        )
    console.print(table)


@outlets.command("verify")
@seeds_option
@click.option("--outlet", default=None, help="Only this outlet (name, key or domain).")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per outlet.")
@click.option(
    "--write",
    is_flag=True,
    help="Record the verdict in the seed files (verified, verified_on), comments kept.",
)
@set_option()
def verify_command(
    seeds_dir: str, outlet: str | None, as_json: bool, write: bool, settings: tuple[str, ...]
) -> None:
    """Fetch every source of each outlet live and report what works.

    Per source: HTTP status, links found, links that pass allow/deny, and what is wrong; per
    outlet, one article fetched and extracted (title, date, length). An outlet is ok when every
    source answers and an article extracts with a date. Requests use the crawl's politeness,
    User-Agent (set PROHORI_CONTACT) and bot-wall handling, and the proxy in http_proxy /
    https_proxy. Exit status 0 when every outlet is ok, 1 otherwise.

    \b
    Example:
        prohori outlets verify --outlet "Prothom Alo"
        prohori outlets verify --json -s PROHORI_CONTACT=mailto:me@uni.edu > verify.jsonl
        prohori outlets verify --write     # then review and commit the seed files
    """
    from datetime import date

    from crawler.fetch.verify import verify, write_verdict

    try:
        chosen = load_outlets(seeds_dir, outlet)
    except SeedError as exc:
        raise click.ClickException(str(exc)) from exc
    overrides = {"PROHORI_SEEDS_DIR": seeds_dir, "LOG_LEVEL": "WARNING", **parse_set(settings)}
    results = verify(chosen, settings_or_exit(overrides))
    for found, result in zip(chosen, results, strict=True):
        if as_json:
            click.echo(json.dumps(result.as_dict(), ensure_ascii=False))
        else:
            _print_check(found.name, result)
        if write:
            write_verdict(found.path, result.ok, date.today().isoformat())
    good = sum(r.ok for r in results)
    if not as_json:
        click.echo(f"{good} of {len(results)} outlets ok")
    sys.exit(0 if good == len(results) else 1)


def _print_check(name: str, result: Any) -> None:
    mark = "[green]ok[/]" if result.ok else "[red]FAIL[/]"
    console.print(f"{mark} [bold]{name}[/]")
    for s in result.sources:
        problem = f"  [red]{s.problem}[/]" if s.problem else ""
        console.print(
            f"    {s.type:13} {s.status or '-':>4} links {s.links:>4}, articles {s.articles:>4}"
            f"  {s.url}{problem}",
            soft_wrap=True,
        )
    sample = result.sample or {}
    if sample:
        console.print(
            f"    article: {sample.get('title') or sample.get('problem') or '-'} | "
            f"{sample.get('published') or 'no date'} | {sample.get('chars', 0)} characters",
            soft_wrap=True,
        )


@click.command()
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

    from crawler.text.extraction import extract as run_extract
    from crawler.text.language import detect_language

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
