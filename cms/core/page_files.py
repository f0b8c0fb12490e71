"""Readers' pages kept as files, for the edge web server (nginx) to send without the application.

When ``CMS_PAGE_FILES_DIR`` is set, the application's page cache (``cms.core.page_cache``) also
writes each HTML reader page it stores, when its address ends in "/" and has no query string or
only a listing's page number, as a file:

    <dir>/sites/<host>/<path>@/index.html       the address itself
    <dir>/sites/<host>/<path>@/page-<n>.html    ?page=<n> of a listing

nginx answers a reader's GET or HEAD (no session cookie) from that file when there is one, with
the headers Django gives reader pages, and passes everything else on (its rules are written by
``manage.py page_files nginx`` from the answers of the sites' homes). Each page's files sit in a
folder of their own (no slug contains "@"), so purging a path with every query string renames
one folder away, and purging a site renames its host's folder, before they are removed.

Only pages of a site's own host name are written (made-up host names, answered by the default
site, would otherwise fill the disk), and a listing's page only when that page number is the one
it shows (``?page=99999`` shows the last page). Files are written beside the folders and renamed
into place, so nginx never sends half a page. A file written while its page was being purged is
removed again: after the rename the writer asks whether the generations it rendered under are
still current, and a purge replaces the generations before it removes files, so either the
writer sees the purge or the purge removes the file. The scheduler removes files older than the
shared caches' lifetime (``CMS_HTTP_CACHE_SECONDS``), as a proxy lets its copies expire.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest
from django.http.request import split_domain_port

logger = logging.getLogger(__name__)

SITE_HOST = "cms.page_files.site_host"
"""WSGI environ key: the host name of the site that answered, when it is the request's own."""
LISTING_PAGE = "cms.page_files.listing_page"
"""WSGI environ key: the number of the listing page the answer shows."""
FOLDER = "@"
_PAGE_QUERY = re.compile(r"page=([1-9][0-9]{0,5})")


def enabled() -> bool:
    return bool(settings.CMS_PAGE_FILES_DIR)


def sites_root() -> Path:
    """The folder nginx serves page files from (its ``root``)."""
    return Path(settings.CMS_PAGE_FILES_DIR) / "sites"


def _work_folder() -> Path:
    """Files being written and folders being removed: on the same file system as the pages,
    out of nginx's reach."""
    folder = Path(settings.CMS_PAGE_FILES_DIR) / "work"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def host_name(host: str) -> str:
    """``host`` (a Host header or a URL's netloc) as nginx's ``$host`` has it."""
    return split_domain_port(host.lower())[0] or host.lower()


def file_name(path: str, query: str) -> str | None:
    """The file that keeps the page at ``path`` with ``query``, if such a page is kept."""
    if not path.endswith("/") or "\0" in path or any(p in (".", "..") for p in path.split("/")):
        return None
    if not query:
        return "index.html"
    match = _PAGE_QUERY.fullmatch(query)
    return f"page-{match[1]}.html" if match else None


def _page_folder(host: str, path: bytes) -> Path:
    return sites_root() / host_name(host) / os.fsdecode(path.lstrip(b"/")) / FOLDER


def mark_site(request: HttpRequest, hostname: str) -> None:
    """Say that the site answering ``request`` is the one of its host name, ``hostname``."""
    request.META[SITE_HOST] = hostname


def mark_listing_page(request: HttpRequest, number: int) -> None:
    """Say that the answer to ``request`` shows page ``number`` of a listing."""
    request.META[LISTING_PAGE] = number


def file_for(environ: dict, content_type: str) -> str | None:
    """The file that may keep the answer to the WSGI request ``environ`` (when page files are
    on), if any."""
    if not content_type.startswith("text/html"):
        return None
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    if environ.get(SITE_HOST) != host_name(host):
        return None
    name = file_name(environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""))
    if name in ("index.html", f"page-{environ.get(LISTING_PAGE)}.html"):
        return name
    return None


def keep(environ: dict, name: str, body: bytes, still_current: Callable[[], bool]) -> None:
    """Write ``body`` as the page file ``name`` (from ``file_for``) of the request ``environ``
    unless it is there; it is removed again unless ``still_current()`` after it is in place. A
    failure (a full disk) loses only the file: the reader has the page anyway."""
    if not enabled():
        return
    target = _page_folder(environ.get("HTTP_HOST", ""), environ["PATH_INFO"].encode("latin-1"))
    if (target / name).exists():
        return
    written = None
    try:
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=_work_folder(), delete=False) as file:
            written = file.name
            file.write(body)
        os.chmod(written, 0o644)  # nginx reads it as another user
        os.replace(written, target / name)
        written = None
        if not still_current():
            (target / name).unlink(missing_ok=True)
    except OSError as error:
        logger.warning("A page file could not be written: %s", error)
    finally:
        if written is not None:
            Path(written).unlink(missing_ok=True)


def forget(host: str, path: bytes | None) -> None:
    """Remove the files of ``path`` (URL-decoded) on ``host``, every query string; of every
    path on ``host`` when ``path`` is None."""
    if not enabled():
        return
    folder = sites_root() / host_name(host)
    if path is not None:
        folder = _page_folder(host, path)
    removed = _work_folder() / f"purged-{uuid.uuid4().hex}"
    try:
        os.rename(folder, removed)
    except FileNotFoundError:
        return
    shutil.rmtree(removed, ignore_errors=True)


def sweep(max_age: float) -> int:
    """Remove page files older than ``max_age`` seconds, folders left empty, and leftovers of
    interrupted writes and purges; the number of page files removed."""
    if not enabled() or not sites_root().exists():
        return 0
    cutoff = time.time() - max_age
    removed = 0
    for folder, _children, files in os.walk(sites_root(), topdown=False):
        for name in files:
            file = Path(folder, name)
            try:
                if file.stat().st_mtime < cutoff:
                    file.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        if folder != str(sites_root()):
            with contextlib.suppress(OSError):
                os.rmdir(folder)  # only when empty
    for leftover in _work_folder().iterdir():
        try:
            if leftover.stat().st_mtime < cutoff:
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink()
        except FileNotFoundError:
            continue
    return removed
