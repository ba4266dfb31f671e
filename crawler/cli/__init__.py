"""The ``prohori`` command line (click): one group, its commands in one module per group.

Every command's help ends with an example; helpers shared by the commands live in
``crawler.cli.common``, below every command module (nothing imports this package back).
"""

from __future__ import annotations

import click

from crawler.cli.corpus import clusters, export, threads
from crawler.cli.crawl import crawl, demo
from crawler.cli.model import classify, reclassify, train
from crawler.cli.monitor import schedule, status
from crawler.cli.outlets import extract, outlets
from crawler.cli.review import serve, users
from crawler.cli.scale import ingest, worker


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="prohori")
def main() -> None:
    """Prohori (প্রহরী): crawl Bengali news, keep stories on Russia's military ties.

    \b
    Example:
        prohori demo                 # crawl the bundled offline mini-web
        prohori crawl --db news.db   # crawl the real outlets in seeds/
    """


for command in (crawl, demo, extract, status, outlets, clusters, threads, schedule, export,
                classify, serve, users, train, reclassify, worker, ingest):  # fmt: skip
    main.add_command(command)
