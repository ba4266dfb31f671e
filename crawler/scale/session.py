"""What a worker starts from, and the link that takes its items to the writer.

A worker opens no database: the writer reads what the crawl starts from — the stored URLs
(incremental crawls), the sources' HTTP validators, the model — and hands it over as a
:class:`Session`. The worker's spider and pipelines find it with :func:`worker_session`, as a
one-process crawl's components find its storage with ``crawl_run``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from weakref import WeakKeyDictionary

from scrapy.crawler import Crawler

from crawler.outlets import Outlet

# Item fields a dropped page's message does not need (the writer records URL, outlet, reason).
HEAVY = ("html", "body", "text", "request_headers", "response_headers")


@dataclass
class Session:
    """A crawl as its writer set it up: the same for every worker (a local worker gets only
    its own share of the outlets)."""

    token: str  # one crawl: workers of another crawl are told apart by it
    outlets: list[Outlet]
    validators: dict[str, tuple[str | None, str | None]]  # source URL -> ETag, Last-Modified
    children: dict[str, list[str]]  # sitemap index -> its child sitemaps
    model: Any  # the RelevanceModel the writer chose (file, database's newest, or shipped)
    settings: dict[str, Any] = field(default_factory=dict)  # the crawl's -s overrides
    known: Mapping[str, str | None] = field(default_factory=dict)  # stored URL -> fetched at


class Link(Protocol):
    """How a worker reaches the writer."""

    shared_frontier: bool  # requests go through a frontier shared with other workers
    name: str  # the worker, as its reports and the shared queue name it

    def send(self, kind: str, payload: Any) -> None:
        """Hand on ``("item", Article)``, ``("drop", Article)`` or ``("done", Report)``."""

    def claim_seeding(self) -> bool:
        """True for the one worker that yields the crawl's start requests."""


@dataclass
class Report:
    """A worker's last message: its figures and what its sources answered."""

    worker: str
    stats: dict[str, Any]
    seen_validators: dict[str, tuple[str, str | None, str | None]]
    children: dict[str, list[str]]


@dataclass
class WorkerState:
    session: Session
    link: Link


_SESSIONS: WeakKeyDictionary[Crawler, WorkerState] = WeakKeyDictionary()


def attach_session(crawler: Crawler, session: Session, link: Link) -> WorkerState:
    state = WorkerState(session, link)
    _SESSIONS[crawler] = state
    return state


def worker_session(crawler: Crawler) -> WorkerState | None:
    """The worker's session and link; None in a one-process crawl or in the writer."""
    return _SESSIONS.get(crawler)
