"""gunicorn settings for the application server (``make production``, the systemd unit
``deploy/systemd/cms-web.service``, the benchmark).

Workers: ``WEB_CONCURRENCY`` (default two per core plus one), each with ``GUNICORN_THREADS``
threads (default 4: slow clients and keep-alive connections do not hold a whole worker; the
work itself is CPU-bound, so more processes, not more threads, use more cores). The application
is loaded once, before forking (``cms/wsgi.py`` closes the database connection its checks
opened, so none is shared between processes): a worker starts in milliseconds and the workers
share the loaded code's memory. Each worker is replaced after about 20,000 requests, so memory
cannot creep; the replacement is a fork, not a new import of the application (1–2 s of a core),
which at page-cache speeds would cost a large share of the throughput. A new release needs
``systemctl restart cms-web`` (a HUP re-reads these settings, not the code).
Access logs are JSON lines with the request id (the proxy's ``X-Request-ID`` or the one the
application made), like the application's own logs.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 5
timeout = 30
graceful_timeout = 30
preload_app = True
max_requests = 20_000
max_requests_jitter = 2_000
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
access_log_format = (
    '{"time": "%(t)s", "logger": "access", "request_id": "%({x-request-id}o)s", '
    '"method": "%(m)s", "path": "%(U)s", "query": "%(q)s", "status": %(s)s, '
    '"bytes": "%(B)s", "ms": %(M)s, "host": "%({host}i)s", "cache": "%({x-page-cache}o)s"}'
)
errorlog = "-"
