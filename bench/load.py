"""Pages under load (issue 18, item 6): throughput of signed-in pages against the bare sign-in
page, measured side by side in the same run under the same server, and their latency with one
second of think time.

    python3 bench/load.py [--rounds 3] [--duration 10] [--users 50] [--port 8104]
        [--database passerelle_loadbench] [--data-dir /tmp/passerelle-loadbench] [--keep]
        [--before /path/to/other/checkout]

Starts the server as `make run` serves it (gunicorn, 2 workers x 4 threads, passerelle/serving.py)
on a fresh PostgreSQL database of its own (dropped and created again unless --keep) and a data
directory of its own, so the demo sets are what `make run` builds. Signs in `--users` sessions
of one administrator (Protected B, every panel shown), the system-use notice acknowledged, and
drives each page with wrk (Debian's `wrk`): `--users` connections, each request with the next
session's cookie. Per round and page:

- saturated: `--users` connections without think time for `--duration` seconds: requests/s,
  p50, p95, and the ratio to the sign-in page's requests/s measured in the same round;
- think time: the same connections, each waiting one second after each answer: p50, p95.

With `--before DIR`, a second server runs from that checkout (its own `make run`, on the next
port, same database and data directory) and each round measures both, one after the other, so
that "before" and "now" are compared in the same run.

Prints each round and the medians over the rounds. Only loopback addresses are used; every wrk
run is bounded by `--duration`. Run it under the shared machine's lock:

    flock /tmp/heavy.lock python3 bench/load.py

Results go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent

# (label, path, whether it needs a session)
PAGES = [
    ("sign-in page", "/en/sign-in/", False),
    ("home", "/en/", True),
    ("engagement list", "/en/engagements/list/", True),
    ("country page (MEX)", "/en/geo/MEX/", True),
    ("network overview", "/en/network/", True),
    ("operations explorer", "/en/operations/", True),
    ("API list (engagements)", "/api/v1/engagements/engagements/", True),
]

LUA = r"""
local cookies = {}
local think = tonumber(os.getenv("LOAD_THINK_MS") or "0")
local counter = 0
local statuses = {}

function init(args)
  for line in io.lines(os.getenv("LOAD_COOKIES")) do
    if line ~= "" then table.insert(cookies, line) end
  end
  counter = math.random(#cookies)
end

function request()
  counter = counter + 1
  local headers = {}
  if #cookies > 0 and os.getenv("LOAD_SIGNED_IN") == "1" then
    headers["Cookie"] = "sessionid=" .. cookies[(counter % #cookies) + 1]
  end
  return wrk.format("GET", nil, headers)
end

function delay()
  return think
end

function done(summary, latency, requests)
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"status_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""

SESSIONS_SNIPPET = """
import time
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.utils.module_loading import import_string
from passerelle.core.classification import Classification
from passerelle.core.middleware import NOTICE_SESSION_KEY, IdleSessionMiddleware
from passerelle.core.models import User

user = User.objects.filter(username="loadbench").first()
if user is None:
    user = User.objects.create_user(
        username="loadbench", password=None, clearance=Classification.PROTECTED_B
    )
    user.groups.add(Group.objects.get(name="administrator"))
# this checkout's password sign-in backend, by what it is rather than by its place in the list
BACKEND = next(
    path for path in settings.AUTHENTICATION_BACKENDS
    if issubclass(import_string(path), ModelBackend)
)
for _ in range({users}):
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = BACKEND
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s[NOTICE_SESSION_KEY] = True
    s[IdleSessionMiddleware.KEY] = int(time.time())
    s.create()
    print("SESSION", s.session_key)
"""


def psql(database_url: str, sql: str) -> None:
    subprocess.run(["psql", database_url, "-q", "-c", sql], check=True)


def fresh_database(name: str) -> str:
    admin = "postgres://postgres@127.0.0.1:5432/postgres"
    psql(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    psql(admin, f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def start_server(
    port: int, env: dict[str, str], log: Path, project: Path = PROJECT
) -> subprocess.Popen[bytes]:
    out = log.open("wb")
    server = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=project,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    started = time.monotonic()
    while time.monotonic() - started < 900:
        if server.poll() is not None:
            sys.exit(f"make run stopped (exit {server.returncode}); see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                if r.status == 200:
                    print(f"serving after {time.monotonic() - started:.1f} s", flush=True)
                    return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    sys.exit(f"make run did not serve within 900 s; see {log}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def outside_venv(environ: Any) -> dict[str, str]:
    """The environment without a virtual environment's: run by `uv run` (make bench-load), the
    bench would hand `make run` the venv's python, which has neither pip nor uv."""
    env = {k: v for k, v in environ.items() if k != "VIRTUAL_ENV"}
    venv = environ.get("VIRTUAL_ENV")
    if venv:
        env["PATH"] = os.pathsep.join(
            p for p in environ.get("PATH", "").split(os.pathsep) if not p.startswith(venv)
        )
    return env


def scratch_instance(
    data_dir: Path, port: int, *, database: str | None
) -> tuple[dict[str, str], subprocess.Popen[bytes]]:
    """A served instance of this checkout on an empty data directory and a fresh PostgreSQL
    `database` (None: SQLite in the data directory), started as `make run` starts it; its
    environment (for the commands run beside it) and its server (stop_server ends it)."""
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    env = {**outside_venv(os.environ), "PASSERELLE_DATA_DIR": str(data_dir)}
    if database:
        env["DATABASE_URL"] = fresh_database(database)
    else:
        env.pop("DATABASE_URL", None)
    return env, start_server(port, env, data_dir / "server.log")


def sessions(users: int, env: dict[str, str], project: Path = PROJECT) -> list[str]:
    """Sessions made by `project`'s own code (each checkout's sessions name its sign-in backend)."""
    result = subprocess.run(
        [str(project / ".venv" / "bin" / "passerelle"), "shell", "-c",
         SESSIONS_SNIPPET.format(users=users)],
        cwd=project, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return [line.split()[1] for line in result.stdout.splitlines() if line.startswith("SESSION ")]


def check_pages(port: int, cookie: str) -> None:
    """Every page answers 200 to a signed-in session (not a redirect to the sign-in page or the
    notice), so that the load measures the page itself."""
    opener = urllib.request.build_opener(NoRedirect())
    for label, path, signed_in in PAGES:
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
        if signed_in:
            request.add_header("Cookie", f"sessionid={cookie}")
        try:
            with opener.open(request, timeout=60) as response:
                body = response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            sys.exit(f"{label} {path}: {error.code}")
        if status != 200:
            sys.exit(f"{label} {path}: {status}")
        print(f"checked {label} {path}: 200, {len(body):,} bytes", flush=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def wrk(port: int, path: str, *, signed_in: bool, think_ms: int, users: int, duration: int,
        lua: Path, cookies: Path) -> dict[str, float]:  # fmt: skip
    env = {
        **os.environ,
        "LOAD_COOKIES": str(cookies),
        "LOAD_THINK_MS": str(think_ms),
        "LOAD_SIGNED_IN": "1" if signed_in else "0",
    }
    result = subprocess.run(
        ["wrk", "-t2", f"-c{users}", f"-d{duration}s", "--timeout", "30s", "-s", str(lua),
         f"http://127.0.0.1:{port}{path}"],
        env=env, capture_output=True, text=True, check=True, timeout=duration + 60,
    )  # fmt: skip
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("RESULT "))
    raw = json.loads(line.removeprefix("RESULT "))
    return {
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "errors": raw["status_errors"] + raw["socket_errors"],
        "requests": raw["requests"],
    }


def drain(port: int, *, limit: float = 180.0) -> float:
    """Wait until the server has worked off what the last run left queued (wrk stops sending,
    but gunicorn's threads still answer every request already accepted): until `/healthz`, queued
    behind them, answers within 50 ms twice in a row. The seconds it took."""
    started = time.perf_counter()
    quick = 0
    while quick < 2 and time.perf_counter() - started < limit:
        asked = time.perf_counter()
        with contextlib.suppress(urllib.error.URLError, TimeoutError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=limit).read()
        quick = quick + 1 if time.perf_counter() - asked < 0.05 else 0
        time.sleep(0.2)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--think", type=float, default=1.0, help="seconds")
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--database", default="passerelle_loadbench")
    parser.add_argument("--data-dir", default=str(PROJECT / "var" / "loadbench"))
    parser.add_argument("--keep", action="store_true", help="keep the database and data dir")
    parser.add_argument("--json", help="write every run's figures to this file")
    parser.add_argument("--only", help="comma-separated labels' first words to run (and sign-in)")
    parser.add_argument("--before", help="another checkout to serve and measure in the same run")
    args = parser.parse_args()

    env = {**outside_venv(os.environ), "PASSERELLE_DATA_DIR": args.data_dir}
    if args.keep:
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    else:
        env["DATABASE_URL"] = fresh_database(args.database)
        subprocess.run(["rm", "-rf", args.data_dir], check=True)
    pages = PAGES
    if args.only:
        wanted = args.only.split(",")
        pages = [p for p in PAGES if p is PAGES[0] or any(p[0].startswith(w) for w in wanted)]

    work = Path(tempfile.mkdtemp(prefix="loadbench-"))
    lua = work / "load.lua"
    lua.write_text(LUA)
    servers = {"now": (args.port, start_server(args.port, env, work / "server.log"))}
    projects = {"now": PROJECT}
    if args.before:
        projects["before"] = Path(args.before)
        servers["before"] = (
            args.port + 1,
            start_server(args.port + 1, env, work / "before.log", Path(args.before)),
        )
    try:
        cookie_files = {}
        for name, (port, _server) in servers.items():
            keys = sessions(args.users, env, projects[name])
            cookie_files[name] = work / f"cookies-{name}.txt"
            cookie_files[name].write_text("\n".join(keys) + "\n")
            check_pages(port, keys[0])
        runs: list[dict[str, object]] = []
        for round_ in range(1, args.rounds + 1):
            load = Path("/proc/loadavg").read_text().split()[0]
            print(f"round {round_} (load average {load})", flush=True)
            order = list(servers.items()) if round_ % 2 else list(reversed(servers.items()))
            for name, (port, _server) in order:
                for mode, think_ms in (("saturated", 0), ("think", int(args.think * 1000))):
                    base = None
                    for label, path, signed_in in pages:
                        drain(port)  # nothing left of the previous page's run
                        figures = wrk(
                            port, path, signed_in=signed_in, think_ms=think_ms,
                            users=args.users, duration=args.duration, lua=lua,
                            cookies=cookie_files[name],
                        )  # fmt: skip
                        figures["drain_s"] = drain(port)
                        if base is None:
                            base = figures["rps"]
                        figures["ratio"] = figures["rps"] / base if base else float("nan")
                        runs.append(
                            {"round": round_, "server": name, "mode": mode, "page": label,
                             **figures}
                        )  # fmt: skip
                        print(
                            f"  {name:6} {mode:9} {label:24} {figures['rps']:8.1f} req/s "
                            f"({figures['ratio']:6.1%} of sign-in)  "
                            f"p50 {figures['p50_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms  "
                            f"errors {figures['errors']:.0f}  backlog {figures['drain_s']:.0f} s",
                            flush=True,
                        )
        for name in servers:
            print(f"\n{name}: medians of {args.rounds} rounds ({args.users} users, "
                  f"{args.duration} s each)")  # fmt: skip
            print(
                "| page | req/s | share of sign-in | p50 | p95 | p95 with 1 s think time |\n"
                "|---|---|---|---|---|---|"
            )
            for label, _path, _signed_in in pages:

                def med(mode: str, key: str, label: str = label, name: str = name) -> float:
                    return statistics.median(
                        float(r[key])  # type: ignore[arg-type]
                        for r in runs
                        if r["page"] == label and r["mode"] == mode and r["server"] == name
                    )

                print(
                    f"| {label} | {med('saturated', 'rps'):.1f} | "
                    f"{med('saturated', 'ratio'):.1%} | {med('saturated', 'p50_ms'):.0f} ms | "
                    f"{med('saturated', 'p95_ms'):.0f} ms | {med('think', 'p95_ms'):.0f} ms |"
                )
        if args.json:
            Path(args.json).write_text(json.dumps(runs, indent=1))
    finally:
        for _port, server in servers.values():
            stop_server(server)
        print(f"server logs: {work}")


if __name__ == "__main__":
    main()
