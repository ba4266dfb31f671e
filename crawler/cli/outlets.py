"""``prohori outlets`` and ``prohori extract``: the seed files, and one saved page."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.table import Table

from crawler.cli.common import console, seeds_option
from crawler.outlets import SeedError, check_outlets, load_outlets


@click.command()
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
