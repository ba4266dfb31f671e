"""Seed files: the real outlets validate, and a bad file is refused with a useful message."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.outlets import SeedError, check_outlets, load_outlet, load_outlets
from tests.conftest import ROOT, prohori

SEEDS = ROOT / "seeds"
REQUIRED = [
    "Prothom Alo",
    "Jugantor",
    "Kaler Kantho",
    "Samakal",
    "Ittefaq",
    "bdnews24",
    "Bangla Tribune",
    "Jago News",
    "Dhaka Post",
    "Somoy",
    "banglanews24",
    "Naya Diganta",
    "Amader Shomoy",
    "Manab Zamin",
    "Anandabazar",
    "Sangbad Pratidin",
    "BBC Bangla",
    "DW Bangla",
    "VOA Bangla",
]
GOOD = """\
name: Test Outlet
domain: example.test
language: bn
timezone: Asia/Dhaka
render: false
verified: false
sources:
  - type: rss
    url: http://example.test/feed
allow: ['/news/']
"""


def test_real_seed_files_are_valid_and_unverified() -> None:
    outlets = load_outlets(SEEDS)
    assert len(outlets) >= 34
    names = " | ".join(o.name for o in outlets)
    for wanted in REQUIRED:
        assert wanted.lower() in names.lower(), wanted
    for outlet in outlets:
        assert outlet.verified is False, outlet.path  # nobody has fetched them from here yet
        assert outlet.language == "bn"
        assert outlet.sources
        assert not outlet.domain.endswith(".test")  # mini-web outlets live elsewhere
    countries = {o.country for o in outlets}
    assert {"BD", "IN"} <= countries


def test_every_real_seed_says_where_each_source_was_seen() -> None:
    """Evidence (issue 14): each file lists, for every source URL, where it was seen working
    (or only configured); --check finds no source without it and no misjudged sample URL."""
    outlets = load_outlets(SEEDS)
    names = {o.name for o in outlets}
    assert {"Deshkal News", "Pars Today Bangla", "Daily Star Bangla", "News18 Bengali"} <= names
    for outlet in outlets:
        assert outlet.evidence, outlet.path
        seen = {e.url for e in outlet.evidence}
        assert all(s.url in seen for s in outlet.sources), outlet.path
        assert all(e.seen.strip() for e in outlet.evidence)
    assert [error for _, error in check_outlets(SEEDS) if error] == []


def test_real_seed_patterns_accept_real_article_links() -> None:
    """Article URLs copied from the real feeds and section pages in ../shared/corpus."""
    samples = {
        "jugantor": "https://www.jugantor.com/international/999088",
        "samakal": "https://samakal.com/opinion/article/368955/%E0%A6%9A%E0%A6%BE",
        "amader-shomoy": "https://www.dainikamadershomoy.com/details/019a89160306",
        "prothom-alo": "https://www.prothomalo.com/opinion/column/2lhbzt4zje",
        "kaler-kantho": "https://www.kalerkantho.com/online/world/2025/11/16/1606886",
        "banglanews24": "https://www.banglanews24.com/international/news/bd/1628304.details",
    }
    by_key = {o.key: o for o in load_outlets(SEEDS)}
    for key, url in samples.items():
        outlet = by_key[key]
        assert outlet.is_article_url(url), (key, url)
        assert not outlet.is_article_url(f"https://{outlet.domain}/")


@pytest.mark.parametrize(
    ("change", "field", "hint"),
    [
        (lambda t: t.replace("name: Test Outlet\n", ""), "name", "name: Prothom Alo"),
        (lambda t: t.replace("type: rss", "type: feed"), "sources[0].type", "rss, atom"),
        (
            lambda t: t.replace("url: http://example.test/feed", "url: example.test/feed"),
            "sources[0].url",
            "full address",
        ),
        (lambda t: t.replace("['/news/']", "['/news/(']"), "allow", "regular expression"),
        (lambda t: t.replace("Asia/Dhaka", "Dhaka"), "timezone", "Asia/Dhaka"),
        (lambda t: t.replace("render: false", "render: maybe"), "render", "render: true"),
        (lambda t: t + "colour: red\n", "colour", "check the spelling"),
        (
            lambda t: t.replace("domain: example.test", "domain: https://example.test/"),
            "domain",
            "bare host name",
        ),
        (
            lambda t: t.replace(
                "sources:\n  - type: rss\n    url: http://example.test/feed\n", "sources: []\n"
            ),
            "sources",
            "type: rss",
        ),
        (
            lambda t: t.replace("  - type: rss", "  - type: listing").replace(
                "allow: ['/news/']\n", ""
            ),
            "allow",
            "article URL pattern",
        ),
        (lambda t: t.replace("language: bn", "language: bn\n  oops: [unclosed"), "line", "YAML"),
    ],
)
def test_bad_seed_file_gives_a_clear_error(tmp_path: Path, change, field: str, hint: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.yaml"
    path.write_text(change(GOOD), encoding="utf-8")
    with pytest.raises(SeedError) as info:
        load_outlet(path)
    message = str(info.value)
    assert str(path) in message
    assert f"field '{field}" in message
    assert hint in message
    assert "Fix:" in message


def test_good_seed_loads(tmp_path: Path) -> None:
    path = tmp_path / "good.yaml"
    path.write_text(GOOD, encoding="utf-8")
    outlet = load_outlet(path)
    assert outlet.key == "test-outlet"
    assert outlet.is_article_url("http://www.example.test/news/1")
    assert not outlet.is_article_url("http://other.test/news/1")


def test_check_collects_every_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD.replace("type: rss", "type: feed"), encoding="utf-8")
    (tmp_path / "c.yaml").write_text("- just a list\n", encoding="utf-8")
    results = dict(check_outlets(tmp_path))
    assert results[str(tmp_path / "a.yaml")] is None
    assert "sources[0].type" in (results[str(tmp_path / "b.yaml")] or "")
    assert "not a YAML mapping" in (results[str(tmp_path / "c.yaml")] or "")


def test_cli_outlets_lists_and_checks(tmp_path: Path) -> None:
    listed = prohori("outlets", "--seeds", str(SEEDS))
    assert "Prothom Alo" in listed.stdout
    checked = prohori("outlets", "--check", "--seeds", str(SEEDS))
    assert "seed files valid" in checked.stdout and "ERROR" not in checked.stdout
    (tmp_path / "bad.yaml").write_text(GOOD.replace("type: rss", "type: feed"), encoding="utf-8")
    bad = prohori("outlets", "--check", "--seeds", str(tmp_path), check=False)
    assert bad.returncode == 1
    assert "ERROR" in bad.stdout and "sources[0].type" in bad.stdout


def test_crawl_with_a_bad_seed_file_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(GOOD.replace("Asia/Dhaka", "Mars/Base"), encoding="utf-8")
    result = prohori("crawl", "--seeds", str(tmp_path), "--db", str(tmp_path / "x.db"), check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "bad.yaml" in result.stderr and "timezone" in result.stderr
    assert not (tmp_path / "x.db").exists()  # nothing half-created


def test_archive_sources_need_a_date_template(tmp_path: Path) -> None:
    path = tmp_path / "archive.yaml"
    path.write_text(GOOD.replace("type: rss", "type: archive"), encoding="utf-8")
    with pytest.raises(SeedError, match=r"sources\[0\].url.*\{date"):
        load_outlet(path)
    path.write_text(
        GOOD.replace("type: rss", "type: archive").replace(
            "http://example.test/feed", "http://example.test/archive/{date:%Y-%m-%d}"
        ),
        encoding="utf-8",
    )
    assert load_outlet(path).sources[0].type == "archive"


def test_drop_lines_are_compiled_once_and_refused_when_broken(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(GOOD + "drop_lines: ['^সমকাল প্রতিবেদক$']\n", encoding="utf-8")
    outlet = load_outlet(path)
    assert outlet.drop_line_res[0].search("সমকাল প্রতিবেদক")
    path.write_text(GOOD + "drop_lines: ['(']\n", encoding="utf-8")
    with pytest.raises(SeedError, match="drop_lines"):
        load_outlet(path)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("type: rss", "type: daily_sitemap"), r"sources\[0\].url.*\{date"),
        (("render: false", "render: false\nfetch: sometimes"), "'fetch'"),
        (("render: false", "render: false\nfeed_timezone: Dhaka/Time"), "feed_timezone"),
        (("    url: http://example.test/feed", "    url: http://example.test/feed\n    link: u"),
         r"sources\[0\].link.*does not apply to a rss source"),
        (("type: rss", "type: json\n    rewrite: ['(']"), r"rewrite"),
        (("render: false", "render: false\nevidence: [{url: http://example.test/feed}]"),
         r"evidence\[0\].*where it was seen"),
        (("render: false", "render: false\nverified_on: someday"), "verified_on"),
        (("render: false", "render: false\nsamples: [http://example.test/news/1]"), "samples"),
    ],
)  # fmt: skip
def test_new_fields_are_validated(tmp_path: Path, change: tuple[str, str], field: str) -> None:
    path = tmp_path / "new.yaml"
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(SeedError, match=field):
        load_outlet(path)


def test_check_reports_missing_evidence_and_misjudged_samples(tmp_path: Path) -> None:
    extra = (
        "samples: {article: ['http://example.test/about'], other: ['http://example.test/news/2']}\n"
        "evidence:\n  - {url: http://example.test/other-feed, seen: a/b @ 1234567 feed.xml}\n"
    )
    (tmp_path / "a.yaml").write_text(GOOD + extra, encoding="utf-8")
    (error,) = [e for _, e in check_outlets(tmp_path)]
    assert error is not None
    assert "no evidence for the source http://example.test/feed" in error
    assert "reject the sample article http://example.test/about" in error
    assert "accept the sample non-article http://example.test/news/2" in error


def test_a_json_source_and_a_daily_sitemap_load(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(
        GOOD.replace(
            "  - type: rss\n    url: http://example.test/feed\n",
            "  - type: json\n    url: http://example.test/api\n    headers: {X-Requested-With: x}\n"
            "    items: data.posts\n    link: url_path\n    base: http://example.test/\n"
            "    rewrite: ['^/home/', '/']\n"
            "  - type: daily_sitemap\n    url: http://example.test/s/{date:%Y-%m-%d}.xml\n",
        ),
        encoding="utf-8",
    )
    outlet = load_outlet(path)
    json_source, daily = outlet.sources
    assert json_source.headers == (("X-Requested-With", "x"),)
    assert (json_source.items, json_source.link, json_source.rewrite) == (
        "data.posts",
        "url_path",
        ("^/home/", "/"),
    )
    from datetime import date

    assert daily.for_days(date(2026, 1, 30), date(2026, 2, 1)) == [
        "http://example.test/s/2026-02-01.xml",
        "http://example.test/s/2026-01-31.xml",
        "http://example.test/s/2026-01-30.xml",
    ]
    assert outlet.dated_sources == (daily,)
