"""Local networking: a free port, a forgiving fetch, and polling until something is true."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable

HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def fetch(url: str, timeout: float = 5.0) -> str | None:
    """The body of `url` as text, or None if it cannot be fetched (not up yet, error status, timeout)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (local URLs)
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, TimeoutError):
        return None


def wait_for(predicate: Callable[[], object], seconds: float, interval: float = 0.1) -> bool:
    """Poll `predicate` until it is truthy (True) or `seconds` have passed (False)."""
    deadline = time.monotonic() + seconds
    while True:
        if predicate():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)
