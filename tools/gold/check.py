"""The gold record of a page (body, ``with`` and ``without`` snippets) and its self-check."""

from __future__ import annotations

import re
from typing import Any

from .chrome import insert_points
from .dates import iso
from .model import Page
from .text import YA, canonical, nfc


def clip(text: str, from_end: bool = False) -> str:
    """15-40 characters of ``text`` cut at spaces, from its start or its end."""
    words = text.split(" ")
    if from_end:
        words = words[::-1]
    out: list[str] = []
    for word in words:
        if len(" ".join([*out, word])) > 40:
            break
        out.append(word)
        if len(" ".join(out)) >= 24:
            break
    piece = " ".join(out[::-1] if from_end else out)
    if len(piece) < 15:
        piece = text[-30:] if from_end else text[:30]
    return piece.strip()


def with_snippets(page: Page, body: list[str]) -> list[str]:
    picks = [clip(body[0]), clip(body[-1], from_end=True)]
    inserts = insert_points(page)
    if inserts:
        # The text right after a read-more insert must survive its removal.
        picks.append(clip(body[min(max(inserts) + 1, len(body) - 1)]))
    for i in page.marked[:1]:
        # A stretch the page writes differently (precomposed letters, "I", "|" or "৷" dari).
        text = body[i]
        word = next((w for w in text.split(" ") if YA in w and len(w) > 3), "")
        if page.variant.precomposed and word:
            picks.append(clip(text[text.find(word) :]))
        else:
            picks.append(clip(text, from_end=True))
    picks.append(clip(body[len(body) // 2], from_end=True))
    # Short stories: sentence starts inside the paragraphs fill up to three snippets.
    sentences = [s for p in body for s in re.split(r"(?<=[।?!])\s+", p)[1:]]
    picks += [clip(s) for s in sentences]
    out: list[str] = []
    for pick in picks:
        if pick and 15 <= len(pick) <= 40 and pick not in out:
            out.append(pick)
    return out[:5] if len(out) >= 4 else out[:3]


def gold_of(page: Page) -> dict[str, Any]:
    st = page.story
    body = [canonical(p) for p in st.paragraphs]
    without: list[str] = []
    for snippet in page.without:
        snippet = nfc(snippet)
        if snippet and snippet not in without and canonical(snippet) not in "\n".join(body):
            without.append(snippet)
    return {
        "url": page.url,
        "style": page.style,
        "source": st.source,
        "title": canonical(st.title),
        "published": iso(page.published),
        "modified": iso(page.modified),
        "authors": [canonical(a) for a in st.authors],
        "body": "\n".join(body),
        "with": with_snippets(page, body),
        "without": without[:8],
    }


def check(gold: dict[str, Any], page_html: str, where: str) -> list[str]:
    problems = []
    body = gold["body"]
    if not 3 <= len(gold["with"]) <= 5 or not 3 <= len(gold["without"]) <= 8:
        problems.append(f"{where}: {len(gold['with'])} with / {len(gold['without'])} without")
    for snippet in gold["with"]:
        if snippet not in body or not 15 <= len(snippet) <= 40:
            problems.append(f"{where}: with snippet {snippet!r} not in body or badly sized")
    for snippet in gold["without"]:
        if snippet in body or canonical(snippet) in body:
            problems.append(f"{where}: without snippet {snippet!r} is in the body")
        if snippet not in page_html:
            problems.append(f"{where}: without snippet {snippet!r} is not in the HTML")
    if not gold["published"] or not gold["published"].endswith("+06:00"):
        problems.append(f"{where}: published {gold['published']!r}")
    if canonical(body) != body:
        problems.append(f"{where}: body is not canonical")
    return problems
