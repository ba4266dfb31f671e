"""The review app (Flask): routes, login, CSRF and the security headers.

Every page but the login page needs a session (``require_login``); every POST carries a CSRF
token (Flask-WTF's CSRFProtect); scraped text only ever reaches a page through Jinja2's
autoescaping, and the Content-Security-Policy forbids inline scripts as a second wall.
"""

from __future__ import annotations

import secrets
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlite_utils
from flask import Flask, flash, redirect, render_template, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.wrappers import Response

from crawler.review import dashboard as dash
from crawler.review import data, views
from crawler.review.users import check_user, user_exists
from crawler.store import DatabaseLocked, Storage, ThreadStorage
from crawler.store.search import explain, search

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
PAGE = 20  # search results per page


class Reviewer(UserMixin):
    def __init__(self, name: str) -> None:
        self.id = name
        self.name = name


def _secret(storage: Storage) -> str:
    """The session-signing key, made once and kept in the database (sessions survive a
    restart of the server; a new database means new sessions)."""
    with storage.write() as db:
        db.execute(
            "insert or ignore into app_secrets values ('session', ?)", [secrets.token_hex(32)]
        )
        row = db.execute("select value from app_secrets where name = 'session'").fetchone()
    return str(row[0])


def _safe_next(target: str | None) -> str:
    """Only a path on this site: a login link must not send the reviewer elsewhere."""
    if not target:
        return url_for("queue")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("queue")
    return target


def create_app(db_path: str | Path, testing: bool = False, db_timeout: float = 30.0) -> Flask:
    """The app on one database; ``db_timeout``: seconds a request waits for a crawl's write
    lock before it answers "busy" (nothing is lost: the reviewer submits again)."""
    db_path = str(db_path)
    # One storage per server thread (SQLite connections are not shared across threads); the
    # first one checks and migrates the database, at start.
    stores = ThreadStorage(db_path, db_timeout)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=_secret(stores.get()),
        TESTING=testing,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session: long reviews
        PROHORI_DB=db_path,
    )
    app.extensions["prohori_storage"] = stores
    CSRFProtect(app)
    login = LoginManager(app)
    login.login_view = "login"
    login.session_protection = "strong"

    @login.user_loader
    def load_user(name: str) -> Reviewer | None:
        # A removed or disabled user loses their open sessions at the next request.
        return Reviewer(name) if user_exists(db(), name) else None

    def db() -> sqlite_utils.Database:
        return stores.get().db

    @app.before_request
    def require_login() -> Response | None:
        if request.endpoint in ("login", "static", "favicon") or current_user.is_authenticated:
            return None
        return redirect(url_for("login", next=request.full_path.rstrip("?")))

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        if response.mimetype == "text/html":
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_template("error.html", message=f"Form rejected: {error.description}"), 400

    @app.errorhandler(DatabaseLocked)
    @app.errorhandler(sqlite3.OperationalError)
    def busy(error: Exception) -> tuple[str, int]:
        message = (
            "The database is busy (a crawl is writing); nothing was lost: go back and submit again."
            if "locked" in str(error) or "busy" in str(error)
            else f"Database error: {error}"
        )
        return render_template("error.html", message=message), 503

    @app.route("/login", methods=["GET", "POST"], endpoint="login")
    def login_page() -> Any:
        error = None
        if request.method == "POST":
            name = request.form.get("username", "").strip()
            if check_user(db(), name, request.form.get("password", "")):
                login_user(Reviewer(name))
                return redirect(_safe_next(request.args.get("next")))
            error = "Wrong user name or password."
        return render_template("login.html", error=error), 401 if error else 200

    @app.post("/logout")
    def logout() -> Response:
        logout_user()
        return redirect(url_for("login"))

    @app.get("/")
    def index() -> Response:
        return redirect(url_for("queue"))

    @app.get("/favicon.ico")
    def favicon() -> Response:
        # Browsers ask for /favicon.ico before they read the page's <link rel="icon">.
        return redirect(url_for("static", filename="favicon.svg"), code=301)

    @app.get("/queue")
    def queue() -> str:
        filters = data.Filters.from_args(request.args)
        items, total = data.queue(db(), filters, current_user.name)
        current = data.story(db(), items[0]["id"]) if items else None
        return render_template(
            "queue.html",
            items=items,
            total=total,
            story=current,
            filters=filters,
            choices=data.choices(db()),
        )

    @app.get("/story/<int:article_id>")
    def story(article_id: int) -> Any:
        found = data.story(db(), article_id)
        if found is None:
            return render_template("error.html", message="No such article."), 404
        return render_template("story.html", story=found, filters=data.Filters())

    @app.post("/review/<int:article_id>")
    def review(article_id: int) -> Any:
        decision = request.form.get("decision", "")
        try:
            data.record(
                stores.get(), article_id, decision, current_user.name, request.form.get("note", "")
            )
        except (LookupError, ValueError) as exc:
            return render_template("error.html", message=str(exc)), 400
        flash(f"Recorded: {decision}", "ok")
        back = request.form.get("back")
        if back == "story":
            return redirect(url_for("story", article_id=article_id))
        filters: dict[str, Any] = data.Filters.from_args(request.form).as_args()
        return redirect(url_for("label_next" if back == "label-next" else "queue", **filters))

    @app.get("/search")
    def search_page() -> str:
        query = request.args.get("q", "").strip()[:200]
        page = max(request.args.get("page", 1, type=int) or 1, 1)
        filters = data.Filters.from_args(request.args)
        hits, total = (
            search(db(), query, PAGE, (page - 1) * PAGE, filters.as_args()) if query else ([], 0)
        )
        return render_template(
            "search.html",
            query=query,
            hits=hits,
            total=total,
            page=page,
            pages=(total + PAGE - 1) // PAGE,
            explained=explain(query),
            filters=filters,
            choices=data.choices(db()),
        )

    @app.get("/reviews")
    def reviews() -> str:
        return render_template("reviews.html", decisions=data.recent_decisions(db()))

    @app.get("/dashboard")
    def dashboard() -> str:
        days = min(max(request.args.get("days", 30, type=int) or 30, 7), 365)
        by = "published" if request.args.get("by") == "published" else "crawled"
        return render_template(
            "dashboard.html",
            daily=dash.daily(db(), days, by),
            health=dash.health_over_time(db()),
            chart_w=dash.CHART_W,
            chart_h=dash.CHART_H,
        )

    views.register(app, db)
    return app
