"""``datapackage.json``: the export as a Frictionless Data Package (v1), so tools can read its
tables with their types and check its files: every field's name, type and meaning, each file's
size and sha256, the licences, the outlets as sources, when and by which version it was made.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from crawler.export.provenance import Collection, sha256
from crawler.export.reviews import REVIEW_FIELDS, REVIEW_TYPES
from crawler.export.rows import FIELDS, TYPES, Filters

# Prohori's own contributions (labels, scores, review decisions, the rows' structure) may be
# reused with attribution; the articles' texts and pages stay their publishers'.
LICENCES = [
    {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0: Prohori's labels, scores, review decisions "
        "and metadata",
    },
    {
        "name": "LicenseRef-publishers-copyright",
        "title": "Article texts, headlines and archived pages: copyright of their publishers, "
        "copied for research; not licensed for redistribution",
    },
]
MEDIA = {
    "jsonl": ("jsonl", "application/jsonl"),
    "csv": ("csv", "text/csv"),
    "parquet": ("parquet", "application/vnd.apache.parquet"),
    "warc": ("warc", "application/warc"),
    "wacz": ("wacz", "application/wacz"),
    "md": ("md", "text/markdown"),
    "cff": ("cff", "application/x-yaml"),
}


def _schema(fields: list[str], meanings: dict[str, str], types: dict[str, str]) -> dict[str, Any]:
    described = []
    for name in fields:
        field: dict[str, Any] = {
            "name": name,
            "type": types.get(name, "string"),
            "description": meanings[name],
        }
        if field["type"] == "boolean":
            field["trueValues"], field["falseValues"] = ["true"], ["false"]
        described.append(field)
    return {"fields": described, "missingValues": [""]}


def _file(path: Path, name: str, kind: str, title: str) -> dict[str, Any]:
    fmt, mediatype = MEDIA[kind]
    return {
        "name": name,
        "path": path.name,
        "title": title,
        "format": fmt,
        "mediatype": mediatype,
        "bytes": path.stat().st_size,
        "hash": "sha256:" + sha256(path),
    }


def _table(path: Path, name: str, fmt: str, schema: dict[str, Any], excel: bool) -> dict[str, Any]:
    title = {"articles": "Articles, one row each", "reviews": "Review decisions with notes"}[name]
    resource = _file(path, name, fmt, title)
    resource["profile"] = "tabular-data-resource"
    resource["schema"] = schema
    if fmt in ("csv", "jsonl"):
        resource["encoding"] = "utf-8-sig" if excel and fmt == "csv" else "utf-8"
    return resource


def descriptor(
    out: Path,
    data: Path,
    fmt: str,
    reviews: Path,
    fields: list[str],
    filters: Filters,
    facts: Collection,
    software: dict[str, str],
    created: datetime,
    excel: bool,
) -> dict[str, Any]:
    """The datapackage.json of an export folder whose files are written (they are hashed)."""
    review_fmt = reviews.suffix.lstrip(".")
    resources = [
        _table(data, "articles", fmt, _schema(fields, FIELDS, TYPES), excel)
        if fmt in ("jsonl", "csv", "parquet")
        else _file(
            data,
            "archive",
            fmt,
            "The pages the articles were extracted from: WARC request and response records"
            + (", with index and pages list (WACZ)" if fmt == "wacz" else ""),
        ),
        _table(
            reviews,
            "reviews",
            review_fmt,
            _schema(list(REVIEW_FIELDS), REVIEW_FIELDS, REVIEW_TYPES),
            excel,
        ),
        _file(out / "README.md", "datasheet", "md", "Datasheet (Datasheets for Datasets)"),
        _file(
            out / "relevance-guideline.md",
            "relevance-definition",
            "md",
            "What counts as a relevant story: the definition the labels follow",
        ),
        _file(out / "CITATION.cff", "citation", "cff", "How to cite (Citation File Format)"),
    ]
    if fmt in ("jsonl", "csv", "parquet"):
        resources[0]["schema"]["primaryKey"] = ["canonical_url"]
    chosen = {k: v for k, v in vars(filters).items() if v not in (None, False)}
    return {
        "profile": "data-package",
        "name": "prohori-corpus",
        "title": "Prohori corpus: Bengali news stories, flagged for Russia's military ties",
        "description": "Bengali news articles crawled by Prohori with provenance, syndication "
        "clusters, story threads, classifier labels and review decisions. Filters: "
        + (json.dumps(chosen, ensure_ascii=False) if chosen else "none")
        + ". See README.md (the datasheet) and relevance-guideline.md.",
        "version": software["version"],
        "created": created.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "homepage": "",
        "keywords": ["Bengali", "news", "Russia", "military relations", "corpus"],
        "licenses": LICENCES,
        "contributors": [{"title": "The Prohori maintainers", "role": "author"}],
        "sources": [
            {"title": f"{o.name} ({o.key})", "path": f"https://{o.domain}/" if o.domain else ""}
            for o in facts.outlets
        ],
        "prohori": {
            "software_version": software["version"],
            "commit": software["commit"],
            "crawl_runs": facts.runs,
            "crawl_started": facts.started,
            "crawl_finished": facts.finished,
            "extraction_versions": facts.extraction_versions,
            "model_versions": facts.model_versions,
            "filters": chosen,
        },
        "resources": resources,
    }


def write(path: Path, package: dict[str, Any]) -> None:
    package = {k: v for k, v in package.items() if v != ""}
    for source in package["sources"]:
        if not source["path"]:
            del source["path"]
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
