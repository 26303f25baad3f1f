"""What the steps of the load test (``bench/load``) share: the project root, the log line and
the exception that stops a run."""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


class Failed(Exception):
    """A step of the load test failed; the message says which and why."""
