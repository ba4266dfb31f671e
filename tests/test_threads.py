"""Story threads: filed as articles arrive, kept across restarts, rebuilt from the database the
same; ``prohori threads``; the dedup benchmark's contract line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from crawler.cli import main
from crawler.dedup.refill import rebuild
from crawler.items import Article
from crawler.store import Storage
from tests.conftest import ROOT
from tests.test_dedup import Stages


def _items(rows: list[dict[str, Any]]) -> list[Article]:
    """The crawled articles as the dedup stage met them, in publication order."""
    ordered = sorted(rows, key=lambda r: (r["published"] or "", r["canonical_url"]))
    items = []
    for r in ordered:
        item = Article(url=r["canonical_url"], outlet=r["outlet"], html="", text=r["text"])
        item.title, item.published, item.fetched_at = r["title"], r["published"], r["fetched_at"]
        items.append(item)
    return items


def _threads(db: Path) -> set[frozenset[str]]:
    storage = Storage(db, create=False)
    rows = storage.conn.execute("select thread_id, canonical_url from articles").fetchall()
    storage.close()
    found: dict[str, set[str]] = {}
    for thread, url in rows:
        assert thread is not None
        found.setdefault(thread, set()).add(url)
    return {frozenset(urls) for urls in found.values()}


def _named(db: Path) -> dict[str, str]:
    storage = Storage(db, create=False)
    rows = dict(storage.conn.execute("select canonical_url, thread_id from articles"))
    storage.close()
    return rows


@pytest.fixture(scope="module")
def filed(crawled: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The crawled articles filed twice: in one run, and in two with a restart between."""
    items = _items(crawled["first"])
    base = tmp_path_factory.mktemp("threads")
    once = Stages(base / "once.db")
    for item in _items(crawled["first"]):
        once(item)
    once.close()
    first = Stages(base / "twice.db")
    for item in items[: len(items) // 2]:
        first(item)
    first.close()  # the process ends: storage and index closed
    second = Stages(base / "twice.db")
    for item in items[len(items) // 2 :]:
        second(item)
    second.close()
    return {"once": base / "once.db", "twice": base / "twice.db"}


def test_threads_group_several_outlets(filed: dict[str, Path], crawled: dict[str, Any]) -> None:
    threads = _threads(filed["once"])
    outlet = {r["canonical_url"]: r["outlet"] for r in crawled["first"]}
    multi = [t for t in threads if len(t) > 1]
    assert multi and any(len({outlet[u] for u in t}) > 1 for t in multi)


def test_threads_survive_a_restart(filed: dict[str, Path]) -> None:
    assert _named(filed["twice"]) == _named(filed["once"])


def test_rebuild_gives_the_same_threads(filed: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    source = Storage(filed["once"], create=False)
    target = Storage(db)
    source.conn.backup(target.conn)
    source.close()
    before = _named(db)
    target.conn.execute("update articles set thread_id = 'scrambled'")
    target.conn.commit()
    assert rebuild(target) == len(before)
    summary = target.conn.execute("select count(*), sum(articles) from threads").fetchone()
    target.close()
    assert _named(db) == before
    assert summary == (len(set(before.values())), len(before))


def _cli(db: Path, *args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["threads", "--db", str(db), "--json", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_threads_command_contract(crawled: dict[str, Any]) -> None:
    found = _cli(crawled["db"])
    assert found
    rows = {r["url"]: r for r in crawled["second"]}
    for thread in found:
        assert set(thread) == {"thread_id", "first_url", "members"}
        assert len(thread["members"]) > 1
        for member in thread["members"]:
            assert set(member) == {"url", "outlet", "published", "cluster_id"}
            assert rows[member["url"]]["thread_id"] == thread["thread_id"]
        dated = [m["published"] for m in thread["members"] if m["published"]]
        assert thread["first_url"] == thread["members"][0]["url"]
        assert thread["members"][0]["published"] == min(dated)
    everything = _cli(crawled["db"], "--all")
    assert len(everything) == len({r["thread_id"] for r in crawled["second"]}) > len(found)


def test_threads_since_and_partner(crawled: dict[str, Any]) -> None:
    everything = _cli(crawled["db"], "--all")
    recent = _cli(crawled["db"], "--all", "--since", "2025-01-01")
    assert 0 < len(recent) < len(everything)
    for thread in recent:
        assert any((m["published"] or "") >= "2025-01-01" for m in thread["members"])
    partners = {p for r in crawled["second"] for p in json.loads(r["partners"])}
    partner = sorted(partners)[0]
    named = {r["thread_id"] for r in crawled["second"] if partner in json.loads(r["partners"])}
    chosen = _cli(crawled["db"], "--all", "--partner", partner.lower())
    assert {t["thread_id"] for t in chosen} == named
    bad = CliRunner().invoke(main, ["threads", "--db", str(crawled["db"]), "--partner", "Mars"])
    assert bad.exit_code != 0 and "partner" in bad.output


def test_threads_table(crawled: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["threads", "--db", str(crawled["db"])])
    assert result.exit_code == 0 and "threads" in result.output


def test_dedup_benchmark_contract_line() -> None:
    """A small run: the figures are not the contract's, the line's keys are."""
    from benchmarks import CONTRACTS

    result = subprocess.run(
        [sys.executable, "benchmarks/dedup.py", "--size", "2000", "--texts", "20",
         "--real-limit", "2000"],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=600,
    )  # fmt: skip
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith("dedup: ")
    keys = [part.split("=")[0] for part in lines[-1].removeprefix("dedup: ").split()]
    assert tuple(keys) == CONTRACTS["dedup"]
    assert all(float(part.split("=")[1]) >= 0 for part in lines[-1].split()[1:])
    assert "not 1M" in result.stdout and "synthetic set" in result.stdout
