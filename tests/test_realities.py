"""Outlets as real ones behave in 2026 (issue 14), on the mini-web: a JavaScript cookie wall, a
Next.js listing, a JSON endpoint, daily sitemaps, a feed whose "GMT" is Dhaka time, a changed
URL scheme. Crawls and `prohori outlets verify` against them, and what each says when it fails.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from crawler.dedup.urls import canonical_url
from crawler.miniweb import OUTLETS_DIR, REALITY_OUTLETS_DIR, MiniWeb
from crawler.outlets import check_outlets
from tests.conftest import article_rows, crawl_command, prohori, status_json

DHAKA = ZoneInfo("Asia/Dhaka")


@pytest.fixture(scope="module")
def web() -> Iterator[MiniWeb]:
    with MiniWeb(realities=True) as served:
        yield served


def _crawl(web: MiniWeb, db: Path, *extra: str, seeds: Path = REALITY_OUTLETS_DIR) -> Any:
    args = crawl_command(web, db, "-s", "PROHORI_CHALLENGE_WAIT=10", *extra, seeds=seeds)[3:]
    return prohori(*args, check=False)


def _verify(web: MiniWeb, *extra: str, seeds: Path = REALITY_OUTLETS_DIR) -> Any:
    return prohori(
        "outlets", "verify", "--seeds", str(seeds), "--json",
        "-s", f"PROHORI_MINIWEB={web.proxy_url}", "-s", "PROHORI_CHALLENGE_WAIT=10", *extra,
        check=False,
    )  # fmt: skip


def _stored(db: Path) -> dict[str, dict[str, Any]]:
    return {row["canonical_url"]: row for row in article_rows(db)}


def _urls(web: MiniWeb, host: str) -> set[str]:
    return {canonical_url(url) for url in web.article_urls(host)}


@pytest.fixture(scope="module")
def crawled(web: MiniWeb, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("realities") / "real.db"
    result = _crawl(web, db)
    return {"db": db, "result": result, "rows": _stored(db), "status": status_json(db)}


def test_the_2026_seeds_are_valid() -> None:
    assert [error for _, error in check_outlets(REALITY_OUTLETS_DIR) if error] == []


def test_a_cookie_wall_is_passed_in_the_browser(web: MiniWeb, crawled: dict[str, Any]) -> None:
    """Plain HTTP always meets the challenge; Chromium runs the page's script and passes, and the
    outlet stays in the browser for the rest of the run."""
    assert crawled["result"].returncode == 0, crawled["result"].stdout + crawled["result"].stderr
    assert _urls(web, "deyal.test") <= set(crawled["rows"])
    outlet = next(o for o in crawled["status"]["outlets"] if o["key"] == "deyal")
    assert outlet["browser"] == "needed" and outlet["health"] == "ok"
    figures = crawled["status"]["runs"][-1]["outlets"]["deyal"]
    assert figures["browser_retries"] == 1 and figures["browser_passed"] >= 1
    assert figures["browser_blocked"] == 0


def test_links_found_only_in_embedded_json(web: MiniWeb, crawled: dict[str, Any]) -> None:
    from crawler.fetch.discovery import listing_links
    from crawler.outlets import load_outlets

    page = web.sites["sangbad-sutra.test"].route("/latest", {})
    assert page is not None
    outlet = load_outlets(REALITY_OUTLETS_DIR, "sangbad-sutra")[0]
    assert listing_links(page.body.decode(), "http://sangbad-sutra.test/latest", outlet) == []
    assert _urls(web, "sangbad-sutra.test") <= set(crawled["rows"])


def test_a_json_endpoint_gives_links_titles_and_dates(
    web: MiniWeb, crawled: dict[str, Any]
) -> None:
    """The endpoint wants X-Requested-With (the seed sends it); its pages print no date, so the
    JSON's created_at (Dhaka time, no offset) is the publication date."""
    without = web.resolve("khabar-json.test", "/ajax/load/latestnews/30/0/0", {})
    assert without.status == 403
    site = web.sites["khabar-json.test"]
    for story in site.stories:
        row = crawled["rows"][canonical_url(site.url_of(story))]
        assert row["published"] == story["published"]


def test_a_feed_whose_gmt_is_dhaka_time(web: MiniWeb, crawled: dict[str, Any]) -> None:
    site = web.sites["somoyer-kotha.test"]
    feed = site.route("/rss.xml", {})
    assert feed is not None and b" GMT</pubDate>" in feed.body
    for story in site.stories:
        assert crawled["rows"][canonical_url(site.url_of(story))]["published"] == story["published"]


def test_daily_sitemaps_today_and_yesterday(web: MiniWeb, crawled: dict[str, Any]) -> None:
    site = web.sites["dainik-sitemap.test"]
    today = datetime.now(DHAKA).date()
    recent = {
        canonical_url(site.url_of(s))
        for s in site.stories
        if date.fromisoformat(s["published"][:10]) >= today - timedelta(days=1)
    }
    stored = {u for u in crawled["rows"] if "dainik-sitemap.test" in u}
    assert stored == recent and len(recent) == 2


def test_a_backfill_walks_every_day_of_the_daily_sitemaps(web: MiniWeb, tmp_path: Path) -> None:
    today = datetime.now(DHAKA).date()
    since = today - timedelta(days=5)
    before = len(web.requested)
    result = _crawl(
        web, tmp_path / "b.db", "--outlet", "dainik-sitemap",
        "--since", since.isoformat(), "--until", today.isoformat(),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    asked = {u for u in web.requested[before:] if "sitemap-daily-" in u}
    assert asked == {
        f"http://dainik-sitemap.test/sitemap/sitemap-daily-{since + timedelta(days=n)}.xml"
        for n in range(6)
    }
    assert set(_stored(tmp_path / "b.db")) == _urls(web, "dainik-sitemap.test")


def test_since_names_the_outlets_without_a_dated_source(web: MiniWeb, tmp_path: Path) -> None:
    today = datetime.now(DHAKA).date().isoformat()
    result = _crawl(web, tmp_path / "s.db", "--outlet", "khabar-json", "--since", today)
    assert result.returncode == 0
    assert "--since walks only dated sources" in result.stdout and "khabar-json" in result.stdout


def test_a_changed_url_scheme_finds_nothing_and_says_so(crawled: dict[str, Any]) -> None:
    assert not [u for u in crawled["rows"] if "notun-path.test" in u]
    outlet = next(o for o in crawled["status"]["outlets"] if o["key"] == "notun-path")
    assert outlet["health"] == "no articles discovered"


def test_verify_passes_the_working_outlets_and_names_the_broken_one(web: MiniWeb) -> None:
    result = _verify(web)
    assert result.returncode == 1  # notun-path fails
    lines = {r["outlet"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(lines) == {p.stem for p in REALITY_OUTLETS_DIR.glob("*.yaml")}
    for key, line in lines.items():
        assert set(line) == {"outlet", "ok", "sources", "sample"}
        assert line["ok"] is (key != "notun-path"), line
    broken = lines["notun-path"]["sources"][0]
    assert broken["status"] == 200 and broken["links"] == 6 and broken["articles"] == 0
    assert "allow" in broken["problem"]
    good = lines["khabar-json"]
    assert good["sample"]["published"] and good["sample"]["chars"] > 200
    assert set(good["sources"][0]) == {"url", "type", "status", "links", "articles", "problem"}


def test_verify_passes_the_classic_mini_web(web: MiniWeb) -> None:
    """Feeds, a news sitemap, a WordPress sitemap index (its child sitemaps read) and paginated
    listings with a date archive (a quiet day is no fault) all pass."""
    result = _verify(web, seeds=OUTLETS_DIR)
    assert result.returncode == 0, result.stdout
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 4 and all(line["ok"] for line in lines)
    wordpress = next(line for line in lines if line["outlet"] == "sonar-desh")
    assert wordpress["sources"][0]["articles"] > 10


def _seeds(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def _edited(name: str, old: str, new: str) -> str:
    text = (REALITY_OUTLETS_DIR / f"{name}.yaml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


def test_verify_gives_the_right_reason_for_each_broken_case(web: MiniWeb, tmp_path: Path) -> None:
    seeds = _seeds(
        tmp_path,
        # the old feed answers "Access denied" with a 200: no feed at all
        dead_feed=_edited("khabar-json", "type: json", "type: rss")
        .replace("ajax/load/latestnews/30/0/0", "feed/rss.xml")
        .split("    headers:")[0]
        + "allow: ['/news/']\n",
        # the JSON endpoint without the header it wants
        no_header=_edited("khabar-json", "name: Khabar Json", "name: No Header").replace(
            "      X-Requested-With: XMLHttpRequest\n", "      Accept: application/json\n"
        ),
        # the wall with the browser forbidden
        plain_http=_edited("deyal", "fetch: auto", "fetch: http").replace("Deyal", "Plain Http"),
        # a sitemap that is gone
        gone=_edited("dainik-sitemap", "sitemap/sitemap-daily-", "sitemap/gone-").replace(
            "Dainik Sitemap", "Gone"
        ),
    )
    result = _verify(web, seeds=seeds)
    assert result.returncode == 1
    lines = {r["outlet"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert not any(line["ok"] for line in lines.values())
    problem = {key: line["sources"][0]["problem"] for key, line in lines.items()}
    assert problem["khabar-json"] in ("lists no links", "not a readable rss")
    assert problem["no-header"] == "blocked"  # 403 "Access denied", as the real endpoint
    assert problem["plain-http"] == "challenge"
    assert problem["gone"] == "http_404"


def test_verify_write_records_the_verdict_and_keeps_comments(web: MiniWeb, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(REALITY_OUTLETS_DIR, seeds)
    for path in seeds.glob("*.yaml"):
        path.write_text(path.read_text().replace("verified: true", "verified: false"))
    before = (seeds / "notun-path.yaml").read_text()
    _verify(web, "--write", "--outlet", "khabar-json", seeds=seeds)
    _verify(web, "--write", "--outlet", "notun-path", seeds=seeds)
    good = (seeds / "khabar-json.yaml").read_text()
    assert f"verified: true\nverified_on: '{date.today()}'" in good
    assert good.startswith("# Mini-web outlet (fictional): its RSS answers")
    assert (seeds / "notun-path.yaml").read_text() == before  # failed: stays false
    assert [error for _, error in check_outlets(seeds) if error] == []


def test_a_wall_even_the_browser_cannot_pass_is_reported(web: MiniWeb, tmp_path: Path) -> None:
    """A challenge that never clears (the real Cloudflare page, whose script cannot run here)
    is counted as blocked in the browser too; an outlet with fetch: http is never retried."""
    web.fault("http://deyal.test/latest", "challenge")
    try:
        db = tmp_path / "wall.db"
        result = _crawl(web, db, "--outlet", "deyal", "-s", "PROHORI_CHALLENGE_WAIT=2")
    finally:
        web.faults.clear()
    assert result.returncode == 1
    assert "no outlet answered (deyal: challenge" in result.stdout
    outlet = status_json(db)["outlets"][0]
    assert outlet["browser"] == "blocked" and "in the browser too" in outlet["health"]
    seeds = _seeds(tmp_path, plain=_edited("deyal", "fetch: auto", "fetch: http"))
    plain = _crawl(web, tmp_path / "plain.db", seeds=seeds)
    assert plain.returncode == 1 and "deyal: challenge" in plain.stdout
    figures = sqlite3.connect(tmp_path / "plain.db").execute("select figures from run_outlets")
    assert json.loads(figures.fetchone()[0])["browser_retries"] == 0
