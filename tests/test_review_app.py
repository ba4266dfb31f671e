"""The review app through Flask's test client: login, CSRF, escaping, queue, filters, search,
decisions beside the machine label, and the dashboard. (The browser test drives the same app
through Chromium: tests/test_review_browser.py.)"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from crawler.miniweb.hostile import AUTHOR_PAYLOAD, TEXT_PAYLOAD, TITLE_PAYLOAD
from crawler.monitor.figures import Figures
from crawler.review import create_app
from tests.conftest import REVIEWER

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def rows(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def token(client: FlaskClient, path: str = "/login") -> str:
    match = TOKEN.search(client.get(path).get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def log_in(client: FlaskClient) -> None:
    name, password = REVIEWER
    response = client.post(
        "/login", data={"username": name, "password": password, "csrf_token": token(client)}
    )
    assert response.status_code == 302, response.get_data(as_text=True)


@pytest.fixture
def app(fresh_review_db: Path) -> Flask:
    return create_app(fresh_review_db, testing=True)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    client = app.test_client()
    log_in(client)
    return client


def flagged_queue(db: Path) -> list[tuple[int, str, str]]:
    """The expected queue, computed here from the articles table: flagged canonical stories."""
    return rows(
        db,
        """select rowid, outlet, published from articles where relevant = 1
           and duplicate_of is null order by published desc""",
    )


def queue_ids(client: FlaskClient, **args: str) -> list[int]:
    html = client.get("/queue", query_string=args).get_data(as_text=True)
    current = re.findall(r'data-article="(\d+)"', html)
    upcoming = re.findall(r'<li><a href="/story/(\d+)">', html)
    return [int(i) for i in current + upcoming]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/queue",
        "/search?q=রাশিয়া",
        "/dashboard",
        "/reviews",
        "/story/1",
        "/research",
        "/research/by-partner.csv",
        "/label-next",
    ],
)
def test_every_page_needs_a_login(app: Flask, path: str) -> None:
    response = app.test_client().get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_login_rejects_wrong_password_and_foreign_redirects(
    app: Flask, fresh_review_db: Path
) -> None:
    client = app.test_client()
    name, password = REVIEWER
    bad = client.post(
        "/login", data={"username": name, "password": "wrong", "csrf_token": token(client)}
    )
    assert bad.status_code == 401 and "Wrong user name or password" in bad.get_data(as_text=True)
    assert client.get("/queue").status_code == 302  # still logged out
    good = client.post(
        "/login?next=//evil.example/steal",
        data={"username": name, "password": password, "csrf_token": token(client)},
    )
    assert good.headers["Location"] == "/queue"  # no open redirect
    assert client.get("/queue").status_code == 200
    stored = rows(fresh_review_db, "select password_hash from users where name = ?", (name,))
    assert stored[0][0].startswith("scrypt:") and password not in stored[0][0]


def test_every_post_needs_a_csrf_token(
    app: Flask, client: FlaskClient, fresh_review_db: Path
) -> None:
    article = flagged_queue(fresh_review_db)[0][0]
    posts = [
        rule.rule.replace("<int:article_id>", str(article))
        for rule in app.url_map.iter_rules()
        if "POST" in (rule.methods or set())
    ]
    assert {"/login", "/logout", f"/review/{article}"} <= set(posts)
    for path in posts:
        for form in ({"decision": "relevant"}, {"decision": "relevant", "csrf_token": "forged"}):
            response = client.post(path, data=form)
            assert response.status_code == 400, path
            assert "CSRF" in response.get_data(as_text=True)
    assert rows(fresh_review_db, "select count(*) from reviews") == [(0,)]
    assert client.get("/queue").status_code == 200  # the session survived (logout refused)


def test_scraped_payloads_are_shown_as_text(client: FlaskClient, fresh_review_db: Path) -> None:
    hostile = rows(fresh_review_db, "select rowid from articles where outlet = 'bisakto'")
    assert len(hostile) == 3
    pages = {f"/story/{rowid}": client.get(f"/story/{rowid}") for (rowid,) in hostile}
    pages["queue"] = client.get("/queue", query_string={"outlet": "bisakto"})
    pages["search"] = client.get("/search", query_string={"q": "পাঠকের মন্তব্য"})
    for where, response in pages.items():
        html = response.get_data(as_text=True)
        assert response.status_code == 200, where
        for payload in (TITLE_PAYLOAD, AUTHOR_PAYLOAD, "<script>window.__pwned"):
            assert payload not in html, where
        assert str(escape(TITLE_PAYLOAD)) in html, where  # shown, as text
        if where != "search":  # (search shows the title and a snippet of the text)
            assert str(escape(TEXT_PAYLOAD)) in html, where
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_queue_is_flagged_unreviewed_newest_first(
    client: FlaskClient, fresh_review_db: Path
) -> None:
    expected = flagged_queue(fresh_review_db)
    assert len(expected) == 8  # 5 mini-web seeds (one syndicated copy left out) + 3 hostile
    assert queue_ids(client) == [rowid for rowid, _, _ in expected]
    html = client.get("/queue").get_data(as_text=True)
    assert "8 flagged stories to review" in html
    assert '<mark class="evidence"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_decisions_sit_beside_the_machine_label(client: FlaskClient, fresh_review_db: Path) -> None:
    first, second, third = (r[0] for r in flagged_queue(fresh_review_db)[:3])
    before = rows(fresh_review_db, "select relevant, score from articles where rowid = ?", (first,))
    csrf = token(client, "/queue")
    for article, decision, note in (
        (first, "irrelevant", "কেবল কূটনৈতিক বৈঠক"),
        (second, "relevant", ""),
        (third, "skip", ""),
    ):
        response = client.post(
            f"/review/{article}",
            data={"decision": decision, "note": note, "csrf_token": csrf, "outlet": ""},
        )
        assert response.status_code == 302
    stored = rows(
        fresh_review_db,
        """select a.rowid, r.decision, r.reviewer, r.note, r.decided_at from reviews r
           join articles a on a.canonical_url = r.canonical_url order by r.id""",
    )
    assert [(r[0], r[1], r[2], r[3]) for r in stored] == [
        (first, "irrelevant", REVIEWER[0], "কেবল কূটনৈতিক বৈঠক"),
        (second, "relevant", REVIEWER[0], None),
        (third, "skip", REVIEWER[0], None),
    ]
    assert all(r[4] for r in stored)
    # The machine label is untouched; decided stories leave the queue, a skipped one goes last.
    assert (
        rows(fresh_review_db, "select relevant, score from articles where rowid = ?", (first,))
        == before
    )
    ids = queue_ids(client)
    assert first not in ids and second not in ids and ids[-1] == third and len(ids) == 6
    bad = client.post(f"/review/{first}", data={"decision": "maybe", "csrf_token": csrf})
    assert bad.status_code == 400


def test_queue_filters(client: FlaskClient, fresh_review_db: Path) -> None:
    data = rows(
        fresh_review_db,
        """select rowid, outlet, partners, topics, substr(published, 1, 10) from articles
           where relevant = 1 and duplicate_of is null""",
    )

    def expect(keep: Any) -> set[int]:
        return {r[0] for r in data if keep(r)}

    assert set(queue_ids(client, outlet="sonar-desh")) == expect(lambda r: r[1] == "sonar-desh")
    assert set(queue_ids(client, partner="India")) == expect(lambda r: "India" in json.loads(r[2]))
    assert set(queue_ids(client, topic="arms")) == expect(lambda r: "arms" in json.loads(r[3]))
    window = expect(lambda r: "2025-01-01" <= r[4] <= "2025-12-31")
    assert set(queue_ids(client, since="2025-01-01", until="2025-12-31")) == window
    assert 0 < len(window) < len(data)
    assert queue_ids(client, since="not a date") == queue_ids(client)  # ignored, not an error


def test_search_finds_inflected_forms_in_either_unicode_form(client: FlaskClient) -> None:
    totals = {}
    for query in ("রাশিয়া", "রাশিয়া", "রাশিয়ার"):  # precomposed য়, য + nukta, inflected
        html = client.get("/search", query_string={"q": query}).get_data(as_text=True)
        found = re.search(r'id="search-count">(\d+)', html)
        assert found, html[:500]
        totals[query] = int(found.group(1))
        assert "<mark>রাশিয়ার</mark>" in html or "<mark>রাশিয়াকে</mark>" in html
    assert len(set(totals.values())) == 1 and next(iter(totals.values())) > 20


def test_dashboard_charts_and_health(client: FlaskClient, fresh_review_db: Path) -> None:
    html = client.get("/dashboard").get_data(as_text=True)
    counts = dict(
        (o, (n, f))
        for o, n, f in rows(
            fresh_review_db, "select outlet, count(*), sum(relevant) from articles group by outlet"
        )
    )
    charts = re.findall(r'data-outlet="([\w-]+)" data-total="(\d+)" data-flagged="(\d+)"', html)
    assert {o: (int(n), int(f)) for o, n, f in charts} == counts
    assert html.count('class="health-now ok"') == len(counts)
    # A run where an outlet's feed is gone shows up in its strip and as its health now.
    conn = sqlite3.connect(fresh_review_db)
    run = conn.execute(
        "insert into crawl_runs (started, finished, finish_reason) values "
        "('2026-11-23T10:00:00', '2026-11-23T10:01:00', 'finished')"
    ).lastrowid
    gone = Figures(
        requests=2, responses=2, statuses={"404": 1}, error_reasons={"source_http_404": 1}
    )
    conn.execute(
        "insert into run_outlets (run_id, outlet, figures) values (?, 'khobor24', ?)",
        (run, gone.to_json()),
    )
    conn.commit()
    conn.close()
    html = client.get("/dashboard").get_data(as_text=True)
    row = re.search(r'<tr data-outlet="khobor24">(.*?)</tr>', html, re.S)
    assert row and "feed or sitemap gone" in row.group(1) and 'class="bad"' in row.group(1)
    published = client.get("/dashboard?by=published&days=3650").get_data(as_text=True)
    assert published.count("<figure") == len(counts)


def test_users_command_validates_and_never_stores_the_password(tmp_path: Path) -> None:
    from tests.conftest import prohori

    db = str(tmp_path / "u.db")

    def add(name: str, password: str, *extra: str) -> Any:
        return prohori(
            "users", "add", name, "--db", db, "--password-stdin", *extra,
            check=False, stdin=password + "\n",
        )  # fmt: skip

    assert "at least 8 characters" in add("amina", "short").stderr
    assert "user name" in add("a b", "long enough password").stderr
    assert add("amina", "long enough password").returncode == 0
    assert "exists; use --replace" in add("amina", "another password").stderr
    assert add("amina", "another password", "--replace").returncode == 0
    assert prohori("users", "list", "--db", db).stdout.startswith("amina\t")
    (stored,) = rows(Path(db), "select password_hash from users")
    assert "another password" not in stored[0] and stored[0].startswith("scrypt:")
    assert prohori("users", "remove", "amina", "--db", db).returncode == 0
    assert "no user 'amina'" in prohori("users", "remove", "amina", "--db", db, check=False).stderr


def test_a_locked_database_answers_busy_and_loses_nothing(fresh_review_db: Path) -> None:
    app = create_app(fresh_review_db, testing=True, db_timeout=0.2)
    client = app.test_client()
    log_in(client)
    article = flagged_queue(fresh_review_db)[0][0]
    form = {"decision": "relevant", "note": "", "csrf_token": token(client, "/queue")}
    crawl = sqlite3.connect(fresh_review_db)
    crawl.execute("begin immediate")  # a crawl holding the write lock
    try:
        busy = client.post(f"/review/{article}", data=form)
        assert busy.status_code == 503
        assert "database is busy" in busy.get_data(as_text=True)
    finally:
        crawl.rollback()
        crawl.close()
    assert client.post(f"/review/{article}", data=form).status_code == 302  # submitted again
    assert rows(fresh_review_db, "select count(*) from reviews") == [(1,)]


def test_serve_says_why_it_cannot_listen(fresh_review_db: Path) -> None:
    import socket

    from tests.conftest import prohori

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        port = str(taken.getsockname()[1])
        result = prohori("serve", "--db", str(fresh_review_db), "--port", port, check=False)
    finally:
        taken.close()
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr
    missing = prohori("serve", "--db", str(fresh_review_db) + ".nope", check=False)
    assert missing.returncode == 1 and "no database at" in missing.stderr
