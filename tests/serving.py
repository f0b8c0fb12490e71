"""Servers on loopback for the proxy integration test and the serving benchmark: a prepared
SQLite database (migrated, static files collected, the test sites provisioned, articles
inserted), the application server (``deploy/app-server.sh``) serving ``cms.wsgi`` with
``tests.serving_settings``, Varnish with the shipped configuration (``deploy/varnish/cms.vcl``)
in front, and nginx serving files.

Sites answer on ``<slug>.localhost:8000`` whatever port a server listens on: requests carry
that ``Host`` header, and so do the purges the application sends to the proxy.
"""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.migrated import migrated_database

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = "localhost:8000"
VCL = ROOT / "deploy" / "varnish" / "cms.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS = shutil.which("redis-server") or "/usr/bin/redis-server"
APP_SERVER = ROOT / "deploy" / "app-server.sh"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen | None = None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port} after {timeout} s")


def host(slug: str) -> str:
    return DOMAIN if slug == "portal" else f"{slug}.{DOMAIN}"


def fetch(port: int, slug: str, path: str, **headers: str) -> tuple[int, dict, bytes]:
    """Status, headers and body of ``path`` on site ``slug`` through the server on ``port``."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": host(slug), **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()
    except OSError:
        return 0, {}, b""


@dataclass
class Instance:
    """A prepared database with its static and media folders, and the environment that points
    the application at them."""

    folder: Path
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.serving_settings",
            "CMS_SITE_DOMAIN": DOMAIN,
            "DATABASE_URL": f"sqlite:///{self.folder / 'db.sqlite3'}",
            "MEDIA_ROOT": str(self.folder / "media"),
            "STATIC_ROOT": str(self.folder / "static"),
            "CMS_PAGE_CACHE_DIR": str(self.folder / "page-cache"),
            **self.extra_env,
        }

    def manage(self, *args: str, **env: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=3600,
        )
        if result.returncode:
            raise RuntimeError(result.stdout + result.stderr)
        return result.stdout

    def prepare(self, sites: tuple[str, ...] = ("portal", "hanoimoi")) -> None:
        """Migrate (a kept instance gets new migrations), then collect static files and
        provision ``sites`` (once: kept when present)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if not (self.folder / "db.sqlite3").exists():
            migrated_database(self.folder / "db.sqlite3")
        self.manage("migrate", "--no-input", "-v", "0")
        if (self.folder / "prepared").exists():
            return
        self.manage("collectstatic", "--no-input", "-v", "0")
        self.manage("compile_catalogues")
        code = (
            "from sites import catalogue; from sites.provisioning import provision; "
            "from tests.conftest import raw_catalogue; "
            f"provision(catalogue.parse(raw_catalogue({sites!r})))"
        )
        self.manage("shell", "-c", code)
        (self.folder / "prepared").touch()


@dataclass
class Process:
    process: subprocess.Popen
    port: int
    workdir: Path | None = None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)


def start_app_server(
    env: dict[str, str],
    log: Path,
    workers: int = 2,
    application: str = "cms.wsgi:application",
    ready: str = "/health/live",
) -> Process:
    """``deploy/app-server.sh`` serving ``application`` with ``workers`` workers on a free port,
    its output appended to ``log``; returned once ``ready`` answers 200."""
    port = free_port()
    process = subprocess.Popen(
        [str(APP_SERVER), application],
        cwd=ROOT,
        env={
            **env,
            "VENV": str(Path(sys.executable).parents[1]),
            "WEB_PORT": str(port),
            "WEB_CONCURRENCY": str(workers),
        },
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    wait_for_port(port, process)
    deadline = time.monotonic() + 180
    while fetch(port, "portal", ready)[0] != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the application server did not start; see {log}")
        time.sleep(0.2)
    _wait_for_idle_workers(process, workers, deadline)
    return Process(process, port)


def _cpu_ticks(pid: str) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def _wait_for_idle_workers(process: subprocess.Popen, workers: int, deadline: float) -> None:
    """Wait until all ``workers`` have loaded the application (each idle for half a second).

    The first worker to load answers the readiness check; a load started meanwhile would find
    the others still importing, and the connections it opens at once would all be accepted by
    the first, measuring one worker instead of all of them."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    before: dict[str, int] = {}
    while time.monotonic() < deadline:
        pids = children.read_text().split() if children.exists() else []
        try:
            now = {pid: _cpu_ticks(pid) for pid in pids}
        except (FileNotFoundError, ProcessLookupError):
            now = {}
        if len(now) >= workers and now == before:
            return
        before = now
        time.sleep(0.5)
    raise RuntimeError(f"{workers} application server workers did not settle")


def start_varnish(backend_port: int, memory: str = "256m") -> Process:
    """``varnishd`` in the foreground with the shipped rules, its backend on ``backend_port``."""
    workdir = Path(tempfile.mkdtemp(prefix="cms-varnish-"))
    workdir.chmod(0o755)  # varnishd reads the rules as its own unprivileged user
    backend = (VCL.parent / "cms-backend.vcl").read_text("utf-8")
    (workdir / "cms-backend.vcl").write_text(
        backend.replace('.port = "8000"', f'.port = "{backend_port}"'), "utf-8"
    )
    shutil.copyfile(VCL, workdir / VCL.name)  # its include then finds the backend above
    port = free_port()
    process = subprocess.Popen(
        [
            VARNISHD,
            "-F",
            "-n",
            str(workdir / "state"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(workdir / VCL.name),
            "-p",
            f"vcl_path={workdir}",
            "-s",
            f"malloc,{memory}",
            "-p",
            "ban_lurker_sleep=0.01",
        ],
        stdout=(workdir / "varnish.log").open("ab"),
        stderr=subprocess.STDOUT,
    )
    wait_for_port(port, process)
    return Process(process, port, workdir)


def start_redis() -> Process:
    """A throwaway ``redis-server`` on loopback, keeping nothing on disk (its URL:
    ``redis_url(process)``)."""
    workdir = Path(tempfile.mkdtemp(prefix="cms-redis-"))
    port = free_port()
    process = subprocess.Popen(
        [REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
    )
    wait_for_port(port, process)
    return Process(process, port, workdir)


def redis_url(redis: Process) -> str:
    return f"redis://127.0.0.1:{redis.port}/0"


def _start_nginx(http: str, server: str, workers: int) -> Process:
    """nginx in the foreground on a free port, with ``http`` rules at the http level and
    ``server`` rules in its one server block; its workers run as this user (who can read the
    test's private folders; ignored unless that is root)."""
    workdir = Path(tempfile.mkdtemp(prefix="cms-nginx-"))
    port = free_port()
    (workdir / "nginx.conf").write_text(
        f"""daemon off;
user {getpass.getuser()};
worker_processes {workers};
pid {workdir}/nginx.pid;
error_log {workdir}/error.log;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    default_type text/html;
    sendfile on;
    keepalive_requests 100000;
{http}
    server {{
        listen 127.0.0.1:{port};
{server}
    }}
}}
""",
        "utf-8",
    )
    process = subprocess.Popen(
        [NGINX, "-c", str(workdir / "nginx.conf"), "-p", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=(workdir / "stderr.log").open("ab"),
    )
    wait_for_port(port, process)
    return Process(process, port, workdir)


def start_nginx_static(root: Path, workers: int = 2) -> Process:
    """nginx serving the files under ``root`` as they are (the reference for every figure)."""
    return _start_nginx(
        "", f"root {root};\nlocation / {{ try_files $uri $uri/index.html =404; }}", workers
    )


def start_nginx_edge(instance: Instance, upstream_port: int, workers: int = 2) -> Process:
    """nginx as the edge in production: readers' page files of ``instance`` (its
    ``CMS_PAGE_FILES_DIR``) sent with the rules ``manage.py page_files nginx`` writes, every
    other request passed to ``upstream_port`` (the proxy or the application server)."""
    files = Path(instance.env["CMS_PAGE_FILES_DIR"])
    instance.manage("page_files", "nginx")
    rules = files / "nginx"
    upstream = f"""root {files / "sites"};
include {rules / "page-files-server.conf"};
location @cms {{
    proxy_pass http://cms_upstream;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
}}"""
    http = f"""include {rules / "page-files-http.conf"};
upstream cms_upstream {{
    server 127.0.0.1:{upstream_port};
    keepalive 64;
}}"""
    return _start_nginx(http, upstream, workers)
