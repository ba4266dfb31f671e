"""The review web app: a login-protected queue of flagged stories, search and a dashboard.

Flask (server-rendered Jinja2 pages, autoescaped), Flask-Login for sessions, Flask-WTF for CSRF
tokens on every POST, served by waitress. Start it with ``prohori serve --db PATH``.
"""

from crawler.review.app import create_app

__all__ = ["create_app"]
