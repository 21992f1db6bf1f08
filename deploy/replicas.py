"""N replicas of the playground on local ports, with HAProxy in front of them.

``python deploy/replicas.py`` starts 3 replicas (``streamlit run app.py`` on
127.0.0.1:8701-8703) and HAProxy on http://127.0.0.1:8700 with the sticky
cookie of ``deploy/haproxy.cfg``, and keeps them running until Ctrl-C.
``--replicas N`` and ``--port P`` choose another number and another port (the
replicas take the N ports after P).  No Docker is needed: only ``haproxy``
(``apt-get install haproxy`` as root on Debian/Ubuntu).

The tests (``tests/deploy/``) and the bench (``bench/replica_bench.py``) use
:class:`Cluster` to kill a replica, restart one, and read HAProxy's view of its
servers.  The HAProxy configuration is ``deploy/haproxy.cfg`` itself, with its
``server`` lines repeated for N replicas and its addresses set through the
environment (as compose.yaml does).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HAPROXY_CFG = ROOT / "deploy" / "haproxy.cfg"
_SERVER_LINE = re.compile(r"^(\s*)server r1 .*$", re.MULTILINE)


def haproxy_path() -> str | None:
    """The haproxy executable: $HAPROXY_PATH, /usr/sbin/haproxy or one on PATH."""
    for candidate in (os.environ.get("HAPROXY_PATH"), "/usr/sbin/haproxy", "haproxy"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


def haproxy_config(n: int, text: str | None = None) -> str:
    """deploy/haproxy.cfg with one ``server rK`` line per replica, K = 1 … n.

    The lines are the first one's (``server r1 "${REPLICA_1-…}" cookie r1``) with
    its number changed; each address comes from ``REPLICA_K`` in the environment.
    """
    if n < 1:
        raise ValueError(f"at least one replica, got {n}")
    text = HAPROXY_CFG.read_text(encoding="utf-8") if text is None else text
    first = _SERVER_LINE.search(text)
    if first is None:
        raise ValueError("haproxy.cfg has no 'server r1' line")
    indent = first.group(1)
    lines = "\n".join(
        f'{indent}server r{k} "${{REPLICA_{k}}}" cookie r{k}' for k in range(1, n + 1)
    )
    others = re.compile(r"^\s*server r(?!1 )\d+ .*\n", re.MULTILINE)
    return _SERVER_LINE.sub(lambda _: lines, others.sub("", text), count=1)


def _get(url: str, timeout: float = 2.0) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read().decode(errors="replace")


def wait_healthy(url: str, deadline: float, proc: subprocess.Popen | None = None) -> None:
    """Poll ``url``/_stcore/health until it answers "ok" (RuntimeError past the deadline)."""
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace")[-2000:] if proc.stderr else ""
            raise RuntimeError(f"{url} exited early:\n{err}")
        try:
            if _get(f"{url}/_stcore/health").strip() == "ok":
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer /_stcore/health in time")


def port_free(port: int) -> bool:
    """Whether nothing listens on 127.0.0.1:port (a closed socket's TIME_WAIT does not count)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class Replica:
    """One ``streamlit run app.py`` on 127.0.0.1:port."""

    def __init__(self, name: str, port: int, log: Path, env: dict | None = None):
        self.name = name
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log = log
        self.env = env or {}
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        cmd = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.headless", "true",
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ]  # fmt: skip
        env = os.environ.copy() | self.env
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        """SIGKILL: the process dies at once, its websockets with it."""
        if self.alive:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        """SIGTERM, as an orchestrator stops a replica (SIGKILL after 10 s)."""
        if self.alive:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


class Cluster:
    """N replicas and HAProxy in front of them; a context manager that stops everything.

    Parameters
    ----------
    n : int
        Replicas, on ports ``port + 1`` … ``port + n``; HAProxy on ``port``.
    port : int
        HAProxy's port on 127.0.0.1.
    workdir : Path, optional
        Where the generated config, the stats socket and the logs go (a fresh
        temporary directory by default).
    """

    def __init__(self, n: int = 3, port: int = 8700, workdir: Path | None = None):
        self.n = n
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="logreg-replicas-"))
        self.socket = self.workdir / "haproxy.sock"
        self.replicas = [
            Replica(f"r{k}", port + k, self.workdir / f"r{k}.log") for k in range(1, n + 1)
        ]
        self.haproxy: subprocess.Popen | None = None

    def by_name(self, name: str) -> Replica:
        return next(r for r in self.replicas if r.name == name)

    def __enter__(self) -> Cluster:
        exe = haproxy_path()
        if exe is None:
            raise RuntimeError("haproxy not found (as root on Debian: apt-get install haproxy)")
        busy = [p for p in range(self.port, self.port + self.n + 1) if not port_free(p)]
        if busy:
            raise RuntimeError(f"ports already in use: {busy}")
        try:
            for r in self.replicas:
                r.start()
            deadline = time.monotonic() + 120
            for r in self.replicas:
                wait_healthy(r.url, deadline, r.proc)
            cfg = self.workdir / "haproxy.cfg"
            cfg.write_text(haproxy_config(self.n), encoding="utf-8")
            env = os.environ.copy() | {
                "HAPROXY_BIND": f"127.0.0.1:{self.port}",
                "HAPROXY_SOCKET": str(self.socket),
            }
            env |= {f"REPLICA_{k}": f"127.0.0.1:{r.port}" for k, r in enumerate(self.replicas, 1)}
            with open(self.workdir / "haproxy.log", "ab") as log:
                self.haproxy = subprocess.Popen(
                    [exe, "-db", "-f", str(cfg)], env=env, stdout=log, stderr=subprocess.STDOUT
                )
            self.wait_up([r.name for r in self.replicas], timeout=60)
            wait_healthy(self.url, time.monotonic() + 30, self.haproxy)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self.haproxy is not None and self.haproxy.poll() is None:
            self.haproxy.terminate()
            self.haproxy.wait(timeout=10)
        for r in self.replicas:
            r.stop()

    # -- HAProxy's view ------------------------------------------------------------

    def _command(self, command: str) -> str:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(5)
            s.connect(str(self.socket))
            s.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode(errors="replace")

    def stats(self) -> dict[str, dict[str, str]]:
        """HAProxy's statistics of each replica (``show stat``): name -> field -> value.

        ``status`` is UP, DOWN, … and ``scur`` the connections open to it now
        (each student's websocket is one).
        """
        text = self._command("show stat").lstrip("# ")
        rows = csv.DictReader(io.StringIO(text))
        return {
            row["svname"]: row
            for row in rows
            if row.get("pxname") == "replicas" and row["svname"] not in ("BACKEND", "FRONTEND")
        }

    def wait_up(self, names: list[str], timeout: float = 60) -> None:
        """Wait until HAProxy's health checks see each replica in ``names`` UP."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                st = self.stats()
                if all(st.get(n, {}).get("status", "").startswith("UP") for n in names):
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"HAProxy does not see {names} up within {timeout:.0f} s")

    def start(self, name: str, timeout: float = 120) -> None:
        """Start a stopped replica and wait until HAProxy's health check sees it up."""
        r = self.by_name(name)
        r.start()
        wait_healthy(r.url, time.monotonic() + timeout, r.proc)
        self.wait_up([name], timeout)

    def restart(self, name: str, timeout: float = 120) -> None:
        """Stop a replica (SIGTERM), start it again and wait until HAProxy sees it up."""
        self.by_name(name).stop()
        self.start(name, timeout)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=3, help="how many (default 3)")
    parser.add_argument("--port", type=int, default=8700, help="HAProxy's port (default 8700)")
    args = parser.parse_args(argv)
    with Cluster(args.replicas, args.port) as cluster:
        ports = ", ".join(str(r.port) for r in cluster.replicas)
        print(f"{args.replicas} replicas on 127.0.0.1 ports {ports}")
        print(f"HAProxy: {cluster.url} (config and logs in {cluster.workdir}); Ctrl-C stops all")
        dead: set[str] = set()
        try:
            while cluster.haproxy.poll() is None:
                for r in cluster.replicas:
                    if not r.alive and r.name not in dead:
                        dead.add(r.name)
                        print(f"replica {r.name} stopped; HAProxy sends its students elsewhere")
                time.sleep(1)
            print("HAProxy stopped; stopping the replicas")
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
