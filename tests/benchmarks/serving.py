"""Benchmark: readers' throughput through each serving path, against nginx serving the same
bytes as static files, in one run (not part of `make test`; needs wrk, nginx, varnish and
redis-server):

    .venv/bin/python -m tests.benchmarks.serving [--articles 100000] [--seconds 15]

1. An instance in ``tests/artifacts/bench-serving`` (kept between runs; built anew for another
   ``--articles`` or a changed archive): the test sites provisioned and ``--articles``
   articles, with bylines and topics, inserted in bulk (``tests/benchmarks/archive.py``).
2. A page mix (homes, sections and their later pages, articles; Vietnamese and English; every
   site), fetched once and written as files for nginx.
3. wrk (``--connections`` over 2 threads) against: the application server without any cache
   (one article, then the mix); nginx serving those files, against the production path for
   readers (nginx sending the page files the application keeps, Varnish with the shipped rules
   behind it, the application server with its page cache behind both: ``deploy/nginx``,
   ``deploy/varnish``, ``deploy/app-server.sh``) and Varnish alone, in alternating rounds (the
   medians are shown, and each round's ratio to the nginx round run just before it: the two
   cores are shared, and one round of any of them moves by a tenth from run to run), with the
   share of requests answered from files, by Varnish and by the application; the application
   server with the application's page cache (warm), kept in Redis (``REDIS_URL``, as in
   production) and in files (the default without Redis); a vanilla Wagtail project
   (``wagtail start``) home page under the same application server settings, the uncached
   article's reference, in alternating rounds with it: as generated (a database connection per
   request), then with connections kept for a minute as this project's production settings do.
4. Publish to visible: an article's title changed and published in a Python process, then
   polled through the edge until readers see it (purges included).
5. Memory (RSS) of each application server worker after the mix.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from tests import serving

ROOT = serving.ROOT
FOLDER = ROOT / "tests" / "artifacts" / "bench-serving"
SITES = ("portal", "hanoimoi", "songoaivu", "badinh")
WRK = shutil.which("wrk") or "/usr/bin/wrk"
WORKERS = 2
ROUNDS = 5
# Part of the kept archive's marker, changed whenever ``tests/benchmarks/archive.py`` builds a
# different kind of archive: a kept instance with another one is then built anew.
ARCHIVE_FORMAT = 2
LUA = """
local paths = {%s}
local hosts = {%s}
local n = 0
request = function()
  n = n + 1
  local i = (n %% #paths) + 1
  return wrk.format("GET", paths[i], {["Host"] = hosts[i]})
end
"""


def wrk(port: int, mix: list[tuple[str, str]], seconds: int, connections: int) -> float:
    """Requests per second for ``mix`` of (host, path) on ``port``."""
    return wrk_run(port, mix, seconds, connections)[0]


def wrk_run(
    port: int, mix: list[tuple[str, str]], seconds: int, connections: int
) -> tuple[float, int]:
    """Requests per second for ``mix`` of (host, path) on ``port``, and how many were made."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(
            LUA
            % (
                ", ".join(f'"{path}"' for _, path in mix),
                ", ".join(f'"{host}"' for host, _ in mix),
            )
        )
    result = subprocess.run(
        [
            WRK,
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "-s",
            script.name,
            f"http://127.0.0.1:{port}/",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    os.unlink(script.name)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if errors:
        print(f"    ({errors.group(1)} non-2xx answers)")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))
    return rate, int(re.search(r"(\d+) requests in", result.stdout).group(1))


def page_mix(port: int) -> list[tuple[str, str]]:
    """Homes, sections (their first pages, and their second where they have one) and articles
    of every site, vi and en."""
    rng = random.Random(14)
    mix: list[tuple[str, str]] = []
    for slug in SITES:
        host = serving.host(slug)
        for lang in ("vi", "en"):
            status, _, body = serving.fetch(port, slug, f"/{lang}/")
            if status != 200:
                continue
            mix.append((host, f"/{lang}/"))
            html = body.decode()
            sections = sorted(set(re.findall(rf'href="(/{lang}/[a-z0-9-]+/)"', html)))[:4]
            for section in sections:
                mix.append((host, section))
                listing = serving.fetch(port, slug, section)[2].decode()
                if 'href="?page=2"' in listing:  # a later page, where there is one
                    mix.append((host, f"{section}?page=2"))
                articles = re.findall(rf'href="({section}[a-z0-9-]+/)"', listing)
                mix += [(host, a) for a in rng.sample(articles, min(6, len(articles)))]
    return mix


def write_static_copy(port: int, mix: list[tuple[str, str]], root: Path) -> list[tuple[str, str]]:
    """Each page of the mix as a file under ``root``; the same mix addressed to nginx."""
    static_mix = []
    for n, (host, path) in enumerate(mix):
        slug = next(s for s in SITES if serving.host(s) == host)
        body = serving.fetch(port, slug, path)[2]
        target = root / f"{n}.html"
        target.write_bytes(body)
        static_mix.append(("static", f"/{n}.html"))
    return static_mix


def varnish_counters(proxy: serving.Process) -> dict[str, int]:
    """Varnish's counts of requests, hits and misses so far."""
    fields = ("client_req", "cache_hit", "cache_miss")
    out = subprocess.run(
        ["varnishstat", "-n", str(proxy.workdir / "state"), "-1"]
        + [arg for name in fields for arg in ("-f", f"MAIN.{name}")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    values = dict(re.findall(r"MAIN\.(\w+)\s+(\d+)", out))
    return {name: int(values.get(name, 0)) for name in fields}


def worker_memory(app: serving.Process) -> list[int]:
    """RSS in MiB of each application server worker (the main process's children)."""
    children = Path(f"/proc/{app.process.pid}/task/{app.process.pid}/children").read_text()
    sizes = []
    for pid in children.split():
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) // 1024)
    return sizes


PUBLISH = textwrap.dedent(
    """
    import time, urllib.request
    from cms.news.models import ArticlePage
    page = next(
        p for p in ArticlePage.objects.filter(slug={slug!r}, locale__language_code={lang!r})
        if p.get_full_url() == "http://" + {host!r} + {path!r}
    )
    page.title = "Tin mới cập nhật " + str(time.time())
    started = time.monotonic()
    page.save_revision().publish()
    while True:
        url = "http://127.0.0.1:{port}{path}"
        request = urllib.request.Request(url, headers={{"Host": {host!r}}})
        if page.title in urllib.request.urlopen(request).read().decode():
            break
        time.sleep(0.01)
    print("VISIBLE", time.monotonic() - started)
    """
)


def vanilla_project(workdir: Path) -> tuple[Path, dict[str, str]]:
    """A fresh ``wagtail start`` project in ``workdir``, migrated and its static files
    collected, with production settings (connections kept ``VANILLA_CONN_MAX_AGE`` seconds):
    its folder and the environment that runs it."""
    wagtail = Path(sys.executable).with_name("wagtail")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vanilla.settings.production",
        "PYTHONPATH": str(workdir / "vanilla"),
    }
    subprocess.run([str(wagtail), "start", "vanilla"], cwd=workdir, check=True, capture_output=True)
    (workdir / "vanilla" / "vanilla" / "settings" / "local.py").write_text(
        "SECRET_KEY = 'vanilla-benchmark-only'\nALLOWED_HOSTS = ['*']\n"
        "STORAGES = {'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'},"
        " 'staticfiles': {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
    )
    with (workdir / "vanilla" / "vanilla" / "settings" / "production.py").open("a") as settings:
        settings.write(
            "\nimport os\nDATABASES['default']['CONN_MAX_AGE'] = "
            "int(os.environ.get('VANILLA_CONN_MAX_AGE', '0'))\n"
        )
    manage = [sys.executable, "manage.py"]
    cwd = workdir / "vanilla"
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"]):
        subprocess.run([*manage, *command], cwd=cwd, env=env, check=True, capture_output=True)
    return cwd, env


VANILLA_HOME = [("localhost", "/")]
#: How the vanilla project keeps its database connections, by the name it is shown under: as
#: generated (a connection per request), and as this project's production settings keep them.
VANILLA_CONNECTIONS = {"as generated": "0", "connections kept": "60"}


def start_vanilla(
    workdir: Path, project: tuple[Path, dict[str, str]], max_age: str
) -> serving.Process:
    """The vanilla project's application server, under the same settings as this project's,
    keeping database connections ``max_age`` seconds ("0": as generated)."""
    cwd, env = project
    return serving.start_app_server(
        {**env, "WEB_ACCESS_LOG": "off", "WEB_APP_DIR": str(cwd), "VANILLA_CONN_MAX_AGE": max_age},
        workdir / "app-server.log",
        workers=WORKERS,
        application="vanilla.wsgi:application",
        ready="/",
    )


def against_vanilla(
    app: serving.Process,
    article: tuple[str, str],
    vanilla: serving.Process,
    seconds: int,
    connections: int,
    label: str,
) -> tuple[list[float], list[float]]:
    """The uncached article and vanilla Wagtail's home (``label``: how it keeps its database
    connections) in alternating rounds (both servers up, one loaded at a time): the rounds of
    each, and each round's ratio printed."""
    ours, theirs = [], []
    for _ in range(ROUNDS):
        ours.append(wrk(app.port, [article], seconds, connections))
        theirs.append(wrk(vanilla.port, VANILLA_HOME, seconds, connections))
    ratios = [mine / reference for mine, reference in zip(ours, theirs, strict=True)]
    print(f"  against vanilla's home, {label}:")
    print("    uncached article rounds: " + ", ".join(f"{v:,.0f}" for v in ours))
    print("    vanilla home rounds: " + ", ".join(f"{v:,.0f}" for v in theirs))
    print(
        "    uncached article / vanilla home in each round: "
        + ", ".join(f"{r:.2f}" for r in ratios)
        + f" (median {statistics.median(ratios):.2f})"
    )
    return ours, theirs


def page_cache_hits(
    instance: serving.Instance, mix: list[tuple[str, str]], seconds: int, connections: int, **env
) -> float:
    """Requests per second for ``mix`` from the application server with the page cache on,
    once warm."""
    cached = serving.start_app_server(
        {**instance.env, "CMS_PAGE_CACHE_SECONDS": "600", **env},
        instance.folder / "app-server.log",
        workers=WORKERS,
    )
    try:
        for host, path in mix:
            serving.fetch(cached.port, next(s for s in SITES if serving.host(s) == host), path)
        return wrk(cached.port, mix, seconds, connections)
    finally:
        cached.stop()


def edge(
    instance: serving.Instance,
    mix: list[tuple[str, str]],
    static_mix: list[tuple[str, str]],
    nginx: serving.Process,
    options: argparse.Namespace,
    quiet: dict[str, str],
) -> tuple[dict[str, float], dict[str, int], list[float]]:
    """The production path for readers: nginx sending page files, Varnish behind it, the
    application server (page cache on) behind both. Against nginx-static in alternating
    rounds: the edge and Varnish alone; the counts of the edge rounds; publish to visible."""
    seconds, connections = options.seconds, options.connections
    files = instance.folder / "page-files"
    for folder in (files, instance.folder / "page-cache"):  # from cold
        shutil.rmtree(folder, ignore_errors=True)
    instance.extra_env.update(
        {"CMS_PAGE_CACHE_SECONDS": "600", "CMS_PAGE_FILES_DIR": str(files), **quiet}
    )
    started: list[serving.Process] = []
    try:
        started.append(
            serving.start_app_server(
                instance.env, instance.folder / "app-server.log", workers=WORKERS
            )
        )
        started.append(serving.start_varnish(started[0].port))
        started.append(serving.start_nginx_edge(instance, started[1].port, workers=WORKERS))
        _app, proxy, front = started
        for host, path in mix:  # warm: written as files and kept by Varnish
            serving.fetch(front.port, next(s for s in SITES if serving.host(s) == host), path)
        rounds: dict[str, list[float]] = {"static": [], "edge": [], "varnish": []}
        counts = {"requests": 0, "client_req": 0, "cache_hit": 0, "cache_miss": 0}
        for _ in range(ROUNDS):
            rounds["static"].append(wrk(nginx.port, static_mix, seconds, connections))
            before = varnish_counters(proxy)
            rate, requests = wrk_run(front.port, mix, seconds, connections)
            after = varnish_counters(proxy)
            rounds["edge"].append(rate)
            counts["requests"] += requests
            for name in before:
                counts[name] += after[name] - before[name]
            rounds["varnish"].append(wrk(proxy.port, mix, seconds, connections))
        for name, values in rounds.items():
            print(f"  {name} rounds: " + ", ".join(f"{v:,.0f}" for v in values))
        for name in ("edge", "varnish"):
            pairs = zip(rounds[name], rounds["static"], strict=True)
            ratios = [rate / static for rate, static in pairs]
            print(
                f"  {name} / static in each round: "
                + ", ".join(f"{r:.2f}" for r in ratios)
                + f" (median {statistics.median(ratios):.2f})"
            )
        results = {
            "nginx static (mix)": statistics.median(rounds["static"]),
            "edge: nginx page files, Varnish (mix)": statistics.median(rounds["edge"]),
            "Varnish alone (mix)": statistics.median(rounds["varnish"]),
        }
        instance.extra_env["CMS_PROXY_PURGE_URL"] = f"http://127.0.0.1:{proxy.port}"
        host, path = next(item for item in mix if "luu-tru" in item[1])
        lang, slug = path.split("/")[1], path.rstrip("/").rsplit("/", 1)[1]
        visible = []
        for _ in range(3):
            out = instance.manage(
                "shell",
                "-c",
                PUBLISH.format(slug=slug, lang=lang, port=front.port, path=path, host=host),
            )
            visible.append(float(re.search(r"VISIBLE ([\d.]+)", out).group(1)))
    finally:
        for process in reversed(started):
            process.stop()
        for name in ("CMS_PAGE_CACHE_SECONDS", "CMS_PAGE_FILES_DIR", "CMS_PROXY_PURGE_URL"):
            instance.extra_env.pop(name, None)
    return results, counts, visible


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--folder", type=Path, default=FOLDER)
    options = parser.parse_args()
    quiet = {"WEB_ACCESS_LOG": "off"}
    instance = serving.Instance(options.folder)
    started = time.monotonic()
    marker = options.folder / f"archive-{ARCHIVE_FORMAT}-{options.articles}"
    if not marker.exists() and any(options.folder.glob("archive-*")):
        shutil.rmtree(options.folder)  # an archive of another size or kind: built anew
    instance.prepare(SITES)
    if not marker.exists():
        code = f"from tests.benchmarks.archive import build; print(build({options.articles}))"
        instance.manage("shell", "-c", code)
        marker.touch()
    print(
        f"instance with {options.articles:,} articles ready in "
        f"{time.monotonic() - started:.0f} s (kept in {options.folder})"
    )
    seconds, connections = options.seconds, options.connections
    results: dict[str, float] = {}
    references: dict[str, float] = {}
    workdir = Path(tempfile.mkdtemp(prefix="vanilla-wagtail-"))
    project = vanilla_project(workdir)

    app = serving.start_app_server(
        {**instance.env, "CMS_PAGE_CACHE_SECONDS": "0", **quiet},
        instance.folder / "app-server.log",
        workers=WORKERS,
    )
    static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))
    static_root.chmod(0o755)
    nginx = None
    try:
        mix = page_mix(app.port)
        article = next(item for item in mix if "luu-tru" in item[1])
        print(
            f"mix: {len(mix)} URLs on {len(SITES)} sites; wrk {seconds} s, "
            f"{connections} connections; granian {WORKERS} workers × 2 threads"
        )
        static_mix = write_static_copy(app.port, mix, static_root)
        ours: list[float] = []
        for label, max_age in VANILLA_CONNECTIONS.items():
            vanilla = start_vanilla(workdir, project, max_age)
            try:
                mine, theirs = against_vanilla(app, article, vanilla, seconds, connections, label)
            finally:
                vanilla.stop()
            ours += mine
            references[f"vanilla Wagtail home ({label})"] = statistics.median(theirs)
        results["uncached article"] = statistics.median(ours)
        results["uncached mix"] = wrk(app.port, mix, seconds, connections)
        memory = worker_memory(app)
    finally:
        app.stop()
    nginx = serving.start_nginx_static(static_root, workers=WORKERS)
    try:
        edge_results, counts, visible = edge(instance, mix, static_mix, nginx, options, quiet)
        results = {**edge_results, **results}
    finally:
        nginx.stop()
        shutil.rmtree(static_root, ignore_errors=True)
    redis = serving.start_redis()
    try:
        for store, env in (
            ("Redis", {"REDIS_URL": serving.redis_url(redis)}),
            ("files", {}),
        ):
            results[f"app page cache hits (mix, {store})"] = page_cache_hits(
                instance, mix, seconds, connections, **quiet, **env
            )
    finally:
        redis.stop()
    results |= references
    shutil.rmtree(workdir, ignore_errors=True)

    reference = results["nginx static (mix)"]
    print(f"\n{'path':48} {'requests/s':>11} {'× nginx static':>15}")
    for name, value in results.items():
        ratio = value / reference if reference else 0
        shown = f"{ratio:.2f}" if ratio >= 0.1 else f"1/{1 / ratio:.0f}" if ratio else "-"
        print(f"{name:48} {value:11,.0f} {shown:>15}")
    total = max(counts["requests"], 1)
    files = counts["requests"] - counts["client_req"]
    print(
        f"\nedge on the mix: {files / total:.1%} from page files, "
        f"{counts['cache_hit'] / total:.1%} Varnish hits, "
        f"{counts['cache_miss'] / total:.2%} reached the application "
        f"(hit ratio {(files + counts['cache_hit']) / total:.2%} of {counts['requests']:,})"
    )
    if visible:
        print(
            "publish to visible through the edge (purge included): "
            + ", ".join(f"{v:.2f} s" for v in visible)
        )
    print(
        "application server worker memory after the mix (RSS): "
        + ", ".join(f"{m} MiB" for m in memory)
    )


if __name__ == "__main__":
    main()
