"""``manage.py page_files nginx [--to DIR]``: write nginx's rules for sending readers' page files
(``cms.core.page_files``), with the headers Django gives reader pages, taken from the answers
of every edition home; ``manage.py page_files sweep``: remove page files older than the shared
caches' lifetime (the scheduler runs it every minute)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from wagtail.models import Page, Site

from cms.core import page_files

# Headers that belong to one answer, or that nginx writes itself for a file.
_OWN_HEADERS = {
    "content-language",
    "content-length",
    "content-type",
    "date",
    "etag",
    "last-modified",
    "server",
    "x-request-id",
}

HTTP_RULES = """\
# Written by `manage.py page_files nginx` (cms.core.page_files); include at the http level.
# The page file that answers a reader's GET or HEAD without a session cookie, for an address
# without a query string or with only a listing's page number; a file that never exists for
# every other request.
map "$request_method $cookie_{session_cookie}|$args" $cms_page_file {{
    "GET |" "/$host${{uri}}{folder}/index.html";
    "HEAD |" "/$host${{uri}}{folder}/index.html";
    "~^(GET|HEAD) \\|page=(?<cms_page_number>[1-9][0-9]{{0,5}})$"
        "/$host${{uri}}{folder}/page-$cms_page_number.html";
    default "/{folder}/none";
}}

# The language of a page, from its edition's address (as requested: $uri names the file once
# try_files has found it).
map $request_uri $cms_page_language {{
    default "";
{languages}
}}
"""

SERVER_RULES = """\
# Written by `manage.py page_files nginx` (cms.core.page_files); include in the server block,
# whose root is {root} and which has a named location @cms passing requests to the application
# (or to the caching proxy in front of it). Readers' pages from their files, with the headers
# Django gives them; everything else, and every page without a file, from @cms. Open files are
# kept for a second (fewer system calls per request): a purged page may still be sent for that
# second, to readers only (editors carry a session cookie and never get files).
location / {{
    try_files $cms_page_file @cms;
    open_file_cache max=20000 inactive=60s;
    open_file_cache_valid 1s;
    types {{ text/html html; }}
    charset utf-8;
{headers}
    add_header Content-Language $cms_page_language;
    add_header X-Request-ID $request_id;
    add_header X-Cache "HIT (file)";
}}
"""


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Command(BaseCommand):
    help = "Write nginx's rules for readers' page files (nginx), or remove old ones (sweep)."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        nginx = actions.add_parser("nginx", help="write page-files-http.conf, -server.conf")
        nginx.add_argument("--to", help="the folder (default: CMS_PAGE_FILES_DIR/nginx)")
        actions.add_parser("sweep", help="remove page files older than CMS_HTTP_CACHE_SECONDS")

    def handle(self, *args, action: str, **options) -> None:
        if not page_files.enabled():
            raise CommandError("CMS_PAGE_FILES_DIR is not set: pages are not kept as files.")
        if action == "sweep":
            removed = page_files.sweep(settings.CMS_HTTP_CACHE_SECONDS)
            if options["verbosity"] >= 1:
                self.stdout.write(f"{removed} page files removed.")
            return
        folder = Path(options["to"] or Path(settings.CMS_PAGE_FILES_DIR) / "nginx")
        headers, languages = self._reader_headers()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "page-files-http.conf").write_text(
            HTTP_RULES.format(
                session_cookie=settings.SESSION_COOKIE_NAME,
                folder=page_files.FOLDER,
                languages="\n".join(
                    f"    ~^/{prefix}/ {_quoted(language)};"
                    for prefix, language in sorted(languages.items())
                ),
            ),
            "utf-8",
        )
        (folder / "page-files-server.conf").write_text(
            SERVER_RULES.format(
                root=page_files.sites_root(),
                headers="\n".join(
                    f"    add_header {name} {_quoted(value)};" for name, value in headers
                ),
            ),
            "utf-8",
        )
        self.stdout.write(f"Wrote page-files-http.conf and page-files-server.conf in {folder}.")

    def _reader_headers(self) -> tuple[list[tuple[str, str]], dict[str, str]]:
        """The headers every edition home answers a reader with (they must agree), and the
        language each edition's address prefix answers in."""
        client = Client(secure=settings.CMS_SITE_SCHEME == "https")
        shared: list[tuple[str, str]] | None = None
        languages: dict[str, str] = {}
        for site in Site.objects.select_related("root_page"):
            homes = Page.objects.filter(translation_key=site.root_page.translation_key).live()
            for home in homes:
                parts = home.get_url_parts()
                url = parts[2] if parts else ""
                if url.count("/") != 2:  # an edition home answers at /<language>/
                    continue
                host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
                response = client.get(url, HTTP_HOST=host)
                if response.status_code != 200:
                    raise CommandError(f"{host}{url} answered {response.status_code}.")
                headers = [
                    (name, value)
                    for name, value in response.headers.items()
                    if name.lower() not in _OWN_HEADERS
                ]
                if shared is not None and headers != shared:
                    raise CommandError(f"{host}{url} answers other headers than other homes.")
                shared = headers
                languages[url.strip("/")] = response.get("Content-Language", "")
        if shared is None:
            raise CommandError("No site has a live home yet: provision the sites first.")
        return shared, languages
