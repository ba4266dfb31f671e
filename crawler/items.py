"""The one typed item that flows through the pipelines.

Each stage fills its own group of fields; a later stage reads only typed fields, never an
untyped bag of extras, so what travels between stages is visible here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Headers = list[tuple[str, str]]


@dataclass
class Article:
    """A fetched page on its way to becoming a stored article."""

    # crawl (spider)
    url: str
    outlet: str
    html: str
    body: bytes = b""  # the raw response body, as received (for checks and the archive)
    status: int = 200
    content_type: str = ""
    fetched_at: str = ""
    source_type: str = ""
    source_url: str = ""
    feed_title: str | None = None
    feed_published: str | None = None
    # Kept for the archive (WARC export): what was asked and what came back.
    request_headers: Headers = field(default_factory=list)
    response_headers: Headers = field(default_factory=list)
    refresh: bool = False  # the outlet says a stored article changed: update it in place
    # The queue message that brought the item to the writer (crawler.scale), acknowledged once
    # the item is stored; None in a one-process crawl.
    delivery: str | None = None
    # A worker dropped the page with this DropItem message; the writer records the drop.
    dropped: str | None = None
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
    # dedup (crawler.dedup.decide)
    content_hash: str | None = None
    duplicate_of: str | None = None  # the cluster's canonical member, when this is a copy
    cluster_id: str | None = None
    updated: bool = False  # a stored article fetched again and updated in place
    # When this copy is earlier than its cluster's canonical member, it takes that place: the
    # former canonical member (now a copy of this one) and the cluster id this one replaces.
    demotes: str | None = None
    replaces_cluster: str | None = None
    # The story thread (the same event across outlets, a level above copy clusters), and the
    # thread ids it absorbed when filing this article merged threads or made it the first report.
    thread_id: str | None = None
    thread_renames: list[str] = field(default_factory=list)
    # classify
    relevant: bool = False
    score: float = 0.0
    partners: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    evidence: str | None = None
    model_version: str = ""
