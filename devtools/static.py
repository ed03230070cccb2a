"""A static HTTP server for a built site, on 127.0.0.1, from a background thread."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from devtools.net import HOST

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the content types GitHub Pages sends, no log line per request, and, when
    `gzip` is set, text compressed with gzip for clients that accept it (as GitHub Pages does)."""

    gzip = False
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
    }

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        if not self.gzip or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        url_path = self.path.split("?")[0].split("#")[0]
        path = Path(self.translate_path(self.path))
        if url_path.endswith("/"):
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not (path.is_file() and ctype.startswith(COMPRESSIBLE)):
            return super().send_head()  # directories without a slash get their redirect here
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class GzipHandler(StaticHandler):
    gzip = True


@contextlib.contextmanager
def serve(root: Path, port: int = 0, compress: bool = False) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 (at `port`, or a free one); yields the base URL, ending in '/'."""
    handler = functools.partial(GzipHandler if compress else StaticHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer((HOST, port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
