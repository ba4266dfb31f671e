"""Article links that a page carries in JSON rather than in ``<a href>``.

Many outlets build their listings with JavaScript from data in the page itself: Next.js
(``__NEXT_DATA__``, or the app router's ``self.__next_f.push([1, "…"])`` payload, as Dhaka Post
and Ajker Patrika do), Quintype's ``{"qt": …}`` blob (Prothom Alo), ``window.__APP_STATE__``
(DW), and JSON-LD ``ItemList``. Rather than one parser per framework, every inline script is
unescaped (JS string escapes, ``\\u002F``, ``\\/``) and searched for quoted URLs and absolute
paths; the outlet's ``allow``/``deny`` patterns then decide which are articles, exactly as for
links in the HTML.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urldefrag, urljoin

from lxml import html as lxml_html

# A Next.js app-router chunk: self.__next_f.push([1,"<a JS string holding the flight data>"])
_FLIGHT = re.compile(r'self\.__next_f\.push\(\[\d+,\s*("(?:[^"\\]|\\.)*")\]\)', re.S)
# A quoted absolute URL or absolute path inside (unescaped) script text.
_QUOTED = re.compile(r'"((?:https?:)?//[^"\s<>\\]{4,}|/[^"\s<>/\\][^"\s<>\\]{2,})"')


def _unescape(text: str) -> str:
    """JSON escapes that hide URLs from a plain search: \\u002F, \\/ and friends."""
    return text.replace("\\u002F", "/").replace("\\u002f", "/").replace("\\/", "/")


def _script_texts(page: str) -> list[str]:
    try:
        tree = lxml_html.fromstring(page)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    texts = []
    for script in tree.iter("script"):
        if script.get("src"):
            continue
        text = script.text or ""
        for chunk in _FLIGHT.findall(text):
            try:
                texts.append(json.loads(chunk))  # the JS string literal, decoded
            except json.JSONDecodeError:
                continue
        texts.append(text)
    return texts


def embedded_links(page: str, base_url: str) -> list[str]:
    """Absolute URLs quoted in the page's inline scripts, in order, without repeats."""
    seen: set[str] = set()
    links: list[str] = []
    for text in _script_texts(page):
        for found in _QUOTED.findall(_unescape(text)):
            url = urldefrag(urljoin(base_url, found.replace("\\u0026", "&")))[0]
            if url.startswith(("http://", "https://")) and url not in seen:
                seen.add(url)
                links.append(url)
    return links
