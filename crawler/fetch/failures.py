"""Why a fetch failed, as a short stable reason counted per outlet (``errors/<reason>``)."""

from __future__ import annotations

from scrapy.core.downloader.handlers.http11 import _DataLoss
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.defer import TimeoutError as DefTimeoutError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError
from twisted.internet.error import TimeoutError as ConnectTimeoutError
from twisted.web._newclient import ResponseFailed

from crawler.text.pages import response_problem


def failure_reason(error: BaseException) -> str:
    """A short, stable reason for a failed fetch: ``http_404``, ``challenge``, ``timeout``,
    ``truncated``, ``redirect_loop``, ``too_large``, ``robots_forbidden``, ``dns``, ..."""
    message = str(error)
    if isinstance(error, HttpError):
        response = error.response
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        problem = response_problem(response.body, content_type, response.status, 1 << 62)
        return problem[0] if problem and problem[0] == "challenge" else f"http_{response.status}"
    if isinstance(error, IgnoreRequest):
        if "robots.txt" in message:
            return "robots_forbidden"
        if "redirect" in message.lower():
            return "redirect_loop"
        if "size" in message.lower() or "maxsize" in message.lower():
            return "too_large"
        return "ignored"
    # Scrapy >= 2.14 raises its own exception types; older ones raise Twisted's.
    if isinstance(
        error,
        (
            DownloadTimeoutError,
            TimeoutError,
            DefTimeoutError,
            TCPTimedOutError,
            ConnectTimeoutError,
        ),
    ):
        return "timeout"
    if isinstance(error, (ResponseDataLossError, ResponseFailed, _DataLoss)):
        return "truncated"
    if isinstance(error, (CannotResolveHostError, DNSLookupError)):
        return "dns"
    if isinstance(error, (DownloadConnectionRefusedError, ConnectionRefusedError)):
        return "connection_refused"
    return type(error).__name__
