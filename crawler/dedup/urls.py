"""URL canonicalisation: one identity per article whatever link led to it."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

TRACKING_PREFIXES = ("utm_", "fb", "gclid", "mc_", "ref", "_ga", "ocid", "cmpid", "amp")
TRACKING_EXACT = {"s", "share", "from", "source"}
HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no www./m./amp. prefix, no tracking parameters or fragment,
    no trailing slash, percent-encoding normalised (Bengali slugs compare equal encoded or not).
    """
    url = canonicalize_url(url.strip(), keep_fragments=False)
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix):
            host = host[len(prefix) :]
            break
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(TRACKING_PREFIXES) and k.lower() not in TRACKING_EXACT
    ]
    path = parts.path.rstrip("/") or "/"
    for suffix in ("/amp", "/amp.html"):
        if path.endswith(suffix):
            path = path[: -len(suffix)] or "/"
    scheme = "https" if parts.scheme in ("http", "https") else parts.scheme
    return urlunsplit((scheme, host, path, urlencode(query), ""))
