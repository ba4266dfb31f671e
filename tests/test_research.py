"""The research view (charts' data, CSV, permalinks; stories counted once per cluster), story
threads on the review page, and the "label next" queue, through Flask's test client. (The
browser test draws the same view in Chromium: tests/test_review_browser.py.)"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from crawler.review import create_app
from crawler.store.search import fts_query
from tests.research_fixture import WINDOW, add_research_rows, rowid, url
from tests.test_review_app import log_in, rows, token


@pytest.fixture
def client(fresh_review_db: Path) -> FlaskClient:
    client = create_app(fresh_review_db, testing=True).test_client()
    log_in(client)
    return client


@pytest.fixture
def research_db(fresh_review_db: Path) -> Path:
    add_research_rows(fresh_review_db)
    return fresh_review_db


@pytest.fixture
def research_client(research_db: Path) -> FlaskClient:
    client = create_app(research_db, testing=True).test_client()
    log_in(client)
    return client


def drawn(client: FlaskClient, **args: str) -> dict[str, Any]:
    html = client.get("/research", query_string=args).get_data(as_text=True)
    found = re.search(r'<script type="application/json" id="research-data">(.*?)</script>', html)
    assert found, html[:300]
    return dict(json.loads(found.group(1)))


def table(client: FlaskClient, chart: str, **args: str) -> list[dict[str, str]]:
    response = client.get(f"/research/{chart}.csv", query_string=args)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def stacks(figure: dict[str, Any]) -> dict[str, list[int]]:
    return {s["name"]: s["counts"] for s in figure["series"]}


def test_without_threads_every_view_works(client: FlaskClient, fresh_review_db: Path) -> None:
    conn = sqlite3.connect(fresh_review_db)  # as a database crawled before threads existed
    with conn:
        conn.execute("update articles set thread_id = null")
        conn.execute("delete from threads")
    conn.close()
    html = client.get("/research").get_data(as_text=True)
    assert "No story threads in this view" in html
    assert table(client, "threads") == [] and table(client, "coverage") == []
    flagged = rows(
        fresh_review_db,
        "select count(*) from articles where relevant = 1 and duplicate_of is null",
    )[0][0]
    figures = drawn(client)
    assert sum(figures["by-outlet"]["totals"]) + figures["by-outlet"]["undated"] == flagged
    assert figures["by-partner"]["months"][0] == "2020-02"  # no cap on the range: 2020 on
    story = client.get(f"/story/{flagged_id(fresh_review_db)}").get_data(as_text=True)
    assert 'id="thread"' not in story


def flagged_id(db: Path) -> int:
    return int(rows(db, "select rowid from articles where relevant = 1 limit 1")[0][0])


def test_stories_are_counted_once_per_month_partner_topic_and_outlet(
    research_client: FlaskClient,
) -> None:
    figures = drawn(research_client, **WINDOW)
    months = ["2025-01", "2025-02", "2025-03"]
    partner, topic, outlet = (figures[f"by-{d}"] for d in ("partner", "topic", "outlet"))
    assert partner["months"] == topic["months"] == outlet["months"] == months
    # s1 ran on two outlets (a syndicated copy): one story, under its first report's outlet.
    assert stacks(partner) == {"India": [2, 0, 0], "China": [1, 0, 1]}  # larger stacks first
    assert [s["name"] for s in partner["series"]] == ["China", "India"]  # (ties by name)
    assert partner["totals"] == [2, 0, 1]  # s2 names India and China: one story
    assert stacks(topic) == {"arms": [1, 0, 1], "exercise": [1, 0, 0], "agreement": [0, 0, 1]}
    assert stacks(outlet) == {"barta-bazar": [0, 0, 1], "dainik-alo": [1, 0, 0],
                              "khobor24": [1, 0, 0]}  # fmt: skip
    assert table(research_client, "by-partner", **WINDOW) == [
        {"month": "2025-01", "partner": "China", "stories": "1", "stories_in_month": "2"},
        {"month": "2025-01", "partner": "India", "stories": "2", "stories_in_month": "2"},
        {"month": "2025-03", "partner": "China", "stories": "1", "stories_in_month": "1"},
    ]
    whole = research_client.get("/research").get_data(as_text=True)
    assert "1 undated story is not drawn" in whole  # s4
    # Any range: a window that starts before the data has its empty months too.
    early = drawn(research_client, since="2024-11-15", until="2025-01-31")
    assert early["by-topic"]["months"] == ["2024-11", "2024-12", "2025-01"]
    assert early["by-topic"]["totals"] == [0, 0, 2]


def test_basis_and_filters(research_client: FlaskClient) -> None:
    reviewed = drawn(research_client, basis="reviewed", **WINDOW)
    assert stacks(reviewed["by-outlet"]) == {"khobor24": [1, 0, 0]}  # u1, judged relevant
    assert [t["thread_id"] for t in reviewed["threads"]["threads"]] == ["t1"]
    china = drawn(research_client, partner="China", **WINDOW)
    assert china["by-outlet"]["totals"] == [1, 0, 1]
    assert [t["thread_id"] for t in china["threads"]["threads"]] == ["t2", "t3"]
    assert drawn(research_client, basis="nonsense", **WINDOW) == drawn(research_client, **WINDOW)


def test_thread_timeline_and_coverage(research_client: FlaskClient) -> None:
    assert table(research_client, "threads", **WINDOW) == [
        {
            "thread_id": "t1",
            "title": "রাশিয়া থেকে অস্ত্র কিনছে ভারত",
            "first_published": "2025-01-05T09:00:00+06:00",
            "first_outlet": "dainik-alo",
            "first_url": url("s1"),
            "last_published": "2025-01-06T09:00:00+06:00",
            "articles": "3",
            "outlets": "3",
        },
        {
            "thread_id": "t2",
            "title": "ভারত ও চীনের সঙ্গে রুশ মহড়া",
            "first_published": "2025-01-20T08:00:00+06:00",
            "first_outlet": "khobor24",
            "first_url": url("s2"),
            "last_published": "2025-01-22T08:00:00+06:00",
            "articles": "2",
            "outlets": "2",
        },
        {
            "thread_id": "t3",
            "title": "শিরোনাম s3",  # no threads row: the first report's title
            "first_published": "2025-03-02T10:00:00+06:00",
            "first_outlet": "barta-bazar",
            "first_url": url("s3"),
            "last_published": "2025-03-05T10:00:00+06:00",
            "articles": "2",
            "outlets": "2",
        },
    ]  # fmt: skip  (t4 holds no flagged story)
    coverage = [
        (r["thread_id"], r["outlet"], r["lag_hours"], r["articles"], r["first_report"])
        for r in table(research_client, "coverage", **WINDOW)
    ]
    assert coverage == [
        ("t1", "dainik-alo", "0.0", "1", "true"),
        ("t1", "sonar-desh", "2.0", "1", "false"),
        ("t1", "khobor24", "24.0", "1", "false"),
        ("t2", "khobor24", "0.0", "1", "true"),
        ("t2", "sonar-desh", "48.0", "1", "false"),
        ("t3", "barta-bazar", "0.0", "1", "true"),
        ("t3", "dainik-alo", "72.0", "1", "false"),
    ]
    figures = drawn(research_client, **WINDOW)
    assert {o["outlet"]: (o["first"], o["followed"]) for o in figures["coverage"]["outlets"]} == {
        "dainik-alo": (1, 1), "khobor24": (1, 1), "sonar-desh": (0, 2), "barta-bazar": (1, 0)
    }  # fmt: skip
    first = figures["threads"]["threads"][0]
    assert first["first_ms"] == 1736046000000 and first["last_ms"] == 1736132400000
    html = research_client.get("/research", query_string=WINDOW).get_data(as_text=True)
    matrix = re.search(r'<tr data-thread="t2">(.*?)</tr>', html, re.S)
    assert matrix and ">first<" in matrix.group(1) and "+48 h" not in matrix.group(1)
    assert "+2 d" in matrix.group(1)  # sonar-desh, two days after khobor24


def test_every_chart_has_its_csv_and_a_permalink_with_its_filters(
    research_client: FlaskClient,
) -> None:
    args = {"partner": "India", "basis": "flagged", **WINDOW}
    html = research_client.get("/research", query_string=args).get_data(as_text=True)
    for chart in ("by-partner", "by-topic", "by-outlet", "threads", "coverage"):
        figure = re.search(rf'<figure class="research" id="{chart}"(.*?)</figure>', html, re.S)
        assert figure, chart
        csv_link = re.search(r'class="csv" href="([^"]+)"', figure.group(1))
        permalink = re.search(r'class="permalink" href="([^"]+)"', figure.group(1))
        assert csv_link and permalink, chart
        link = permalink.group(1).replace("&amp;", "&")
        assert link.endswith("#" + chart)
        for key in ("partner=India", "since=2025-01-01", "until=2025-03-31"):
            assert key in link and key in csv_link.group(1).replace("&amp;", "&"), (chart, key)
        assert "basis" not in link  # the default is left out
        parts = urlsplit(link)
        again = research_client.get(parts.path + "?" + parts.query)
        assert again.status_code == 200
        assert research_client.get(csv_link.group(1).replace("&amp;", "&")).status_code == 200
    assert research_client.get("/research/nope.csv").status_code == 404


def test_the_story_page_shows_its_thread(research_client: FlaskClient, research_db: Path) -> None:
    html = research_client.get(f"/story/{rowid(research_db, 'u1')}").get_data(as_text=True)
    section = re.search(r'<section class="thread" id="thread" data-thread="t1">(.*?)</section>',
                        html, re.S)  # fmt: skip
    assert section, html[:500]
    items = re.findall(r"<li class=\"([^\"]*)\">(.*?)</li>", section.group(1), re.S)
    assert [("first" in c, "this story" in body) for c, body in items] == [
        (True, False), (False, False), (False, True)
    ]  # fmt: skip
    assert "dainik-alo" in items[0][1] and "2025-01-05 09:00" in items[0][1]
    assert "syndicated copy" in items[1][1] and "sonar-desh" in items[1][1]
    assert "3 articles in 3 outlets" in section.group(1)
    alone = research_client.get(f"/story/{rowid(research_db, 's4')}").get_data(as_text=True)
    assert 'id="thread"' not in alone


def test_label_next_serves_each_kind_marked_and_records_reviews(
    research_client: FlaskClient, research_db: Path
) -> None:
    from crawler.review.labelnext import thresholds

    conn = sqlite3.connect(research_db)
    canonical_undecided = conn.execute(
        """select count(*) from articles a where duplicate_of is null and score is not null
           and not exists (select 1 from reviews r where r.canonical_url = a.canonical_url
                           and r.decision in ('relevant', 'irrelevant'))"""
    ).fetchone()[0]
    conn.close()
    html = research_client.get("/label-next").get_data(as_text=True)
    assert f"{canonical_undecided} undecided stories" in html
    current = re.search(r'id="why"><span class="kind (\w+)">', html)
    upcoming = re.findall(r'<li data-kind="(\w+)">', html)
    kinds = [current.group(1) if current else "", *upcoming]
    assert len(kinds) == 20 and set(kinds) == {"near", "russia", "random"}
    assert kinds.count("near") == 10 and kinds.count("russia") == 6 and kinds.count("random") == 4
    assert html == research_client.get("/label-next").get_data(as_text=True)  # stable

    from crawler.review.data import Filters
    from crawler.review.labelnext import queue
    from crawler.store import Storage

    storage = Storage(research_db)
    cut = thresholds(storage.db)
    items, _ = queue(storage.db, Filters(), "amina")
    storage.close()
    assert cut["fixture"] == (0.5, "estimated")  # midway between 0.1 and 0.9
    assert cut[next(v for v in cut if v.startswith("prohori-clf"))][1] == "shipped"
    near = [i for i in items if i.kind == "near"]
    distances = [abs((i.score or 0) - (i.threshold or 0)) for i in near]
    assert distances == sorted(distances)
    russia = [i for i in items if i.kind == "russia"]
    assert all(not i.relevant for i in russia)
    assert [i.score or 0 for i in russia] == sorted((i.score or 0 for i in russia), reverse=True)
    assert "u1" not in {i.title.split()[-1] for i in items}  # decided: never served

    # A decision here is an ordinary review, and the story leaves the queue.
    first = items[0].id
    response = research_client.post(
        f"/review/{first}",
        data={"decision": "irrelevant", "note": "শুধু কূটনীতি", "back": "label-next",
              "csrf_token": token(research_client, "/label-next")},
    )  # fmt: skip
    assert response.status_code == 302 and response.headers["Location"].startswith("/label-next")
    stored = rows(research_db, "select decision, reviewer, note from reviews order by id desc")
    assert stored[0] == ("irrelevant", "amina", "শুধু কূটনীতি")
    after = research_client.get("/label-next").get_data(as_text=True)
    assert f'data-article="{first}"' not in after
    assert f"{canonical_undecided - 1} undecided stories" in after


def test_label_next_on_an_empty_database(tmp_path: Path) -> None:
    from crawler.review.users import add_user
    from crawler.store import Storage

    storage = Storage(tmp_path / "empty.db")
    add_user(storage, "amina", "correct horse battery")
    storage.close()
    app: Flask = create_app(tmp_path / "empty.db", testing=True)
    client = app.test_client()
    log_in(client)
    for path in ("/label-next", "/research", "/research/threads.csv", "/research/by-topic.csv"):
        assert client.get(path).status_code == 200, path
    assert "Nothing left to label" in client.get("/label-next").get_data(as_text=True)


def test_search_page_takes_the_queue_filters_and_or_not(
    research_client: FlaskClient, research_db: Path
) -> None:
    def found(**args: str) -> list[str]:
        html = research_client.get("/search", query_string=args).get_data(as_text=True)
        return re.findall(r'class="hit" href="/story/(\d+)"', html)

    every = found(q="রাশিয়া")
    outlet = found(q="রাশিয়া", outlet="sonar-desh")
    assert 0 < len(outlet) < len(every)
    ids = ",".join(outlet)
    assert {
        r[0] for r in rows(research_db, f"select outlet from articles where rowid in ({ids})")
    } == {"sonar-desh"}
    china = sorted(found(q="রাশিয়া", partner="China", **WINDOW))
    assert china == sorted(str(rowid(research_db, k)) for k in ("s2", "s3"))
    html = research_client.get("/search", query_string={"q": "-রাশিয়া"}).get_data(as_text=True)
    assert "a search needs a word to find" in html
    query = "রাশিয়া OR চীন -ভারত"
    html = research_client.get("/search", query_string={"q": query}).get_data(as_text=True)
    shown = re.search(r"searched as: <code>(.*?)</code>", html)
    assert shown and unescape(shown.group(1)) == fts_query(query)
    assert " OR " in fts_query(query) and " NOT " in fts_query(query)


def test_the_favicon_needs_no_login(fresh_review_db: Path) -> None:
    client = create_app(fresh_review_db, testing=True).test_client()
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.headers["Location"].endswith("favicon.svg")
    with client.get(response.headers["Location"]) as icon:  # closes the served file
        assert icon.status_code == 200 and b"<svg" in icon.data
