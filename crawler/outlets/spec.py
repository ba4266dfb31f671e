"""What a seed file describes: an outlet, its sources, and the evidence behind them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Day
from datetime import timedelta
from urllib.parse import urlsplit

SOURCE_TYPES = (
    "rss",
    "atom",
    "news_sitemap",
    "sitemap",
    "daily_sitemap",
    "listing",
    "archive",
    "json",
)
# Sources whose URL is a template with the day in it ({date:%Y-%m-%d}).
DATED_TYPES = ("archive", "daily_sitemap")
FETCH_MODES = ("auto", "http", "browser")
_SLUG_RE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Source:
    """One way to discover an outlet's articles."""

    type: str
    url: str
    pagination: str | None = None  # e.g. "?page={page}" appended to ``url`` for listings
    max_pages: int = 1
    section: str | None = None
    # listings: also take article links from JSON in the page (Next.js, app state, JSON-LD)
    embedded_json: bool = False
    # json: request headers, where the list is (dotted path), and the keys in each item
    headers: tuple[tuple[str, str], ...] = ()
    items: str = ""
    link: str = "url"
    title: str | None = None
    date: str | None = None
    base: str | None = None  # json: the address relative links are resolved against
    rewrite: tuple[str, str] | None = None  # json: a regex substitution applied to each link

    @property
    def dated(self) -> bool:
        return self.type in DATED_TYPES

    def page_urls(self) -> list[str]:
        """The listing pages to visit: the first page plus paginated ones."""
        urls = [self.url]
        if self.pagination:
            urls += [
                self.url + self.pagination.format(page=n) for n in range(2, self.max_pages + 1)
            ]
        return urls

    def for_days(self, first: Day, last: Day) -> list[str]:
        """A dated source's URLs for every day from ``last`` back to ``first`` (newest first,
        as outlets list them)."""
        days = (last - first).days
        return [self.url.format(date=last - timedelta(days=n)) for n in range(days + 1)]


@dataclass(frozen=True)
class Evidence:
    """Where a URL of the seed was seen working (or only configured) outside Prohori."""

    url: str
    seen: str  # "owner/repo @ commit path" or a page address
    what: str = ""


@dataclass(frozen=True)
class Outlet:
    """A validated outlet spec."""

    name: str
    domain: str
    language: str
    timezone: str
    sources: tuple[Source, ...]
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    render: bool = False
    fetch: str = "auto"  # http | browser | auto (a bot wall sends a page through the browser)
    feed_timezone: str | None = None  # the feed's offsets lie: its times are this zone's
    verified: bool = False
    verified_on: str | None = None
    country: str | None = None
    homepage: str | None = None
    notes: str | None = None
    evidence: tuple[Evidence, ...] = ()
    sample_articles: tuple[str, ...] = ()  # real article URLs `allow` must accept
    sample_others: tuple[str, ...] = ()  # real non-article URLs it must refuse
    drop_lines: tuple[str, ...] = ()  # extra regexes: matching body lines are boilerplate
    drop_line_res: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    path: str = ""
    _allow_re: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    _deny_re: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)

    @property
    def key(self) -> str:
        """A stable slug used in the database and on the command line."""
        return _SLUG_RE.sub("-", self.name.lower()).strip("-")

    @property
    def dated_sources(self) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if s.dated)

    def owns(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return host == self.domain or host.endswith("." + self.domain)

    def is_article_url(self, url: str) -> bool:
        """True when ``url`` belongs to the outlet, matches an allow pattern and no deny pattern."""
        if not self.owns(url):
            return False
        if any(p.search(url) for p in self._deny_re):
            return False
        return any(p.search(url) for p in self._allow_re) if self._allow_re else True
