"""The command line: help with examples, extract, status, and clear errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from crawler.cli import main
from crawler.miniweb import MiniWeb
from crawler.store import DatabaseLocked, Storage
from tests.conftest import prohori

COMMANDS = sorted(main.commands)
# Sub-commands of groups too ("users add", ...).
EVERY = [
    *COMMANDS,
    *(
        f"{name} {sub}"
        for name, command in main.commands.items()
        if isinstance(command, click.Group)
        for sub in command.commands
    ),
]


@pytest.mark.parametrize("command", EVERY)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [*command.split(), "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"prohori {command}" in result.output


def test_required_commands_exist() -> None:
    assert {"crawl", "demo", "extract", "status", "outlets"} <= set(COMMANDS)


def test_extract_prints_the_article_as_json(miniweb: MiniWeb, tmp_path: Path) -> None:
    site = miniweb.sites["dainik-alo.test"]
    story = next(s for s in site.stories if s["label"] == "relevant")
    page = tmp_path / "page.html"
    page.write_bytes(site.route(site.path_of(story), {}).body)  # type: ignore[union-attr]
    result = CliRunner().invoke(main, ["extract", str(page), "--url", site.url_of(story)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    for key in (
        "url",
        "title",
        "published",
        "modified",
        "authors",
        "section",
        "canonical_url",
        "text",
        "language",
    ):
        assert key in record
    assert record["url"] == site.url_of(story)
    assert record["published"] == story["published"]
    assert record["language"] == "bn"
    assert record["title"] == story["title"]
    assert story["paragraphs"][-1][:30] in record["text"]
    for other in site.latest(story):  # the "latest" sidebar is not the story
        assert other["title"] not in record["text"]


def test_extract_refuses_binary_files(tmp_path: Path) -> None:
    blob = tmp_path / "image.bin"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = CliRunner().invoke(main, ["extract", str(blob), "--url", "http://x.test/a"])
    assert result.exit_code != 0
    assert "binary" in result.output


def test_extract_checks_the_url_and_the_markup(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><h1>শিরোনাম</h1><p>লেখা</p></body></html>", encoding="utf-8")
    bad_url = CliRunner().invoke(main, ["extract", str(page), "--url", "notaurl"])
    assert bad_url.exit_code != 0 and "not an http(s) address" in bad_url.output
    lines = tmp_path / "stories.jsonl"
    lines.write_text('{"id": 1, "title": "x"}\n')
    not_html = CliRunner().invoke(main, ["extract", str(lines), "--url", "http://x.test/a"])
    assert not_html.exit_code != 0 and "no HTML markup" in not_html.output


def test_status_json_has_the_contract_keys(crawled: dict[str, Any]) -> None:
    data = crawled["status"]
    assert [r["id"] for r in data["runs"]] == sorted(r["id"] for r in data["runs"])
    for run in data["runs"]:
        for key in ("requests", "articles_new", "articles_duplicate", "dropped", "flagged"):
            assert key in run
        assert isinstance(run["dropped"], dict)
    for outlet in data["outlets"]:
        assert {"name", "health"} <= set(outlet)


def test_status_table_and_exit_code(crawled: dict[str, Any]) -> None:
    result = prohori("status", "--db", str(crawled["db"]))
    assert "Outlet health" in result.stdout and "Dainik Alo" in result.stdout


def test_status_on_a_missing_database_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["status", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert "no database" in result.output and "prohori crawl" in result.output
    assert not (tmp_path / "none.db").exists()


def test_locked_database_gives_a_clear_error(tmp_path: Path) -> None:
    db_path = tmp_path / "locked.db"
    Storage(db_path).close()
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        storage = Storage(db_path, timeout=0.2)
        with pytest.raises(DatabaseLocked, match="locked by another process"), storage.write():
            pass
        result = prohori(
            "crawl",
            "--seeds",
            "seeds",
            "--db",
            str(db_path),
            "-s",
            "PROHORI_DB_TIMEOUT=0.2",
            check=False,
        )
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 1
    assert "locked by another process" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["text", "empty", "foreign", "folder"])
def test_a_file_that_is_not_a_prohori_database_is_refused_untouched(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "other.db"
    if kind == "text":
        path.write_text("id,title\n1,hello\n")
    elif kind == "empty":
        path.touch()
    elif kind == "foreign":
        conn = sqlite3.connect(path)
        conn.execute("create table notes (id integer primary key, body text)")
        conn.execute("insert into notes (body) values ('mine')")
        conn.commit()
        conn.close()
    else:
        path.mkdir()
    before = path.read_bytes() if path.is_file() else None
    commands = [
        ["status", "--db", str(path)],
        ["clusters", "--db", str(path)],
        ["export", "--db", str(path), "--format", "jsonl", "--out", str(tmp_path / "out")],
        ["reclassify", "--db", str(path)],
        ["users", "list", "--db", str(path)],
    ]
    if kind != "empty":  # an empty file is a fine place for a crawl to start a database
        commands.append(["crawl", "--db", str(path), "--outlet", "jugantor"])
    for args in commands:
        result = CliRunner().invoke(main, args)
        assert result.exit_code != 0, args
        assert isinstance(result.exception, SystemExit), (args, result.exception)
        assert "database" in result.output or "directory" in result.output, result.output
    if before is not None:
        assert path.read_bytes() == before  # nothing written into someone else's file
    assert not (tmp_path / "out").exists()


def test_a_refused_password_leaves_no_database_behind(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    result = CliRunner().invoke(
        main, ["users", "add", "amina", "--db", str(db), "--password-stdin"], input="short\n"
    )
    assert result.exit_code != 0 and "password" in result.output
    assert not db.exists()
