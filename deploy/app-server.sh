#!/usr/bin/env bash
# The application server: granian serving cms.wsgi (WSGI), the one way it is started — by
# `make production`, the systemd unit deploy/systemd/cms-web.service, the proxy test and the
# serving benchmark (which also serves a vanilla Wagtail project with it: the WSGI application
# can be given as the argument).
#
# Settings from the environment:
#   WEB_HOST, WEB_PORT      where it listens (127.0.0.1:8000: the proxy is in front)
#   WEB_CONCURRENCY         worker processes (default: one per core; the work is CPU-bound
#                           Python, and HTTP itself is handled by each worker's Rust threads)
#   WEB_THREADS             threads per worker running the application (default 2: a worker
#                           keeps serving while one request waits on the database or Redis;
#                           more threads only contend for the interpreter lock, and measured
#                           slower on CPU-bound pages, docs/performance.md)
#   WEB_WORKER_MAX_RSS      MiB of memory after which a worker is replaced (default 768)
#   WEB_ACCESS_LOG          "off" for no access log; otherwise JSON lines on stdout with the
#                           request id the proxy sent, like the application's own logs
#   WEB_APP_DIR             the folder the application is imported from (default: this
#                           checkout; the benchmark's vanilla Wagtail project has its own)
# Each worker imports the application itself, so a HUP (systemctl reload cms-web) replaces the
# workers one by one with the code now on disk; with deploy/sysctl/90-cms-web.conf installed, no
# queued request is dropped meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
granian=${VENV:-$PWD/.venv}/bin/granian
cd "${WEB_APP_DIR:-.}"
access_log=(--access-log --access-log-fmt '{"time": "%(time)s", "logger": "access", "request_id": "%(header{x-request-id})s", "method": "%(method)s", "path": "%(path)s", "query": "%(query_string)s", "status": %(status)d, "ms": %(dt_ms).1f, "host": "%(header{host})s"}')
if [[ ${WEB_ACCESS_LOG:-on} == off ]]; then
  access_log=(--no-access-log)
fi
exec "$granian" \
  --interface wsgi \
  --http 1 \
  --no-ws \
  --host "${WEB_HOST:-127.0.0.1}" \
  --port "${WEB_PORT:-8000}" \
  --workers "${WEB_CONCURRENCY:-$(nproc)}" \
  --blocking-threads "${WEB_THREADS:-2}" \
  --workers-max-rss "${WEB_WORKER_MAX_RSS:-768}" \
  --respawn-failed-workers \
  --workers-kill-timeout 30 \
  "${access_log[@]}" \
  "${1:-cms.wsgi:application}"
