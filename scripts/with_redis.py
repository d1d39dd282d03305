"""Run a command beside a throw-away Redis server: ``with_redis.py CMD ARGS...``.

Starts the installed ``redis-server`` (Debian's package ``redis-server``;
``make redis-deps`` installs it) in a temporary folder on a free port of
127.0.0.1 only, with nothing written to disk (``--save '' --appendonly no``),
exports ``REDIS_URL`` for the command, and always stops the server and deletes
the folder afterwards, also when the command fails. Composes with
``with_postgres.py``: ``with_postgres.py with_redis.py pytest`` gives the
command both ``DATABASE_URL`` and ``REDIS_URL``.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

START_SECONDS = 10
STOP_SECONDS = 10
#: A free port found by binding may be taken again before the server binds it.
ATTEMPTS = 3


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def start_server(workdir: Path) -> tuple[subprocess.Popen, int]:
    """A running ``redis-server`` and its port; raises ``RuntimeError`` with its log."""
    log = workdir / "server.log"
    for _attempt in range(ATTEMPTS):
        port = free_port()
        # A list of arguments, no shell: the empty string really is ``--save ''``.
        server = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--protected-mode",
                "yes",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(workdir),
                "--logfile",
                str(log),
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline and server.poll() is None:
            if answers_ping(port):
                return server, port
            time.sleep(0.05)
        stop_server(server)
    text = log.read_text(errors="replace") if log.exists() else "(no log)"
    raise RuntimeError(f"redis-server did not start:\n{text[-2000:]}")


def stop_server(server: subprocess.Popen) -> None:
    """SIGTERM (Redis shuts down cleanly and, with ``--save ''``, writes nothing), then
    SIGKILL if it has not gone within ``STOP_SECONDS``."""
    if server.poll() is None:
        server.terminate()
    try:
        server.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def main(command: list[str]) -> int:
    if not command:
        print(__doc__)
        return 2
    if shutil.which("redis-server") is None:
        print(
            "redis-server not found: install Debian's redis-server package (make redis-deps).",
            file=sys.stderr,
        )
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="kyanh-redis-"))
    server = None
    try:
        try:
            server, port = start_server(workdir)
        except RuntimeError as error:
            print(error, file=sys.stderr)
            return 2
        version = subprocess.run(
            ["redis-server", "--version"], capture_output=True, text=True
        ).stdout.split(" sha=")[0]
        print(f"Redis server for the tests: {version}, 127.0.0.1:{port}", flush=True)
        env = dict(os.environ, REDIS_URL=f"redis://127.0.0.1:{port}/0")
        process = subprocess.Popen(command, env=env)
        try:
            return process.wait()
        except KeyboardInterrupt:
            process.send_signal(signal.SIGINT)
            return process.wait()
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
