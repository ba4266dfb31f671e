"""Loading and validating seed files: one YAML file describes one outlet (``seeds/README.md``)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from crawler.outlets.spec import DATED_TYPES, FETCH_MODES, SOURCE_TYPES, Evidence, Outlet, Source

KNOWN_KEYS = {
    "name",
    "domain",
    "language",
    "country",
    "timezone",
    "render",
    "fetch",
    "feed_timezone",
    "verified",
    "verified_on",
    "sources",
    "allow",
    "deny",
    "notes",
    "homepage",
    "drop_lines",
    "evidence",
    "samples",
}
SOURCE_KEYS = {
    "type",
    "url",
    "pagination",
    "max_pages",
    "section",
    "embedded_json",
    "headers",
    "items",
    "link",
    "title",
    "date",
    "base",
    "rewrite",
}
# Keys that only make sense for one source type.
ONLY_FOR = {
    "pagination": ("listing", "archive"),
    "max_pages": ("listing", "archive"),
    "embedded_json": ("listing", "archive"),
    "headers": ("json",),
    "items": ("json",),
    "link": ("json",),
    "title": ("json",),
    "date": ("json",),
    "base": ("json",),
    "rewrite": ("json",),
}
LANGUAGES = ("bn",)


class SeedError(ValueError):
    """A seed file that cannot be used; the message says which file, which field and the fix."""

    def __init__(self, path: Path | str, field_name: str, problem: str, fix: str) -> None:
        self.path = str(path)
        self.field = field_name
        super().__init__(f"{path}: field '{field_name}': {problem}. Fix: {fix}")


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


def _template(url: str, field_name: str, path: Path) -> None:
    """A dated source's URL: a template that formats with a day."""
    example = "e.g. url: https://example.com/sitemap/{date:%Y-%m-%d}.xml"
    if "{date" not in url:
        raise SeedError(path, field_name, "has no {date:...} placeholder", example)
    try:
        url.format(date=date(2024, 1, 31))
    except (KeyError, IndexError, ValueError) as exc:
        raise SeedError(path, field_name, "is not a date template", example) from exc


def _strings(value: Any, field_name: str, path: Path, fix: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SeedError(path, field_name, "must be a list of strings", fix)
    return tuple(value)


def _json_fields(raw: dict[str, Any], where: str, path: Path) -> dict[str, Any]:
    headers = raw.get("headers") or {}
    if not isinstance(headers, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
    ):
        raise SeedError(
            path, f"{where}.headers", "must map header names to text", "e.g. X-Requested-With: x"
        )
    for key in ("items", "link", "title", "date", "base"):
        if key in raw and not isinstance(raw[key], str):
            raise SeedError(path, f"{where}.{key}", f"is {raw[key]!r}", "write a dotted key path")
    rewrite = raw.get("rewrite")
    if rewrite is not None:
        if not (isinstance(rewrite, list) and len(rewrite) == 2 and all(
            isinstance(r, str) for r in rewrite
        )):  # fmt: skip
            raise SeedError(
                path, f"{where}.rewrite", f"is {rewrite!r}", "write [pattern, replacement]"
            )
        _compile([rewrite[0]], f"{where}.rewrite", path)
    return {
        "headers": tuple(headers.items()),
        "items": raw.get("items") or "",
        "link": raw.get("link") or "url",
        "title": raw.get("title"),
        "date": raw.get("date"),
        "base": raw.get("base"),
        "rewrite": tuple(rewrite) if rewrite else None,
    }


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
    for key in sorted(set(raw) & set(ONLY_FOR)):
        if kind not in ONLY_FOR[key]:
            raise SeedError(
                path,
                f"{where}.{key}",
                f"does not apply to a {kind} source",
                f"remove it (it is for {' and '.join(ONLY_FOR[key])} sources)",
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
    if not isinstance(max_pages, int) or isinstance(max_pages, bool) or max_pages < 1:
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
    if kind in DATED_TYPES:
        _template(url, f"{where}.url", path)
    embedded = raw.get("embedded_json", False)
    if not isinstance(embedded, bool):
        raise SeedError(path, f"{where}.embedded_json", f"is {embedded!r}", "write true or false")
    extra = _json_fields(raw, where, path) if kind == "json" else {}
    return Source(kind, url, pagination, max_pages, raw.get("section"), embedded, **extra)


def _evidence(raw: Any, path: Path) -> tuple[Evidence, ...]:
    if raw is None:
        return ()
    fix = "write '- {url: <the source URL>, seen: <owner/repo @ commit path>, what: <...>}'"
    if not isinstance(raw, list):
        raise SeedError(path, "evidence", "must be a list", fix)
    entries = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict) or set(entry) - {"url", "seen", "what"}:
            raise SeedError(path, f"evidence[{i}]", "must map url, seen and what", fix)
        if not all(isinstance(entry.get(k), str) and entry[k].strip() for k in ("url", "seen")):
            raise SeedError(path, f"evidence[{i}]", "needs a url and where it was seen", fix)
        entries.append(Evidence(entry["url"], entry["seen"], str(entry.get("what") or "")))
    return tuple(entries)


def _samples(raw: Any, path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    fix = "write samples: {article: [<article URLs>], other: [<section, tag, video URLs>]}"
    if raw is None:
        return (), ()
    if not isinstance(raw, dict) or set(raw) - {"article", "other"}:
        raise SeedError(path, "samples", "must map article and other to URL lists", fix)
    return (
        _strings(raw.get("article"), "samples.article", path, fix),
        _strings(raw.get("other"), "samples.other", path, fix),
    )


def _zone(value: Any, field_name: str, path: Path) -> str:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SeedError(
            path,
            field_name,
            f"{value!r} is not an IANA time zone",
            "write e.g. Asia/Dhaka or Asia/Kolkata",
        ) from exc
    return str(value)


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
    tz = _zone(data.get("timezone", "Asia/Dhaka"), "timezone", path)
    feed_tz = data.get("feed_timezone")
    if feed_tz is not None:
        _zone(feed_tz, "feed_timezone", path)
    for flag in ("render", "verified"):
        if flag in data and not isinstance(data[flag], bool):
            raise SeedError(
                path, flag, f"is {data[flag]!r}", f"write {flag}: true or {flag}: false"
            )
    fetch = data.get("fetch", "auto")
    if fetch not in FETCH_MODES:
        raise SeedError(path, "fetch", f"is {fetch!r}", f"write one of {', '.join(FETCH_MODES)}")
    verified_on = data.get("verified_on")
    if verified_on is not None:
        try:
            verified_on = date.fromisoformat(str(verified_on)).isoformat()
        except ValueError as exc:
            raise SeedError(
                path, "verified_on", f"is {verified_on!r}", "write a day, YYYY-MM-DD"
            ) from exc
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
    articles, others = _samples(data.get("samples"), path)
    return Outlet(
        name=str(name),
        domain=domain.lower(),
        language=language,
        timezone=tz,
        sources=sources,
        allow=tuple(data.get("allow") or ()),
        deny=tuple(data.get("deny") or ()),
        render=bool(data.get("render", False)),
        fetch=str(fetch),
        feed_timezone=feed_tz,
        verified=bool(data.get("verified", False)),
        verified_on=verified_on,
        country=data.get("country"),
        homepage=data.get("homepage"),
        notes=data.get("notes"),
        evidence=_evidence(data.get("evidence"), path),
        sample_articles=articles,
        sample_others=others,
        drop_lines=tuple(data.get("drop_lines") or ()),
        drop_line_res=drop_re,
        path=str(path),
        _allow_re=allow_re,
        _deny_re=deny_re,
    )


def problems_of(outlet: Outlet) -> list[str]:
    """What ``prohori outlets --check`` finds beyond the format: evidence that does not cover
    every source, and sample URLs that ``allow``/``deny`` misjudge."""
    found = []
    if outlet.evidence:
        seen = {e.url for e in outlet.evidence}
        for source in outlet.sources:
            if source.url not in seen:
                found.append(f"no evidence for the source {source.url}")
    for url in outlet.sample_articles:
        if not outlet.is_article_url(url):
            found.append(f"allow/deny reject the sample article {url}")
    for url in outlet.sample_others:
        if outlet.is_article_url(url):
            found.append(f"allow/deny accept the sample non-article {url}")
    return found


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
            outlet = load_outlet(path)
        except SeedError as exc:
            results.append((str(path), str(exc)))
            continue
        found = problems_of(outlet)
        results.append((str(path), f"{path}: {'; '.join(found)}" if found else None))
    return results
