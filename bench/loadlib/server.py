"""Step 2 of the load test: gunicorn as the Dockerfile starts it, on a free port of 127.0.0.1,
with its logs in the temporary directory of the run."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench.loadlib.client import Browser, RequestFailed
from bench.loadlib.common import ROOT, Failed


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, env: dict, tmp: Path, workers: int, threads: int):
        self.port = free_port()
        self.error_log = tmp / "gunicorn.log"
        self.access_log = tmp / "access.log"
        self.command = [
            sys.executable,
            "-m",
            "gunicorn",
            "zv_portal.wsgi",
            "-b",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--access-logfile",
            str(self.access_log),
            "--error-logfile",
            str(self.error_log),
        ]
        self.env = env
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        # A session of its own: Ctrl-C reaches this script, which stops gunicorn in order.
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        probe = Browser("127.0.0.1", self.port)
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise Failed(f"gunicorn stopte meteen:\n{self.log_tail()}")
            try:
                if probe.get("/gezond/", timeout=2).status == 200:
                    probe.close()
                    return
            except RequestFailed:
                pass
            time.sleep(0.2)
        raise Failed(f"gunicorn antwoordde niet binnen {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # graceful: workers finish their requests
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_tail(self, lines: int = 40) -> str:
        if not self.error_log.exists():
            return ""
        return "\n".join(self.error_log.read_text(errors="replace").splitlines()[-lines:])

    def log_findings(self) -> dict:
        text = self.error_log.read_text(errors="replace") if self.error_log.exists() else ""
        statuses: dict[str, int] = {}
        if self.access_log.exists():
            for line in self.access_log.read_text(errors="replace").splitlines():
                # common log format: ... "GET /path HTTP/1.1" 200 1234 ...
                try:
                    status = line.split('" ', 1)[1].split()[0]
                except IndexError:
                    continue
                statuses[status] = statuses.get(status, 0) + 1
        return {
            "tracebacks": text.count("Traceback"),
            "worker_timeouts": text.count("WORKER TIMEOUT"),
            "access_log_statuses": dict(sorted(statuses.items())),
        }
