"""The one typed item that flows through the pipelines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Article:
    """A fetched page on its way to becoming a stored article.

    The spider fills the crawl fields; each pipeline stage fills its own group of fields.
    """

    # crawl (spider)
    url: str
    outlet: str
    html: str
    body: bytes = b""  # the raw response body, as received (for checks and the archive)
    status: int = 200
    fetched_at: str = ""
    source_type: str = ""
    source_url: str = ""
    feed_title: str | None = None
    feed_published: str | None = None
    # extract
    title: str | None = None
    text: str = ""
    published: str | None = None
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    canonical_url: str | None = None
    extraction_version: str = ""
    # language
    language: str | None = None
    bengali_share: float = 0.0
    # dedup
    content_hash: str | None = None
    duplicate_of: str | None = None
    cluster_id: str | None = None
    # classify
    relevant: bool = False
    score: float = 0.0
    partners: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    evidence: str | None = None
    model_version: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
