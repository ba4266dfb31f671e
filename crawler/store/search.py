"""Full-text search over Bengali articles (SQLite FTS5).

What FTS5's default tokenizer does with Bengali: ``unicode61`` keeps only letters and digits
(categories ``L* N* Co``) as token characters, so the vowel signs, the virama and the nukta
(categories ``Mn``/``Mc``) split words apart — রাশিয়ার is indexed as র, শ, য, র, and a search
for রাশিয়া matches any text holding those single letters. The index here adds the mark
categories (``M*``), so a word stays one token.

Two more gaps are closed on the query side. Unicode form: stored text is normalised (NFC, which
writes য় as য + nukta) and so is the query, so either form of য়/ড়/ঢ় finds the other. Inflection:
Bengali attaches case and number endings to the word (রাশিয়ার, রাশিয়াকে, রাশিয়ায়, ভারতের);
each query word loses its ending (a light suffix stemmer) and is searched as a prefix, so রাশিয়ার
finds রাশিয়া and রাশিয়াকে, and রাশিয়া finds রাশিয়ার. Quoted phrases are searched as written.

What a reader may type: words (all must occur), ``"a phrase"``, ``OR`` between two terms (either
may occur; it binds tighter than the implicit AND, as in web search engines: ``ভারত OR চীন
মহড়া`` is (ভারত or চীন) and মহড়া), and ``NOT term`` or ``-term`` (must not occur). The query is
rebuilt from those pieces, every term quoted, so nothing a reader types reaches FTS5 as syntax.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlite_utils
from markupsafe import Markup, escape

from crawler.store.filters import article_conditions
from crawler.text.bangla import normalize_text

FTS_TABLE = "articles_fts"
TOKENIZE = "unicode61 categories 'L* N* Co M*' remove_diacritics 0"

# Case, number and definiteness endings, longest first (written as normalize_text writes them).
_ENDINGS = (
    "গুলোর গুলোকে গুলোতে গুলো গুলির গুলি গুলোয় দেরকে দের রা এরা েরা য়ের য়েরও য়ে য় য়ও "
    "তে েতে কে টির টিকে টি টার টা খানা খানি ের এর র ে ও ই"
)
_SUFFIXES = sorted({normalize_text(s) for s in _ENDINGS.split(" ")}, key=len, reverse=True)
# These endings follow a vowel (রাশিয়া-র, দিল্লি-তে, মস্কো-য়); after a consonant the same letters
# belong to the word (সাগর) or the ending is another one (ভারত-ে, not ভার-তে).
_AFTER_VOWEL = {normalize_text(s) for s in ("র", "রা", "তে", "য়", "য়ে", "য়ের", "য়েরও", "য়ও")}
_VOWELS = set("অআইঈউঊঋএঐওঔ" + "".join(map(chr, range(0x09BE, 0x09CD))))
_MIN_STEM = 3  # code points left after stripping; shorter stems would match too much
_WORD = re.compile(r"[\u0980-\u09FF\w]+")
# A quoted phrase or a word, each with a minus that negates it when the minus starts a piece
# (after a space): the hyphen of রাশিয়া-ইউক্রেন joins words, it does not exclude one.
_PIECE = re.compile(r'((?<!\S)-)?"([^"]*)"?|((?<!\S)-)?([\u0980-\u09FF\w]+)')
_OR = {"OR", "অথবা"}
_NOT = {"NOT"}
# Sentinels around matches in snippet(): control characters never found in stored text, so
# the snippet can be HTML-escaped first and the <mark> tags added after.
_OPEN, _CLOSE = "\x02", "\x03"


def stem(word: str) -> str:
    """The word without its inflectional ending (a light stemmer: one ending, kept ≥ 3 chars)."""
    for suffix in _SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < _MIN_STEM:
            continue
        if suffix in _AFTER_VOWEL and word[-len(suffix) - 1] not in _VOWELS:
            continue
        return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    return _WORD.findall(normalize_text(text))


@dataclass
class Parsed:
    """A query as pieces: groups of alternatives that must all match, and terms that must not.
    Each term is an FTS5 string (a quoted phrase, or a quoted stem with ``*``)."""

    groups: list[list[str]]
    excluded: list[str]

    def match(self) -> str:
        if not self.groups:
            return ""  # FTS5 cannot search for "not X" alone
        parts = [g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in self.groups]
        expression = " AND ".join(parts)
        if self.excluded:
            expression = f"({expression}) NOT ({' OR '.join(self.excluded)})"
        return expression


def _term(phrase: str | None, word: str | None) -> str | None:
    if phrase is not None:
        tokens = words(phrase)
        return '"' + " ".join(tokens) + '"' if tokens else None
    tokens = words(word or "")
    if not tokens:
        return None
    return (
        "(" + " AND ".join(f'"{stem(t)}"*' for t in tokens) + ")"
        if len(tokens) > 1
        else f'"{stem(tokens[0])}"*'
    )


def parse(query: str) -> Parsed:
    """The reader's query as groups and exclusions (see the module's docstring)."""
    groups: list[list[str]] = []
    excluded: list[str] = []
    join_next = negate_next = False
    for found in _PIECE.finditer(query):
        minus_phrase, phrase, minus_word, word = found.groups()
        if word is not None and normalize_text(word) in _OR and not minus_word:
            join_next = bool(groups)
            continue
        if word is not None and word in _NOT and not minus_word:
            negate_next = True
            continue
        term = _term(phrase, word)
        if term is None:
            continue
        if negate_next or minus_phrase or minus_word:
            excluded.append(term)
        elif join_next and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = negate_next = False
    return Parsed(groups, excluded)


def fts_query(query: str) -> str:
    """The FTS5 MATCH expression for what a reader typed: every word must occur (in any
    inflection), "quoted phrases" as written, ``a OR b`` either, ``NOT c`` / ``-c`` not. Empty
    when nothing can be searched (no term, or only excluded ones)."""
    return parse(query).match()


# Only a change of title or text touches the index: re-scoring an article or a crawl's
# last_run update must not re-index its text.
def highlight(snippet: str) -> Markup:
    """A snippet with its matches in <mark>, everything else escaped."""
    escaped = str(escape(snippet))
    return Markup(escaped.replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>"))


@dataclass
class Hit:
    id: int  # the article's rowid
    canonical_url: str
    url: str
    outlet: str
    title: str
    published: str | None
    relevant: int | None
    score: float | None
    snippet: Markup


def search(
    db: sqlite_utils.Database,
    query: str,
    limit: int = 50,
    offset: int = 0,
    filters: Mapping[str, str] | None = None,
) -> tuple[list[Hit], int]:
    """Articles matching the query, best first, with a highlighted snippet; and the total.
    ``filters``: the review queue's (outlet, partner, topic, since, until)."""
    match = fts_query(query)
    if not match:
        return [], 0
    conditions, params = article_conditions(**(filters or {}))
    where = "".join(f" and {c}" for c in conditions)
    source = f"{FTS_TABLE} join articles a on a.rowid = {FTS_TABLE}.rowid"
    total = db.execute(
        f"select count(*) from {source} where {FTS_TABLE} match ?{where}", [match, *params]
    )
    rows = db.execute(
        f"""select a.rowid, a.canonical_url, a.url, a.outlet, a.title, a.published,
                   a.relevant, a.score, snippet({FTS_TABLE}, 1, ?, ?, '…', 24)
            from {source} where {FTS_TABLE} match ?{where} order by rank limit ? offset ?""",
        [_OPEN, _CLOSE, match, *params, limit, offset],
    ).fetchall()
    hits = [
        Hit(
            id=r[0],
            canonical_url=r[1],
            url=r[2],
            outlet=r[3],
            title=r[4],
            published=r[5],
            relevant=r[6],
            score=r[7],
            snippet=highlight(r[8] or ""),
        )
        for r in rows
    ]
    return hits, int(total.fetchone()[0])


def explain(query: str) -> dict[str, Any]:
    """What a query is searched as (shown under the search box)."""
    parsed = parse(query)
    return {
        "query": query,
        "match": parsed.match(),
        "only_excluded": bool(parsed.excluded) and not parsed.groups,
    }
