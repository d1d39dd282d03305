"""Run a command against a throw-away PostgreSQL server: ``with_postgres.py CMD ARGS...``.

Creates a cluster in a temporary folder with the installed ``initdb``,
starts it on a free loopback port, exports ``DATABASE_URL`` for the command,
and always stops and deletes the cluster afterwards, also when the command
fails. PostgreSQL refuses to run as root, so as root the server runs as the
``postgres`` system user; as an ordinary user it runs as that user.
"""

import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

SERVER_USER = "postgres"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", SERVER_USER, "--", *args]


def main(command: list[str]) -> int:
    if not command:
        print(__doc__)
        return 2
    for tool in ("initdb", "pg_ctl"):
        if shutil.which(tool) is None:
            print(f"{tool} not found: install PostgreSQL's server binaries.", file=sys.stderr)
            return 2
    workdir = Path(tempfile.mkdtemp(prefix="kyanh-pg-"))
    data, sockets, log = workdir / "data", workdir / "sockets", workdir / "server.log"
    sockets.mkdir()
    if os.geteuid() == 0:
        user = pwd.getpwnam(SERVER_USER)
        for path in (workdir, sockets):
            os.chown(path, user.pw_uid, user.pw_gid)
    port = free_port()
    started = False
    try:
        subprocess.run(
            as_server_user(
                [
                    "initdb",
                    "-D",
                    str(data),
                    "-U",
                    "kyanh",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c max_connections=200 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        subprocess.run(
            as_server_user(
                ["pg_ctl", "-D", str(data), "-o", options, "-l", str(log), "-w", "start"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        started = True
        version = subprocess.run(
            ["postgres", "--version"], capture_output=True, text=True
        ).stdout.strip()
        print(f"PostgreSQL server for the tests: {version}, 127.0.0.1:{port}", flush=True)
        env = dict(
            os.environ,
            DATABASE_URL=f"postgres://kyanh@127.0.0.1:{port}/postgres",
            # How a test restarts or stops this server (add "restart", "stop" or "start"
            # with "-w"): the database-restart tests of tests/reliability.
            KYANH_TEST_PG_CTL=json.dumps(
                as_server_user(
                    ["pg_ctl", "-D", str(data), "-o", options, "-l", str(log), "-m", "fast"]
                )
            ),
        )
        process = subprocess.Popen(command, env=env)
        try:
            return process.wait()
        except KeyboardInterrupt:
            process.send_signal(signal.SIGINT)
            return process.wait()
    finally:
        if started:
            subprocess.run(
                as_server_user(["pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop"]),
                stdout=subprocess.DEVNULL,
            )
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
