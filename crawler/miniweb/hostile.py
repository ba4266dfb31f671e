"""The mini-web's hostile outlet: scraped text that carries HTML and JavaScript payloads.

Its stories are real (headline and lead of three relevant items of the labelled Jugantor feed,
``crawler/classify/data``), with payloads written into the headline, the byline and a paragraph
as *text* — what an outlet's comment box or a compromised CMS would publish. A crawler keeps
them as text; the review app must show them as text and never run them. Served only when asked
for (``MiniWeb(hostile=True)``); its seed file lives in ``outlets_hostile/``.
"""

from __future__ import annotations

import json
from pathlib import Path

from crawler.miniweb.classic import DainikAlo
from crawler.miniweb.sites import Story

LABELS = Path(__file__).resolve().parents[1] / "classify" / "data" / "jugantor-labels.jsonl"
CHOSEN = (  # relevant, not borderline; three partners
    "https://www.jugantor.com/international/1031367",
    "https://www.jugantor.com/national/1005723",
    "https://www.jugantor.com/international/1042573",
)
# Each payload, if it ever ran in the review page, would set window.__pwned.
TITLE_PAYLOAD = "<img src=x onerror=\"window.__pwned='title'\">"
AUTHOR_PAYLOAD = "<b onmouseover=\"window.__pwned='author'\">প্রতিবেদক</b>"
TEXT_PAYLOAD = (
    "পাঠকের মন্তব্য: <script>window.__pwned='script'</script> এবং "
    "<img src=/x.png onerror=\"window.__pwned='text'\"> লেখাটি কেবল লেখা হিসেবেই দেখা উচিত।"
)


class Bisakto(DainikAlo):
    """RSS outlet (the RSS outlet's markup) whose texts carry payloads."""

    host = "bisakto.test"
    name = "বিষাক্ত বার্তা"
    galleries = 0

    def path_of(self, story: Story) -> str:
        return f"/news/{story['id']}"


def hostile_site() -> Bisakto:
    items = {row["id"]: row for row in map(json.loads, LABELS.read_text("utf-8").splitlines())}
    stories = []
    for n, key in enumerate(CHOSEN, start=1):
        item = items[key]
        stories.append(
            {
                "id": 9000 + n,
                "outlet": Bisakto.host,
                "title": f"{item['title']} {TITLE_PAYLOAD}",
                "paragraphs": [item["text"], TEXT_PAYLOAD],
                "published": item["published"],
                "modified": None,
                "author": AUTHOR_PAYLOAD,
                "section": "international",
                "lang": "bn",
                "label": "relevant",
                "partners": item["partners"],
                "topics": item["topics"],
                "inserts": [],
                "source": f"crawler/classify/data/jugantor-labels.jsonl {key} (payloads added)",
            }
        )
    return Bisakto(stories)
