"""A small HTTP GET for indexes and archives on static web servers.

Built on ``urllib`` (imported only when a request is made, so that
``import expander`` never loads the network code), with what a download of
team packs needs on top: a time limit for the whole download as well as each
read, a size limit, refusal of unsafe redirects, detection of a cut-off body,
and conditional requests (``If-None-Match`` / ``If-Modified-Since``).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO

from expander.errors import SourceError
from expander.team.formats import DEFAULT_DOWNLOAD_LIMIT
from expander.team.versions import expander_version

__all__ = ["Fetched", "http_get", "redirect_problem", "safe_last_modified"]


@dataclass(frozen=True, slots=True)
class Fetched:
    """One answer to a GET: the body, and the validators for asking again."""

    status: int  # 200, or 304 when unchanged
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    url: str | None = None  # after redirects


def http_get(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    limit: float = DEFAULT_DOWNLOAD_LIMIT,
    headers: Mapping[str, str] | None = None,
    sink: IO[bytes] | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> Fetched:
    """GET ``url``; 304 is an answer, every other failure a :class:`SourceError`.

    Each read waits at most ``timeout`` seconds, the whole download at most
    about ``limit``. The body goes to ``sink`` when given (it is not kept in
    memory). A body shorter than its Content-Length is an error:
    ``http.client`` returns a short read silently when a server drops the
    connection.
    """
    import http.client
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"Expander/{expander_version()}",
            "Accept-Encoding": "identity",
            **(headers or {}),
        },
    )
    try:
        opener = urllib.request.build_opener(_safe_redirects())
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        with contextlib.closing(exc):
            if exc.code == 304:
                return Fetched(304, b"")
            if 300 <= exc.code < 400:  # urllib gave up redirecting: a loop, or too many
                raise SourceError(
                    f"{url}: the server redirects in a loop (or more than "
                    f"{urllib.request.HTTPRedirectHandler.max_redirections} times): ask the "
                    "publisher to fix the address"
                ) from None
            hint = {
                404: ": nothing is published at this address; check it with the publisher",
                401: ": the server asks for a login, which Expander does not support",
                403: ": the server refuses access",
            }.get(exc.code, ": try again later")
            raise SourceError(
                f"{url}: the server answered HTTP {exc.code} {exc.reason}{hint}"
            ) from None
    except urllib.error.URLError as exc:
        raise SourceError(f"{url}: {_network_reason(exc.reason, timeout)}") from None
    except (TimeoutError, OSError, http.client.HTTPException, ValueError) as exc:
        raise SourceError(f"{url}: {_network_reason(exc, timeout)}") from None
    with response:
        started = time.monotonic()
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        if total is not None and total > max_bytes:
            raise SourceError(f"{url} is {total} bytes, more than the {max_bytes} allowed")
        body = bytearray()
        received = 0
        try:
            while True:
                # read1: what one receive brings, so the time limit is checked between
                # receives (read() would wait for the whole 64 KiB of a trickle)
                chunk = response.read1(1 << 16)
                if not chunk:
                    break
                received += len(chunk)
                if time.monotonic() - started > limit:
                    of = f" of {total}" if total is not None else ""
                    raise SourceError(
                        f"{url}: the download took longer than {limit:g} s "
                        f"({received}{of} bytes received): the connection is too slow; "
                        "try again later"
                    )
                if received > max_bytes:
                    raise SourceError(f"{url} is larger than the {max_bytes} bytes allowed")
                if sink is not None:
                    sink.write(chunk)
                else:
                    body += chunk
                if progress is not None:
                    progress(received, total)
        except (TimeoutError, OSError, http.client.HTTPException) as exc:
            raise SourceError(
                f"{url}: the download failed after {received} bytes: "
                f"{_network_reason(exc, timeout)}"
            ) from None
        if total is not None and received < total:
            raise SourceError(
                f"{url}: the download was cut off after {received} of {total} bytes "
                "(the connection was dropped): try again later"
            )
        return Fetched(
            200,
            bytes(body),
            response.headers.get("ETag"),
            safe_last_modified(response.headers.get("Last-Modified"), response.headers.get("Date")),
            response.geturl(),
        )


def redirect_problem(old_url: str, new_url: str) -> str | None:
    """Why a redirect must not be followed: not to http(s), or from https down to http."""
    from urllib.parse import urlsplit

    old, new = urlsplit(old_url).scheme.lower(), urlsplit(new_url).scheme.lower()
    if new not in ("http", "https"):
        return "Expander only follows redirects to http(s) addresses"
    if old == "https" and new == "http":
        return "a redirect from https to plain http would let the network change the pack"
    return None


def _safe_redirects() -> type:
    """A redirect handler class for ``urllib`` that refuses unsafe redirects."""
    import urllib.request

    class SafeRedirects(urllib.request.HTTPRedirectHandler):
        """urllib's redirects, refusing other schemes (ftp, file) and https -> http."""

        def http_error_302(  # type: ignore[no-untyped-def]
            self, req, fp, code, msg, headers
        ):
            # urllib refuses a file:// target itself, as an HTTPError that reads like a
            # server failure; say what happened instead
            location = headers.get("location") or headers.get("uri")
            if location:
                from urllib.parse import urljoin

                target = urljoin(req.full_url, location)
                problem = redirect_problem(req.full_url, target)
                if problem is not None:
                    fp.close()
                    raise SourceError(f"{req.full_url} redirects to {target}: refused ({problem})")
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    return SafeRedirects


def safe_last_modified(last_modified: str | None, date: str | None) -> str | None:
    """Last-Modified, unless the file changed within the second the response was made.

    Last-Modified has one-second resolution: a file written again in that same
    second would keep it, and a check with If-Modified-Since would miss the
    change for good (RFC 9110, 8.8.2.2). Then the next check asks afresh.
    """
    if last_modified is None or date is None:
        return last_modified
    from email.utils import parsedate_to_datetime

    try:
        age = parsedate_to_datetime(date) - parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return None
    return last_modified if age.total_seconds() >= 1 else None


def _network_reason(reason: object, timeout: float) -> str:
    """Why a request failed, in words an agent can act on."""
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return f"no answer within {timeout:g} s (timed out): is the server up?"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused: is the server up?"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
