"""Outlets as data: load and validate ``seeds/*.yaml`` into frozen dataclasses.

One YAML file describes one outlet (see ``seeds/README.md`` for the format). The loader refuses a
bad file with :class:`SeedError`, whose message names the file, the field and what to write, in
the spirit of Fundus' ``Publisher`` specs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

SOURCE_TYPES = ("rss", "atom", "news_sitemap", "sitemap", "listing", "archive")
LANGUAGES = ("bn",)
KNOWN_KEYS = {
    "name",
    "domain",
    "language",
    "country",
    "timezone",
    "render",
    "verified",
    "sources",
    "allow",
    "deny",
    "notes",
    "homepage",
    "drop_lines",
}
SOURCE_KEYS = {"type", "url", "pagination", "max_pages", "section"}
_SLUG_RE = re.compile(r"[^a-z0-9]+")


class SeedError(ValueError):
    """A seed file that cannot be used; the message says which file, which field and the fix."""

    def __init__(self, path: Path | str, field_name: str, problem: str, fix: str) -> None:
        self.path = str(path)
        self.field = field_name
        super().__init__(f"{path}: field '{field_name}': {problem}. Fix: {fix}")


@dataclass(frozen=True)
class Source:
    """One way to discover an outlet's articles."""

    type: str
    url: str
    pagination: str | None = None  # e.g. "?page={page}" appended to ``url`` for listings
    max_pages: int = 1
    section: str | None = None

    def page_urls(self) -> list[str]:
        """The listing pages to visit: the first page plus paginated ones."""
        urls = [self.url]
        if self.pagination:
            urls += [
                self.url + self.pagination.format(page=n) for n in range(2, self.max_pages + 1)
            ]
        return urls


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
    verified: bool = False
    country: str | None = None
    notes: str | None = None
    drop_lines: tuple[str, ...] = ()  # extra regexes: matching body lines are boilerplate
    drop_line_res: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    path: str = ""
    _allow_re: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    _deny_re: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)

    @property
    def key(self) -> str:
        """A stable slug used in the database and on the command line."""
        return _SLUG_RE.sub("-", self.name.lower()).strip("-")

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


def _require(data: dict[str, Any], key: str, path: Path, fix: str) -> Any:
    if key not in data or data[key] in (None, ""):
        raise SeedError(path, key, "is missing", fix)
    return data[key]


def _compile(patterns: Any, key: str, path: Path) -> tuple[re.Pattern[str], ...]:
    if patterns is None:
        return ()
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise SeedError(
            path, key, "must be a list of regular expressions", f"write {key}: ['/news/']"
        )
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise SeedError(
                path,
                key,
                f"pattern {pattern!r} is not a valid regular expression ({exc})",
                "escape special characters, e.g. '\\\\?' for a literal '?'",
            ) from exc
    return tuple(compiled)


def _source(raw: Any, index: int, path: Path) -> Source:
    where = f"sources[{index}]"
    if not isinstance(raw, dict):
        raise SeedError(
            path, where, "must be a mapping", "write '- type: rss' and 'url: https://...'"
        )
    unknown = set(raw) - SOURCE_KEYS
    if unknown:
        raise SeedError(
            path,
            f"{where}.{sorted(unknown)[0]}",
            "is not a known source field",
            f"use only {', '.join(sorted(SOURCE_KEYS))}",
        )
    kind = raw.get("type")
    if kind not in SOURCE_TYPES:
        raise SeedError(
            path, f"{where}.type", f"is {kind!r}", f"write one of {', '.join(SOURCE_TYPES)}"
        )
    url = raw.get("url")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
        raise SeedError(
            path,
            f"{where}.url",
            f"is {url!r}, not an http(s) URL",
            "write the full address, e.g. url: https://www.example.com/feed",
        )
    max_pages = raw.get("max_pages", 1)
    if not isinstance(max_pages, int) or max_pages < 1:
        raise SeedError(
            path, f"{where}.max_pages", f"is {max_pages!r}", "write a whole number >= 1"
        )
    pagination = raw.get("pagination")
    if pagination is not None and (not isinstance(pagination, str) or "{page}" not in pagination):
        raise SeedError(
            path,
            f"{where}.pagination",
            f"is {pagination!r}",
            "write a suffix containing {page}, e.g. pagination: '?page={page}'",
        )
    if kind == "archive":
        try:
            url.format(date=date(2024, 1, 31))
        except (KeyError, IndexError, ValueError) as exc:
            raise SeedError(
                path,
                f"{where}.url",
                "is not a date template",
                "write the day as {date:...}, e.g. url: https://example.com/archive/{date:%Y-%m-%d}",
            ) from exc
        if "{date" not in url:
            raise SeedError(
                path,
                f"{where}.url",
                "has no {date:...} placeholder",
                "e.g. url: https://example.com/archive/{date:%Y-%m-%d}",
            )
    return Source(kind, url, pagination, max_pages, raw.get("section"))


def parse_outlet(data: Any, path: Path) -> Outlet:
    """Validate one parsed YAML document and build an :class:`Outlet`."""
    if not isinstance(data, dict):
        raise SeedError(path, "(file)", "is not a YAML mapping", "start the file with 'name: ...'")
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        raise SeedError(
            path,
            sorted(unknown)[0],
            "is not a known field",
            f"use only {', '.join(sorted(KNOWN_KEYS))} (check the spelling)",
        )
    name = _require(data, "name", path, "write the outlet's name, e.g. name: Prothom Alo")
    domain = str(_require(data, "domain", path, "write its domain, e.g. domain: prothomalo.com"))
    if "/" in domain or ":" in domain:
        raise SeedError(
            path, "domain", f"is {domain!r}", "write a bare host name without scheme or path"
        )
    language = data.get("language", "bn")
    if language not in LANGUAGES:
        raise SeedError(path, "language", f"is {language!r}", "write language: bn")
    tz = data.get("timezone", "Asia/Dhaka")
    try:
        ZoneInfo(str(tz))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SeedError(
            path,
            "timezone",
            f"{tz!r} is not an IANA time zone",
            "write e.g. Asia/Dhaka or Asia/Kolkata",
        ) from exc
    for flag in ("render", "verified"):
        if flag in data and not isinstance(data[flag], bool):
            raise SeedError(
                path, flag, f"is {data[flag]!r}", f"write {flag}: true or {flag}: false"
            )
    raw_sources = _require(
        data, "sources", path, "list at least one source: '- {type: rss, url: ...}'"
    )
    if not isinstance(raw_sources, list) or not raw_sources:
        raise SeedError(
            path, "sources", "must be a non-empty list", "write '- {type: rss, url: ...}'"
        )
    sources = tuple(_source(raw, i, path) for i, raw in enumerate(raw_sources))
    allow_re = _compile(data.get("allow"), "allow", path)
    deny_re = _compile(data.get("deny"), "deny", path)
    drop_re = _compile(data.get("drop_lines"), "drop_lines", path)
    if any(s.type in ("listing", "archive") for s in sources) and not allow_re:
        raise SeedError(
            path,
            "allow",
            "is needed when a source is a listing page",
            "write the article URL pattern, e.g. allow: ['/article/\\\\d+']",
        )
    return Outlet(
        name=str(name),
        domain=domain.lower(),
        language=language,
        timezone=str(tz),
        sources=sources,
        allow=tuple(data.get("allow") or ()),
        deny=tuple(data.get("deny") or ()),
        render=bool(data.get("render", False)),
        verified=bool(data.get("verified", False)),
        country=data.get("country"),
        notes=data.get("notes"),
        drop_lines=tuple(data.get("drop_lines") or ()),
        drop_line_res=drop_re,
        path=str(path),
        _allow_re=allow_re,
        _deny_re=deny_re,
    )


def load_outlet(path: Path) -> Outlet:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        raise SeedError(
            path,
            where,
            f"is not valid YAML ({getattr(exc, 'problem', exc)})",
            "check indentation and quote values containing ':' or '#'",
        ) from exc
    except UnicodeDecodeError as exc:
        raise SeedError(path, "(file)", "is not UTF-8 text", "save the file as UTF-8") from exc
    return parse_outlet(data, path)


def load_outlets(directory: Path | str, only: str | None = None) -> list[Outlet]:
    """Load every ``*.yaml`` in ``directory``; ``only`` picks one outlet by name, key or domain."""
    directory = Path(directory)
    if not directory.is_dir():
        raise SeedError(
            directory, "(directory)", "does not exist", "pass --seeds with a folder of *.yaml files"
        )
    outlets = [load_outlet(p) for p in sorted(directory.glob("*.yaml"))]
    if not outlets:
        raise SeedError(
            directory, "(directory)", "holds no *.yaml seed files", "add one file per outlet"
        )
    keys: dict[str, str] = {}
    for outlet in outlets:
        if outlet.key in keys:
            raise SeedError(
                outlet.path,
                "name",
                f"duplicates the outlet in {keys[outlet.key]}",
                "give every outlet a distinct name",
            )
        keys[outlet.key] = outlet.path
    if only is not None:
        wanted = only.lower()
        chosen = [o for o in outlets if wanted in (o.name.lower(), o.key, o.domain)]
        if not chosen:
            raise SeedError(
                directory,
                "--outlet",
                f"no outlet is called {only!r}",
                "run 'prohori outlets' to list names",
            )
        return chosen
    return outlets


def check_outlets(directory: Path | str) -> list[tuple[str, str | None]]:
    """Validate every file, collecting errors instead of stopping at the first one."""
    results: list[tuple[str, str | None]] = []
    for path in sorted(Path(directory).glob("*.yaml")):
        try:
            load_outlet(path)
            results.append((str(path), None))
        except SeedError as exc:
            results.append((str(path), str(exc)))
    return results
