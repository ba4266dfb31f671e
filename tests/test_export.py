"""Research exports: formats, filters, datasheet and a manifest that sha256sum accepts."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from crawler.cli import main
from crawler.export import FIELDS


def _export(db: Path, out: Path, *args: str) -> None:
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    for line in (out / "MANIFEST").read_text().splitlines():  # what `sha256sum -c` checks
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    assert "## Composition" in (out / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_each_format_holds_every_canonical_article(
    crawled: dict[str, Any], tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / fmt
    _export(crawled["db"], out, "--format", fmt)
    path = out / f"articles.{fmt}"
    if fmt == "jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    elif fmt == "csv":
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        for row in rows:
            row["partners"] = json.loads(row["partners"])
    else:
        import pyarrow.parquet as pq

        rows = pq.read_table(path).to_pylist()
    canonical = [r for r in crawled["first"] if not r["duplicate_of"]]
    assert len(rows) == len(canonical)
    assert list(rows[0]) == list(FIELDS)
    by_url = {r["canonical_url"]: r for r in canonical}
    for row in rows:
        stored = by_url[row["canonical_url"]]
        published = row["published"]
        if fmt == "parquet":  # a timestamp: the same instant as the stored ISO 8601 time
            assert published == datetime.fromisoformat(stored["published"])
        else:
            assert published == stored["published"]
        assert row["text"] == stored["text"]
    flagged = [r for r in rows if r["relevant"] in (True, "true")]  # CSV: true / false
    assert len(flagged) == 5 and all(r["partners"] for r in flagged)
    assert {r["relevant"] for r in rows} == ({"true", "false"} if fmt == "csv" else {True, False})


def test_filters(crawled: dict[str, Any], tmp_path: Path) -> None:
    def count(*args: str) -> int:
        out = tmp_path / str(abs(hash(args)))
        _export(crawled["db"], out, "--format", "jsonl", *args)
        return len((out / "articles.jsonl").read_text(encoding="utf-8").splitlines())

    everything = count("--include-duplicates")
    assert everything == len(crawled["first"])
    assert count() == everything - 2  # the two syndicated copies
    assert count("--partner", "Syria", "--include-duplicates") == 2  # the story and its copy
    assert count("--outlet", "khobor24") == sum(
        1 for r in crawled["first"] if r["outlet"] == "khobor24" and not r["duplicate_of"]
    )
    assert count("--since", "2025-01-01", "--until", "2025-12-31") == sum(
        1
        for r in crawled["first"]
        if "2025-01-01" <= r["published"][:10] <= "2025-12-31" and not r["duplicate_of"]
    )
    assert count("--reviewed-only") == 0


def test_warc_holds_the_raw_pages_and_re_extracts_to_the_stored_text(
    crawled: dict[str, Any], tmp_path: Path
) -> None:
    from warcio.archiveiterator import ArchiveIterator

    from crawler.text.extraction import extract
    from crawler.text.pages import decode

    out = tmp_path / "warc"
    _export(crawled["db"], out, "--format", "warc", "--include-duplicates")
    stored = {row["url"]: row for row in crawled["first"]}
    responses, requests = 0, 0
    with (out / "articles.warc.gz").open("rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type == "request":
                requests += 1
                continue
            if record.rec_type != "response":
                continue
            responses += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            content_type = record.http_headers.get_header("Content-Type") or ""
            charset = content_type.split("charset=")[-1] if "charset=" in content_type else None
            html = decode(record.content_stream().read(), charset)
            found = extract(html, url)
            assert found.text == stored[url]["text"], url
    assert responses == requests == len(stored)


def test_review_decisions_reach_the_syndicated_copies(
    crawled: dict[str, Any], tmp_path: Path
) -> None:
    import sqlite3

    db = tmp_path / "reviewed.db"
    source, target = sqlite3.connect(crawled["db"]), sqlite3.connect(db)
    source.backup(target)
    source.close()
    copies = target.execute(
        "select canonical_url, duplicate_of from articles where duplicate_of is not null"
    ).fetchall()
    (copy, story), (other_copy, other_story) = sorted(copies)
    target.executemany(
        "insert into reviews (canonical_url, decision, reviewer, decided_at) values (?, ?, ?, ?)",
        [
            (story, "relevant", "amina", "2026-11-23T10:00:00+00:00"),
            (other_story, "irrelevant", "amina", "2026-11-23T10:01:00+00:00"),
            (other_copy, "relevant", "rafiq", "2026-11-23T10:02:00+00:00"),  # its own review
            (story, "skip", "rafiq", "2026-11-23T10:03:00+00:00"),  # a skip is no decision
        ],
    )
    target.commit()
    target.close()
    out = tmp_path / "out"
    _export(db, out, "--format", "jsonl", "--include-duplicates", "--reviewed-only")
    rows = {
        r["canonical_url"]: (r["review_decision"], r["reviewer"])
        for r in map(json.loads, (out / "articles.jsonl").read_text("utf-8").splitlines())
    }
    assert rows == {
        story: ("relevant", "amina"),
        copy: ("relevant", "amina"),  # inherited from its canonical story
        other_story: ("irrelevant", "amina"),
        other_copy: ("relevant", "rafiq"),  # reviewed itself
    }


def test_an_export_never_mixes_with_what_is_in_its_folder(
    crawled: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "corpus"
    _export(crawled["db"], out, "--format", "jsonl")

    def run(*args: str) -> Any:
        return CliRunner().invoke(main, ["export", "--db", str(crawled["db"]), "--out", *args])

    again = run(str(out), "--format", "parquet", "--outlet", "khobor24")
    assert again.exit_code != 0 and "not empty" in again.output and "--overwrite" in again.output
    common = ["CITATION.cff", "MANIFEST", "README.md", "datapackage.json",
              "relevance-guideline.md"]  # fmt: skip
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*common, "articles.jsonl", "reviews.jsonl"]
    )
    replaced = run(str(out), "--format", "parquet", "--outlet", "Khobor24.test", "--overwrite")
    assert replaced.exit_code == 0, replaced.output
    files = sorted([*common, "articles.parquet", "reviews.parquet"])
    assert sorted(p.name for p in out.iterdir()) == files
    assert [line.split("  ")[1] for line in (out / "MANIFEST").read_text().splitlines()] == [
        f for f in files if f != "MANIFEST"
    ]
    assert "Filters: outlet = khobor24." in (out / "README.md").read_text(encoding="utf-8")
    (out / "notes.txt").write_text("mine")
    foreign = run(str(out), "--format", "csv", "--overwrite")
    assert foreign.exit_code != 0 and "notes.txt" in foreign.output
    assert (out / "notes.txt").read_text() == "mine" and (out / "articles.parquet").exists()


def test_export_filters_are_checked(crawled: dict[str, Any], tmp_path: Path) -> None:
    def run(*args: str) -> Any:
        out = str(tmp_path / str(abs(hash(args))))
        return CliRunner().invoke(
            main, ["export", "--db", str(crawled["db"]), "--out", out, "--format", "jsonl", *args]
        )

    assert "no outlet 'Nowhere'" in run("--outlet", "Nowhere").output
    assert "not a partner name" in run("--partner", "Atlantis").output
    assert (
        "--since is after --until" in run("--since", "2025-12-31", "--until", "2025-01-01").output
    )
    same = [run("--partner", p).output.split(" ")[0] for p in ("Iraq", "iraq", "IRAQ")]
    assert same[0] == same[1] == same[2] and int(same[0]) >= 1
    by_name = run("--outlet", "Khobor24.test").output
    assert by_name.split(" ")[0] == run("--outlet", "khobor24").output.split(" ")[0]
    empty = CliRunner().invoke(
        main,
        ["export", "--db", str(crawled["db"]), "--out", str(tmp_path / "none"), "--format",
         "jsonl", "--since", "2030-01-01"],
    )  # fmt: skip
    assert empty.exit_code == 0 and "0 articles" in empty.output
    assert "no article matches" in empty.output
