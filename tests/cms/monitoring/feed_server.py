"""A feed server on loopback for the monitoring tests: serves the fixture feeds, answers
conditional requests (ETag / Last-Modified → 304), and misbehaves on request: a slow answer,
a huge one, a server error, an HTML page. Records each request's headers."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "monitoring"
ETAG = '"world-v1"'
LAST_MODIFIED = "Mon, 30 Nov 2026 08:00:00 GMT"
SLOW_SECONDS = 3


class FeedServer:
    """``with FeedServer() as server: server.url("/world.xml")``."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.huge_bytes = 0
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output clean
                return

            def do_GET(self) -> None:
                recorder.requests.append((self.path, dict(self.headers)))
                name = self.path.lstrip("/")
                if name == "slow.xml":
                    time.sleep(SLOW_SECONDS)
                    return self._send(200, (FIXTURES / "world.xml").read_bytes())
                if name == "huge.xml":
                    item = b"<item><title>Hanoi</title><link>https://x.example/</link></item>"
                    body = b'<rss version="2.0"><channel>' + item * (recorder.huge_bytes // 64)
                    return self._send(200, body + b"</channel></rss>")
                if name == "error.xml":
                    return self._send(500, b"Internal Server Error")
                if name == "page.xml":
                    return self._send(200, b"<html><body>We have moved.</body></html>")
                if name == "world.xml" and (
                    self.headers.get("If-None-Match") == ETAG
                    or self.headers.get("If-Modified-Since") == LAST_MODIFIED
                ):
                    return self._send(304, b"")
                path = FIXTURES / name
                if not path.is_file():
                    return self._send(404, b"Not found")
                return self._send(200, path.read_bytes())

            def _send(self, status: int, body: bytes) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                    if status == 200:
                        self.send_header("ETag", ETAG)
                        self.send_header("Last-Modified", LAST_MODIFIED)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeouts, size limit): that is the point

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def __enter__(self) -> FeedServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
