"""The datasheet (README.md) written beside every export, following "Datasheets for Datasets"
(Gebru et al., Communications of the ACM 64(12), 2021): motivation, composition, collection
process, preprocessing and labelling, uses, distribution and maintenance. A row export describes
its fields; a WARC or WACZ export describes its records instead.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlite_utils

from crawler.export.provenance import FROZEN_TEST, SOURCES_SHOWN, Collection, run_ranges
from crawler.export.reviews import REVIEW_FIELDS
from crawler.export.rows import FIELDS, TEXT_FIELDS, TYPES, Filters, Options

RECORDS = "\n".join(
    [
        "Each exported article is two WARC records (WARC 1.1, gzip per record):",
        "",
        "| record | what it holds |",
        "|---|---|",
        "| `warcinfo` (one, first) | the software and what the file holds |",
        "| `response` | the HTTP response the article was extracted from, as received (status "
        "line, headers, the body decompressed: `Content-Encoding`, `Transfer-Encoding` and the "
        "old `Content-Length` removed, a new `Content-Length` added); `WARC-Target-URI` is the "
        "URL fetched, `WARC-Date` the crawl time (UTC) |",
        "| `request` | the GET request sent (Host, User-Agent and the other headers); "
        "`WARC-Concurrent-To` names its response |",
        "",
        "Pages stored before raw pages were kept have no records. The article rows (text, "
        "labels, clusters) are not in the archive: export them with `--format jsonl`, `csv` or "
        "`parquet`.",
    ]
)
WACZ_RECORDS = (
    "`articles.wacz` is a WACZ 1.1.1 file (a ZIP) made by Webrecorder's `wacz` package: open "
    "it in ReplayWeb.page (https://replayweb.page, or its desktop app) to browse the pages as "
    "the outlets served them. Inside: `archive/articles.warc.gz` (the records below), "
    "`indexes/index.cdx.gz` (a CDXJ index of them), `pages/pages.jsonl` (one line per article: "
    "its URL and headline), and the WACZ's own `datapackage.json` and `datapackage-digest.json` "
    "(the hashes of those files).\n"
)


def _model_quality(db: sqlite_utils.Database, versions: list[str]) -> list[str]:
    trained = {
        v: (json.loads(m) if isinstance(m, str) else m, t)
        for v, m, t in db.execute("select version, metrics, threshold from models")
    }
    lines = []
    for version in versions:
        base = version.split("@")[0]
        if base in trained:
            metrics, threshold = trained[base]
            lines.append(
                f"- `{version}`: trained on this database's review decisions (`prohori train`);"
                f" cross-validated precision {metrics.get('cv_precision')}, recall "
                f"{metrics.get('cv_recall')} on {metrics.get('examples')} labelled items, "
                f"threshold {threshold}. Its frozen-test figures are those `prohori train` "
                "printed; cross-validation on the development labels overstates quality on "
                "new outlets (see below)."
            )
    shipped = [v for v in versions if v.startswith(str(FROZEN_TEST["model"]))]
    if shipped:
        lines.append(
            f"- {', '.join(f'`{v}`' for v in shipped)}: the shipped classifier. Measured once on "
            f"the **frozen test** ({FROZEN_TEST['run']}): {FROZEN_TEST['items']}. Precision and "
            "recall with exact 95 % intervals:"
        )
        lines += ["", "  | input | precision | recall |", "  |---|---|---|"]
        lines += [f"  | {kind} | {p} | {r} |" for kind, p, r in FROZEN_TEST["rows"]]
        lines += [
            "",
            f"  The project's targets ({FROZEN_TEST['targets']}). The model misses relevant "
            "stories (the recall above), so `relevant` undercounts: for counts, use the review "
            "decisions, or sample the unflagged rows. (Source: the data README of "
            '`crawler/classify/data/` and the README\'s "Benchmarks".)',
        ]
    return lines or ["- No article in this export was classified."]


def _outlets(facts: Collection) -> list[str]:
    lines = [
        "| outlet | name | domain | rows | flagged | reviewed | first published | last published |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for o in facts.outlets:
        lines.append(
            f"| {o.key} | {o.name} | {o.domain} | {o.rows} | {o.flagged} | {o.reviewed} "
            f"| {o.first or ''} | {o.last or ''} |"
        )
    lines += ["", "Where the rows were found (feeds, sitemaps, listings), per outlet:", ""]
    for o in facts.outlets:
        shown = ", ".join(f"<{s}>" for s in o.sources[:SOURCES_SHOWN]) or "not recorded"
        more = len(o.sources) - SOURCES_SHOWN
        lines.append(f"- {o.key}: {shown}{f' and {more} more' if more > 0 else ''}")
    return lines


def datasheet(
    db: sqlite_utils.Database,
    files: dict[str, str],
    listing: list[tuple[str, str]],
    fmt: str,
    count: int,
    filters: Filters,
    options: Options,
    facts: Collection,
    software: dict[str, str],
    created: datetime,
) -> str:
    rows_export = fmt in ("jsonl", "csv", "parquet")
    chosen = {k: v for k, v in vars(filters).items() if v not in (None, False)}
    dropped = ", ".join(f"{reason} {n}" for reason, n in facts.dropped.items()) or "none"
    fields = [f for f in FIELDS if not (options.no_text and f in TEXT_FIELDS)]
    lines: list[Any] = [
        "# Prohori corpus export: datasheet",
        "",
        f"Made {created.isoformat(timespec='seconds')} by Prohori {software['version']} "
        f"(commit {software['commit']}) as `{files['data']}` ({fmt}, {count} "
        f"{'rows' if rows_export else 'articles archived'}). Cite it with `CITATION.cff` and "
        "name this date, version and commit. `datapackage.json` describes every file "
        "(Frictionless Data Package); `sha256sum -c MANIFEST` checks them.",
        "",
        "## Motivation",
        "",
        "Prohori watches Bengali-language news for stories about **Russia's military ties**: "
        "the military and defence relations between Russia (or the Soviet Union) and another "
        "state, alliance or armed group. The corpus lets researchers study how Bengali media "
        "cover those ties: which partners and topics, how coverage changes over time, which "
        "outlets report a story first and who follows. It was collected by the Prohori "
        "project's crawler; no funding body asked for it.",
        "",
        "## Composition",
        "",
        f"{facts.rows} articles from {len(facts.outlets)} outlets, as {facts.stories} stories "
        "(syndication clusters: copies of one text under other URLs share `cluster_id`; "
        + (
            "every copy is included"
            if filters.include_duplicates
            else "only each cluster's earliest copy is included, use --include-duplicates for all"
        )
        + f") and {facts.threads} story threads (`thread_id`: the same event in several "
        f"outlets' own words; none until the dedup stage links them). {facts.reviews} review "
        f"decisions on them are in `{files['reviews']}`, with the reviewers' notes"
        + (" (reviewer names replaced by stable pseudonyms)" if options.pseudonymise else "")
        + ". Language: Bengali (`bn`), every text checked by its share of Bengali script.",
        "",
        "Filters: " + (", ".join(f"{k} = {v}" for k, v in chosen.items()) or "none") + ".",
        "",
        (
            "**No article text**: this export was made with `--no-text`; it has metadata, URLs, "
            "labels and review decisions, and leaves out `text` and `evidence`."
            if options.no_text
            else "The texts and pages are the publishers' copyright (see Distribution)."
        ),
        "",
        *_outlets(facts),
        "",
    ]
    if rows_export:
        lines += ["### Fields", "", "| field | type | meaning |", "|---|---|---|"]
        lines += [f"| `{f}` | {TYPES.get(f, 'string')} | {FIELDS[f]} |" for f in fields]
        lines += [
            "",
            {
                "jsonl": "JSON lines, UTF-8: lists are JSON arrays, `relevant` is true/false, "
                "missing values are null.",
                "csv": "CSV (RFC 4180), UTF-8"
                + (" with a byte-order mark (for Excel)" if options.excel else "")
                + ": lists are JSON text, `relevant` is `true`/`false`, a missing value is an "
                "empty cell.",
                "parquet": "Parquet (zstd): times are timestamps (UTC instants; a time without "
                "an offset is read in its outlet's time zone), `relevant` a boolean, lists are "
                "lists of strings.",
            }[fmt],
            "",
        ]
    else:
        lines += ["### Records", "", WACZ_RECORDS if fmt == "wacz" else "", RECORDS, ""]
    lines += [
        "### Review decisions",
        "",
        f"`{files['reviews']}`: one line per decision on an exported story, oldest first.",
        "",
        "| field | meaning |",
        "|---|---|",
        *(f"| `{f}` | {meaning} |" for f, meaning in REVIEW_FIELDS.items()),
        "",
        "## Collection process",
        "",
        f"Crawl period: {facts.started or 'unknown'} to {facts.finished or 'unknown'} (UTC), in "
        f"crawl runs {run_ranges(facts.runs)} (the runs that first stored these rows). Outlets "
        "are declared as data (one seed file each, with evidence for every source); the crawler "
        "reads their feeds, sitemaps and section listings, obeys robots.txt, throttles itself "
        "and identifies itself with a contact in its User-Agent. Bot walls are passed only by "
        "a real browser running the site's own challenge; CAPTCHAs are never solved.",
        "",
        f"Pages fetched in those runs but not kept, by reason: {dropped}. (`no_text`: too little "
        "text after extraction; `not_bengali`: another language; `not_html`, `binary`, "
        "`too_large`: not an article page.)",
        "",
        "## Preprocessing, cleaning and labelling",
        "",
        "- Extraction: trafilatura plus Prohori's boilerplate rules; titles, dates (ISO 8601 "
        "with the outlet's offset), authors and sections from the page's metadata. Versions: "
        + (", ".join(f"`{v}`" for v in facts.extraction_versions) or "none")
        + ".",
        "- Text normalised to one Unicode form (NFC, one dari, no zero-width characters).",
        "- Syndicated copies found by canonical URL, content hash and MinHash LSH over word "
        "shingles, and linked (`duplicate_of`, `cluster_id`), never dropped.",
        "- Relevance: a classifier (`relevant`, `score`, `partners`, `topics`, `evidence`) "
        "following the project's definition, `relevance-guideline.md` in this folder (the "
        "full text, copied from the project with its provenance). Model versions: "
        + (", ".join(f"`{v}`" for v in facts.model_versions) or "none")
        + ".",
        *_model_quality(db, facts.model_versions),
        "- Review: people read flagged stories and record relevant / irrelevant / skip with a "
        "note; the machine label is never overwritten. `review_decision` is the latest "
        "decision.",
        "",
        "## Uses",
        "",
        "Made for research on news coverage: counts and timelines of stories by partner, "
        "topic and outlet, who reports first, framing. Because the classifier misses relevant "
        "stories (see above), a count of `relevant` rows is a lower bound; reviewed rows are "
        "the reliable ones. Do not use it to judge individual journalists or outlets without "
        "reading the stories, nor to republish the texts.",
        "",
        "## Distribution",
        "",
        "Prohori's own contributions (labels, scores, review decisions, metadata) are under "
        "CC BY 4.0: cite `CITATION.cff`. The article texts, headlines and archived pages are "
        "the copyright of their publishers, copied for research; do not redistribute them. "
        "For a public release, export with `--no-text` (metadata, URLs, labels) and "
        "`--pseudonymise` (reviewer names).",
        "",
        "## Maintenance",
        "",
        "An export is a snapshot of one database at one moment (read in one transaction). The "
        "Prohori maintainers keep the software; report errors in the data or the labels to "
        "them, naming this export's date, version and commit. A later export of the same "
        "database adds new articles and decisions; pseudonyms stay the same.",
        "",
        "## Files",
        "",
        *(f"- `{name}`: {what}" for name, what in listing),
        "",
    ]
    return "\n".join(str(line) for line in lines)
