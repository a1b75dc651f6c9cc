"""Datasette plugin of the newstables site: what reaches Datasette, and how errors are answered.

Standalone (imports only datasette), loaded from ``site/plugins/`` like the site plugin.
- only GET and HEAD (405 otherwise);
- no dot segments in a path (``/-/evidence/../../etc/passwd`` is a 404, never a 500);
- of Datasette's ``/-/`` pages only the evidence view, search and static files: the
  introspection pages (threads, databases, versions, plugins, settings …) show server paths;
- a table page's ``_sort``, ``_facet``, ``_col``, ``_size`` … must name a column or be a
  number, a canned query's parameters must be short text: else 400;
- every error is one log line on stderr (method, path, status, reason), no traceback.
"""

from __future__ import annotations

import json
import re
import sys
import traceback
from typing import Any
from urllib.parse import parse_qsl, unquote

from datasette import hookimpl
from datasette.utils.asgi import Base400, Response

try:  # Datasette's error type; its location moved between releases
    from datasette.views.base import DatasetteError
except ImportError:  # pragma: no cover
    DatasetteError = Exception  # type: ignore[misc,assignment]

ALLOWED_DASH = ("/-/evidence/", "/-/search", "/-/static/", "/-/static-plugins/")
COLUMN_ARGS = ("_sort", "_sort_desc", "_facet", "_facet_array", "_facet_date", "_col", "_nocol")
NUMBER_ARGS = ("_size", "_facet_size", "_timelimit", "_ttl")
MAX_PARAM = 500
TABLE_PATH = re.compile(r"^/(?P<db>[^/]+)/(?P<name>[^/]+?)(?:\.(?:json|csv))?$")
LOG_CHARS = 300


def log(status: int, method: str, path: str, reason: str) -> None:
    """One line per error on stderr: ``newstables site: 400 GET /x?_sort=y: reason``."""
    line = f"newstables site: {status} {method} {path}: {reason}"
    clean = "".join(c if c.isprintable() else "?" for c in line)
    print(clean[:LOG_CHARS], file=sys.stderr, flush=True)


def target(scope: dict[str, Any]) -> str:
    """The request's path and query string as sent, for the log."""
    query = scope.get("query_string", b"").decode("latin-1")
    return scope.get("path", "") + (f"?{query}" if query else "")


def has_dot_segment(path: str) -> bool:
    """``/a/../b`` or ``/a/./b`` (also percent-encoded): a path no page of the site has."""
    return any(part in (".", "..") for part in unquote(path).split("/"))


def dash_page_allowed(path: str) -> bool:
    """Is ``path`` outside ``/-/`` or one of the few ``/-/`` pages the site offers?"""
    return not path.startswith("/-/") or path.startswith(ALLOWED_DASH)


def bad_number(value: str) -> bool:
    return not (value == "max" or value.isdigit())


def bad_through(value: str) -> bool:
    try:
        through = json.loads(value)
    except ValueError:
        return True
    return not isinstance(through, dict) or not {"table", "column", "value"} <= set(through)


def table_problem(args: list[tuple[str, str]], columns: set[str]) -> str | None:
    """Why a table page's special arguments cannot be answered, or None."""
    for key, value in args:
        if key in COLUMN_ARGS and value and value not in columns:
            return f"{key}: there is no column {value!r}"
        if key in NUMBER_ARGS and bad_number(value):
            return f"{key}: expected a whole number, got {value!r}"
        if key == "_through" and bad_through(value):
            return "_through: expected JSON with table, column and value"
    return None


def query_problem(args: list[tuple[str, str]]) -> str | None:
    """Why a canned query's arguments cannot be answered, or None."""
    for key, value in args:
        if len(value) > MAX_PARAM:
            return f"{key}: longer than {MAX_PARAM} characters"
        if key in NUMBER_ARGS and bad_number(value):
            return f"{key}: expected a whole number, got {value!r}"
    return None


async def request_problem(datasette: Any, scope: dict[str, Any]) -> tuple[int, str] | None:
    """(status, reason) when the request must not reach Datasette, else None."""
    if scope["method"] not in ("GET", "HEAD"):
        return 405, "this site is read-only"
    path = scope.get("path", "")
    raw = scope.get("raw_path") or path.encode()
    if has_dot_segment(path) or has_dot_segment(raw.decode("latin-1")) or "\x00" in path:
        return 404, "no such page"
    if not dash_page_allowed(path):
        return 404, "no such page"
    match = TABLE_PATH.match(path)
    if not match or match["db"] not in datasette.databases:
        return None
    args = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    db, name = datasette.get_database(match["db"]), match["name"]
    if await datasette.get_canned_query(match["db"], name, None) is not None:
        problem = query_problem(args)
    elif await db.table_exists(name) or name in await db.view_names():
        problem = table_problem(args, {"rowid", *await db.table_columns(name)})
    else:
        return None
    return (400, problem) if problem else None


async def refuse(send: Any, status: int, reason: str) -> None:
    """A short plain-text answer sent before Datasette sees the request."""
    text = {400: "Bad request", 404: "Not found", 405: "Method not allowed"}[status]
    headers = [(b"content-type", b"text/plain; charset=utf-8")]
    if status == 405:
        headers.append((b"allow", b"GET, HEAD"))
    body = f"{text}: {reason}\n".encode()
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    """Refuse writes, dot segments, introspection pages and bad arguments before Datasette."""

    def wrap(app: Any) -> Any:
        async def guarded(scope: dict, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and (found := await request_problem(datasette, scope)):
                status, reason = found
                log(status, scope["method"], target(scope), reason)
                await refuse(send, status, reason)
                return
            await app(scope, receive, send)

        return guarded

    return wrap


def status_of(exception: BaseException) -> tuple[int, str]:
    """(HTTP status, message) of an exception raised while answering a request."""
    if isinstance(exception, Base400):
        return exception.status, str(exception.args[0] if exception.args else "bad request")
    if isinstance(exception, DatasetteError):
        return getattr(exception, "status", 500), str(getattr(exception, "message", exception))
    return 500, f"{type(exception).__name__}: {exception}"


def where_raised(exception: BaseException) -> str:
    """``file.py:123`` of the innermost frame, so a server error's log line can be traced."""
    frames = traceback.extract_tb(exception.__traceback__)
    return f" (at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno})" if frames else ""


@hookimpl
def startup(datasette: Any) -> None:
    """Replace Datasette's default error handler (it prints a full traceback for every 404)."""
    from datasette.plugins import pm

    default = pm.get_plugin("datasette.handle_exception")
    if default is not None:
        pm.unregister(default)


@hookimpl
def handle_exception(datasette: Any, request: Any, exception: BaseException) -> Any:
    """Datasette's error page (or JSON) with one log line, and no traceback, per error."""

    async def answer() -> Response:
        status, message = status_of(exception)
        reason = message + (where_raised(exception) if status >= 500 else "")
        log(status, request.method, request.full_path, reason)
        info = {"ok": False, "error": message, "status": status, "title": None}
        if request.path.endswith(".json"):
            return Response.json(info, status=status)
        template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
        context = {**info, "urls": datasette.urls, "app_css_hash": datasette.app_css_hash()}
        html = await template.render_async({**context, "menu_links": lambda: []})
        return Response.html(html, status=status)

    return answer
