"""Exports researchers can cite: the Frictionless data package (validated with `frictionless`),
the datasheet's sections and facts, the relevance definition and CITATION.cff, review decisions
with pseudonyms, --no-text, --excel, WACZ, thread ids, and types that agree across formats and
with `prohori classify`."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from crawler.cli import main
from crawler.export.provenance import FROZEN_TEST, GUIDELINE_SHA256, run_ranges, sha256
from crawler.export.rows import FIELDS, TEXT_FIELDS
from tests.conftest import ROOT, prohori
from tests.research_fixture import add_research_rows, url

# frictionless and wacz's validator leave files open (their loaders' byte streams, the temporary
# folder wacz validates in): Python reports that as ResourceWarning, which filterwarnings=error
# would turn into a failure of the test that called them rather than of their code.
leaky = pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)


def export(db: Path, out: Path, *args: str) -> Any:
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def research_db(fresh_review_db: Path) -> Path:
    add_research_rows(fresh_review_db)
    return fresh_review_db


def read_rows(path: Path) -> list[dict[str, Any]]:
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))
    import pyarrow.parquet as pq

    return list(pq.read_table(path).to_pylist())


@leaky
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "warc", "wacz"])
def test_the_data_package_validates_with_frictionless(
    research_db: Path, tmp_path: Path, fmt: str
) -> None:
    import frictionless

    out = tmp_path / fmt
    export(research_db, out, "--format", fmt, "--include-duplicates")
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for key in ("name", "title", "version", "created", "licenses", "sources", "resources"):
        assert package[key], key
    assert {r["name"] for r in package["resources"]} >= {
        "reviews", "datasheet", "relevance-definition", "citation"
    }  # fmt: skip
    for resource in package["resources"]:  # every file described with its size and digest
        assert resource["hash"] == "sha256:" + sha256(out / resource["path"])
        assert resource["bytes"] == (out / resource["path"]).stat().st_size
    keys = {s["title"].rsplit("(", 1)[-1].rstrip(")") for s in package["sources"]}
    assert keys == {"barta-bazar", "dainik-alo", "khobor24", "sonar-desh", "bisakto"}
    if fmt in ("jsonl", "csv"):
        schema = package["resources"][0]["schema"]
        assert [f["name"] for f in schema["fields"]] == list(FIELDS)
        types = {f["name"]: f["type"] for f in schema["fields"]}
        assert types["published"] == "datetime" and types["relevant"] == "boolean"
        assert types["partners"] == "array" and types["score"] == "number"
        assert all(f["description"] for f in schema["fields"])
    # A changed file no longer validates: the digests are checked.
    changed = out / "CITATION.cff"
    changed.write_text(changed.read_text() + "# edited\n")
    assert not frictionless.validate(str(out / "datapackage.json")).valid


@leaky
def test_parquet_types_and_package(research_db: Path, tmp_path: Path) -> None:
    import frictionless
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "parquet"
    export(research_db, out, "--format", "parquet")
    schema = pq.read_schema(out / "articles.parquet")
    for name in ("published", "modified", "fetched_at", "reviewed_at"):
        assert schema.field(name).type == pa.timestamp("us", tz="UTC"), name
    assert schema.field("relevant").type == pa.bool_()
    assert schema.field("partners").type == pa.list_(pa.string())
    assert pq.read_schema(out / "reviews.parquet").field("decided_at").type.tz == "UTC"
    rows = {r["canonical_url"]: r for r in pq.read_table(out / "articles.parquet").to_pylist()}
    s1 = rows[url("s1")]
    assert s1["published"].isoformat() == "2025-01-05T03:00:00+00:00"  # 09:00 at +06:00
    assert s1["relevant"] is True and rows[url("u1")]["relevant"] is False
    # frictionless reads Parquet only with a plugin this project does not need: the
    # descriptor is checked, and its schema against the file's.
    package = frictionless.Package(str(out / "datapackage.json"))
    described = package.get_resource("articles").schema
    assert described.field_names == schema.names
    assert described.get_field("published").type == "datetime"


def test_types_agree_with_classify_and_csv_is_utf8(research_db: Path, tmp_path: Path) -> None:
    export(research_db, tmp_path / "j", "--format", "jsonl")
    export(research_db, tmp_path / "c", "--format", "csv")
    export(research_db, tmp_path / "x", "--format", "csv", "--excel")
    exported = {r["canonical_url"]: r for r in read_rows(tmp_path / "j" / "articles.jsonl")}
    assert exported[url("s1")]["relevant"] is True and exported[url("u1")]["relevant"] is False
    line = json.dumps({"id": "a", "title": "শিরোনাম", "text": "খবর"}, ensure_ascii=False)
    (tmp_path / "in.jsonl").write_text(line + "\n", encoding="utf-8")
    classified = json.loads(prohori("classify", "--input", str(tmp_path / "in.jsonl")).stdout)
    assert type(classified["relevant"]) is type(exported[url("s1")]["relevant"]) is bool
    plain = (tmp_path / "c" / "articles.csv").read_bytes()
    excel = (tmp_path / "x" / "articles.csv").read_bytes()
    assert not plain.startswith(b"\xef\xbb\xbf") and excel == b"\xef\xbb\xbf" + plain
    assert (tmp_path / "x" / "reviews.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "রাশিয়ার" in plain.decode("utf-8")
    package = json.loads((tmp_path / "x" / "datapackage.json").read_text())
    assert package["resources"][0]["encoding"] == "utf-8-sig"
    refused = CliRunner().invoke(
        main, ["export", "--db", str(research_db), "--out", str(tmp_path / "no"), "--format",
               "jsonl", "--excel"],
    )  # fmt: skip
    assert refused.exit_code == 2 and "--excel changes CSV files only" in refused.output


def test_the_datasheet_follows_datasheets_for_datasets(research_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    export(research_db, out, "--format", "csv")
    sheet = (out / "README.md").read_text(encoding="utf-8")
    for section in ("Motivation", "Composition", "Collection process",
                    "Preprocessing, cleaning and labelling", "Uses", "Distribution",
                    "Maintenance"):  # fmt: skip
        assert f"\n## {section}\n" in sheet, section
    conn = sqlite3.connect(research_db)
    runs = [r for (r,) in conn.execute("select distinct first_run from articles"
                                       " where first_run is not null order by 1")]  # fmt: skip
    started = conn.execute(
        f"select min(started) from crawl_runs where id in ({','.join(map(str, runs))})"
    ).fetchone()[0]
    feeds = [
        s
        for (s,) in conn.execute(
            "select distinct source_url from articles"
            " where outlet = 'dainik-alo' and source_url is not null"
        )
    ]
    conn.close()
    assert f"Crawl period: {started}" in sheet and f"crawl runs {run_ranges(runs)} " in sheet
    assert run_ranges([1, 2, 3, 5, 7, 8]) == "1–3, 5, 7–8"
    assert all(f"<{feed}>" in sheet for feed in feeds)
    assert "| dainik-alo | Dainik Alo | dainik-alo.test |" in sheet
    assert re.search(r"not kept, by reason: .*no_text \d+.*not_bengali \d+", sheet)
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()  # fmt: skip
    assert f"commit {head}" in sheet and "Prohori 0.1.0" in sheet
    assert "prohori-extract-" in sheet and "prohori-clf-5+" in sheet
    for kind, precision, recall in FROZEN_TEST["rows"]:
        assert f"| {kind} | {precision} | {recall} |" in sheet
    assert "### Fields" in sheet and "### Records" not in sheet
    assert all(f"| `{f}` |" in sheet for f in FIELDS)
    assert "`relevance-guideline.md` in this folder" in sheet


def test_the_frozen_figures_quoted_are_the_data_readmes() -> None:
    """The datasheet quotes the frozen test; a new run of it must update the quote."""
    readme = (ROOT / "crawler" / "classify" / "data" / "README.md").read_text(encoding="utf-8")
    run = readme[readme.index("## Frozen test runs") :]
    kinds = {"full text": "all (headline figures)", "headline + lead": "all",
             "headline only": "all"}  # fmt: skip
    for kind, precision, recall in FROZEN_TEST["rows"]:
        row = f"| {kinds[kind]} | {kind} | 691 | 20 |"
        line = next(x for x in run.splitlines() if x.startswith(row))
        assert f"| {precision} | {recall} |" in line, line
    assert str(FROZEN_TEST["run"]).split(",")[0] in run
    assert GUIDELINE_SHA256 in readme  # the definition the labels were made against


def test_warc_and_wacz_datasheets_describe_records(research_db: Path, tmp_path: Path) -> None:
    for fmt in ("warc", "wacz"):
        out = tmp_path / fmt
        export(research_db, out, "--format", fmt)
        sheet = (out / "README.md").read_text(encoding="utf-8")
        assert "### Records" in sheet and "### Fields" not in sheet and "| `text` |" not in sheet
        assert "`response`" in sheet and "WARC-Target-URI" in sheet
        assert ("ReplayWeb.page" in sheet) == (fmt == "wacz")
        assert (out / "reviews.csv").exists()


@leaky
def test_wacz_holds_the_archive_its_index_and_pages(research_db: Path, tmp_path: Path) -> None:
    from wacz.main import main as wacz_main

    out = tmp_path / "wacz"
    export(research_db, out, "--format", "wacz")
    assert wacz_main(["validate", "-f", str(out / "articles.wacz")]) == 0
    with zipfile.ZipFile(out / "articles.wacz") as archive:
        names = set(archive.namelist())
        assert {"archive/articles.warc.gz", "indexes/index.cdx.gz", "pages/pages.jsonl",
                "datapackage.json", "datapackage-digest.json"} <= names  # fmt: skip
        pages = [json.loads(x) for x in archive.read("pages/pages.jsonl").decode().splitlines()]
    conn = sqlite3.connect(research_db)
    stored = dict(
        conn.execute(
            "select url, title from articles where duplicate_of is null"
            " and canonical_url in (select canonical_url from raw_pages)"
        )
    )
    conn.close()
    listed = {p["url"]: p["title"] for p in pages[1:]}
    assert listed == stored and all(p.get("ts") for p in pages[1:])


def test_no_text_leaves_out_the_publishers_words(research_db: Path, tmp_path: Path) -> None:
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / fmt
        export(research_db, out, "--format", fmt, "--no-text")
        rows = read_rows(out / f"articles.{fmt}")
        assert rows and all(not set(TEXT_FIELDS) & set(r) for r in rows)
        assert set(rows[0]) == set(FIELDS) - set(TEXT_FIELDS)
        package = json.loads((out / "datapackage.json").read_text())
        names = [f["name"] for f in package["resources"][0]["schema"]["fields"]]
        assert "text" not in names and "evidence" not in names
        assert "No article text" in (out / "README.md").read_text(encoding="utf-8")
        assert "দুই দেশের কর্মকর্তারা" not in (out / f"articles.{fmt}").read_bytes().decode(
            "utf-8", "replace"
        )
    refused = CliRunner().invoke(
        main, ["export", "--db", str(research_db), "--out", str(tmp_path / "w"), "--format",
               "warc", "--no-text"],
    )  # fmt: skip
    assert refused.exit_code == 2 and "archived pages themselves" in refused.output
    assert not (tmp_path / "w").exists()


def test_review_decisions_with_notes_and_stable_pseudonyms(
    research_db: Path, tmp_path: Path
) -> None:
    export(research_db, tmp_path / "named", "--format", "jsonl", "--include-duplicates")
    named = read_rows(tmp_path / "named" / "reviews.jsonl")
    assert [(r["canonical_url"], r["decision"], r["reviewer"], r["note"]) for r in named] == [
        (url("s2"), "irrelevant", "rafiq", "note s2"),
        (url("u1"), "relevant", "rafiq", "note u1"),
    ]
    first, second = tmp_path / "p1", tmp_path / "p2"
    export(research_db, first, "--format", "jsonl", "--pseudonymise", "--include-duplicates")
    export(research_db, second, "--format", "csv", "--pseudonymise", "--include-duplicates")
    one, two = read_rows(first / "reviews.jsonl"), read_rows(second / "reviews.csv")
    assert [r["reviewer"] for r in one] == [r["reviewer"] for r in two]  # stable
    pseudonym = one[0]["reviewer"]
    assert re.fullmatch(r"reviewer-[0-9a-f]{10}", pseudonym) and pseudonym != "rafiq"
    assert [r["note"] for r in one] == ["note s2", "note u1"]
    for out in (first, second):
        text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in out.iterdir())
        assert "rafiq" not in text
    rows = {r["canonical_url"]: r for r in read_rows(first / "articles.jsonl")}
    assert rows[url("u1")]["reviewer"] == pseudonym and rows[url("u1")]["thread_id"] == "t1"
    assert rows[url("s1-copy")]["thread_id"] == "t1" and rows[url("s4")]["thread_id"] is None


def test_every_export_carries_the_definition_and_the_citation(
    crawled: dict[str, Any], tmp_path: Path
) -> None:
    export(crawled["db"], tmp_path / "e", "--format", "jsonl")
    guideline = tmp_path / "e" / "relevance-guideline.md"
    assert sha256(guideline) == GUIDELINE_SHA256
    assert guideline.read_text(encoding="utf-8").startswith("# What counts as a relevant story")
    citation = (tmp_path / "e" / "CITATION.cff").read_bytes()
    assert citation == (ROOT / "CITATION.cff").read_bytes()
    cff = yaml.safe_load(citation)
    for key in ("cff-version", "message", "title", "authors", "version", "license"):
        assert cff[key], key
    assert cff["cff-version"] == "1.2.0" and cff["version"] == "0.1.0"
