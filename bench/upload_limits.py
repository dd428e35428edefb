"""A 200 MB engagements CSV given to the upload page and to the command line (issue 18: before
the limits, it ran 17 minutes in a web worker after the client had given up, returned a 120 MB
error page and held 2.4 GB; the command-line imports took 3.2 and 3.8 GB).

    python3 bench/upload_limits.py [--megabytes 200] [--port 8106] [--data-dir DIR]

Starts the server as `make run` serves it (bench/load.py) on a fresh PostgreSQL database of its
own, writes a well-formed engagements CSV of the size asked (the same row again and again), then:
uploads it to the engagements import page as a signed-in administrator (time, status, size of
the answer, the workers' resident memory before and after), and imports it with
`passerelle engagements-import` (time, exit status, the message, peak memory). Prints the figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import lxml.html
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load

HEADER = "title_en,title_fr,start_date,kind,channel,summary_en\n"
ROW = "Bilateral call {n},Appel bilatéral {n},2024-05-01,meeting,bilateral,{text}\n"


def write_csv(path: Path, megabytes: int) -> int:
    """A CSV of about `megabytes` MB of well-formed engagements; returns its rows."""
    text = "x" * 400
    rows, size, target = 0, len(HEADER), megabytes * 1024 * 1024
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        while size < target:
            line = ROW.format(n=rows, text=text)
            out.write(line)
            size += len(line.encode())
            rows += 1
    return rows


def workers_rss_mb(server: subprocess.Popen[bytes]) -> float:
    """The resident memory of the server's process group (gunicorn's master and workers)."""
    result = subprocess.run(
        ["ps", "-o", "rss=", "-g", str(server.pid)], capture_output=True, text=True, check=False
    )
    return sum(int(v) for v in result.stdout.split()) / 1024


def upload(base: str, session: str, path: Path) -> dict[str, object]:
    client = requests.Session()
    client.cookies.set("sessionid", session)
    page = f"{base}/en/engagements/import/"  # the pages are under a language
    form = lxml.html.fromstring(client.get(page, timeout=30).text).forms
    csrf = next(f for f in form if "csrfmiddlewaretoken" in f.fields).fields["csrfmiddlewaretoken"]
    started = time.perf_counter()
    with path.open("rb") as handle:
        answer = client.post(
            page,
            data={"csrfmiddlewaretoken": csrf, "kind": "engagements"},
            files={"file": (path.name, handle, "text/csv")},
            headers={"Referer": page},
            timeout=1200,
        )
    text = lxml.html.fromstring(answer.content).text_content() if answer.content else ""
    said = next((line.strip() for line in text.splitlines() if "MB" in line), "")
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "status": answer.status_code,
        "answer_bytes": len(answer.content),
        "says": said,
    }


def command(path: Path, env: dict[str, str]) -> dict[str, object]:
    """The command-line import, its peak memory from /usr/bin/time (the child's own: wait4's
    ru_maxrss would count this process's memory, which the upload raised, as of the fork)."""
    started = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "peak %M", str(load.PROJECT / ".venv/bin/passerelle"),
         "engagements-import", "engagements", str(path), "--user", "loadbench"],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    lines = [line for line in result.stderr.strip().splitlines() if line]
    peak = next(int(line.split()[1]) for line in reversed(lines) if line.startswith("peak "))
    said = [line for line in lines if not line.startswith(("peak ", "Command exited"))]
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "exit": result.returncode,
        "peak_mb": round(peak / 1024),
        "says": said[-1] if said else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/passerelle-uploads"))  # noqa: S108
    args = parser.parse_args()
    env, server = load.scratch_instance(args.data_dir, args.port, database="passerelle_uploads")
    big = args.data_dir / "engagements-big.csv"
    rows = write_csv(big, args.megabytes)
    try:
        (session,) = load.sessions(1, env)
        before = workers_rss_mb(server)
        web = upload(f"http://127.0.0.1:{args.port}", session, big)
        web["server_rss_mb_before"], web["server_rss_mb_after"] = before, workers_rss_mb(server)
    finally:
        load.stop_server(server)
    figures = {
        "file": {"megabytes": round(big.stat().st_size / 1024 / 1024, 1), "rows": rows},
        "upload page": web,
        "command line": command(big, env),
    }
    print(json.dumps(figures, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
