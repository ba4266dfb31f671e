"""Build the dedup replay corpus from the real texts in ``../shared`` (developer tool).

    python tools/build_dedup_corpus.py ../shared tests/resources/dedup/corpus.jsonl.xz

The real pairs (``tests/resources/dedup/real-pairs.jsonl.gz``) were read from these 57,895 texts,
and ``benchmarks/dedup.py`` scores them the way a crawl would meet them: every text of the shared
files goes through the dedup stage in publication order (the pairs' articles among them), so the
candidates, document frequencies and thread chaining are those of a real stream. One JSON object
per line: ``id`` (the pairs' article ids), ``outlet``, ``published`` (ISO 8601 or null),
``scraped_at`` (BDNewsPaperScraper items), ``title``, ``text``. Texts are taken as the gold set's
reader saw them: Bangla Tribune feed HTML stripped to paragraphs, the others as given.
"""

from __future__ import annotations

import csv
import gzip
import html
import json
import lzma
import re
import sys
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any


def _strip_html(markup: str) -> str:
    if "more_link" in markup or "<p>" in markup or "<img" in markup:
        markup = re.sub(r'<a class="more_link".*?</a>', "", markup, flags=re.S)
        markup = re.sub(r"<img[^>]*>", "", markup)
        markup = re.sub(r"<br\s*/?>", "\n", markup)
        markup = re.sub(r"</?p[^>]*>", "\n", markup)
        markup = re.sub(r"<[^>]+>", "", markup)
    markup = html.unescape(markup).replace("\xa0", " ")
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in markup.split("\n"))
    return "\n\n".join(line for line in lines if line)


def _rfc822(value: str) -> str | None:
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError):
        return None


def _feed(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def documents(shared: Path) -> list[dict[str, Any]]:
    corpus = shared / "corpus"
    docs: list[dict[str, Any]] = []
    for x in _feed(corpus / "banglatribune-feed-2026-05_2026-08.jsonl.gz"):
        docs.append(
            {"id": x["link"], "outlet": "Bangla Tribune", "published": _rfc822(x["pubDate"]),
             "title": html.unescape(x["title"]).strip(), "text": _strip_html(x["description"])}
        )  # fmt: skip
    articles = json.loads((corpus / "bdnewspaperscraper-articles.json").read_text("utf-8"))
    for x in articles:
        published = x.get("publication_date")
        if published in ("None", "Unknown"):
            published = None
        if published and re.match(r"\d{4}-\d\d-\d\d \d", published):
            published = published.replace(" ", "T") + "+06:00"
        docs.append(
            {"id": f"bdnewspaperscraper:{x['id']}", "outlet": x["paper_name"],
             "published": published or None, "scraped_at": x.get("scraped_at"),
             "title": (x.get("headline") or "").strip(), "text": (x.get("article") or "").strip()}
        )  # fmt: skip
    for x in _feed(corpus / "jugantor-feed-2025-09_2026-02.jsonl.gz"):
        docs.append(
            {"id": x["link"], "outlet": "Jugantor", "published": _rfc822(x["pubDate"]),
             "title": html.unescape(x["title"]).strip(),
             "text": html.unescape(x["description"]).strip()}
        )  # fmt: skip
    with (corpus / "prothomalo-2024-articles.csv").open(encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            date = row["Date Published"]
            docs.append(
                {"id": f"prothomalo-2024-csv:row{i}", "outlet": "Prothom Alo",
                 "published": date.replace(" ", "T") + "+06:00" if date else None,
                 "title": row["Headline"].strip(), "text": row["Article Body"].strip()}
            )  # fmt: skip
    return docs


def main() -> None:
    shared, out = Path(sys.argv[1]), Path(sys.argv[2])
    docs = documents(shared)
    lines = "".join(
        json.dumps({k: v for k, v in d.items() if v is not None or k == "published"},
                   ensure_ascii=False) + "\n"
        for d in docs
    )  # fmt: skip
    out.write_bytes(lzma.compress(lines.encode("utf-8"), preset=6))
    print(f"{len(docs)} texts -> {out} ({out.stat().st_size / 2**20:.1f} MB)")


if __name__ == "__main__":
    main()
