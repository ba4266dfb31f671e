"""Article links from a JSON endpoint (``type: json`` sources).

Some outlets serve their latest stories as JSON to their own pages — Jugantor's
``/ajax/load/latestnews/{limit}/{offset}/{category}`` answers a top-level array of stories with
``url``, ``headline`` and ``created_at``; Bonik Barta's post API nests them under ``posts``. The
seed says where the list is (``items``: a dotted path, empty for the top level) and which keys
hold the link, the title and the date (dotted paths too); ``rewrite`` is an optional
``[pattern, replacement]`` applied to each link (Bonik Barta's paths carry a ``/home`` prefix
its article URLs do not have).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urldefrag, urljoin

from crawler.fetch.discovery import Link


def _at(value: Any, path: str) -> Any:
    """``value`` followed along a dotted path of keys (and list indexes)."""
    for part in [p for p in path.split(".") if p]:
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def json_links(
    body: bytes,
    base_url: str,
    items: str = "",
    link: str = "url",
    title: str | None = None,
    date: str | None = None,
    rewrite: tuple[str, str] | None = None,
) -> list[Link] | None:
    """The stories listed by a JSON endpoint, in order; None when the body is not JSON or the
    list is not where the seed says (the outlet changed its API)."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    stories = _at(data, items)
    if not isinstance(stories, list):
        return None
    links = []
    for story in stories:
        href = _text(_at(story, link))
        if not href:
            continue
        if rewrite:
            href = re.sub(rewrite[0], rewrite[1], href)
        url = urldefrag(urljoin(base_url, href))[0]
        if url.startswith(("http://", "https://")):
            published = _at(story, date) if date else None
            if isinstance(published, (int, float)) and not isinstance(published, bool):
                published = _epoch(published)
            links.append(Link(url, _text(_at(story, title)) if title else None, _text(published)))
    return links


def _epoch(value: float) -> str:
    """Epoch seconds or milliseconds (as Quintype's ``published-at``) as ISO 8601 UTC."""
    from datetime import UTC, datetime

    seconds = value / 1000 if value > 1e11 else value
    return datetime.fromtimestamp(seconds, UTC).isoformat()


def source_links(source: Any, body: bytes, url: str) -> list[Link] | None:
    """:func:`json_links` as a seed's ``json`` source describes them (the spider and
    ``prohori outlets verify`` read an endpoint the same way)."""
    return json_links(
        body, source.base or url, source.items, source.link, source.title, source.date,
        source.rewrite,
    )  # fmt: skip
