"""Races and refusals against a served instance (issue 18's "held up" figures, re-measured): two
writers with the same version of a record, through the API and through the edit form, at the
same instant, many times; and a viewer's write attempts on every API operation.

    python3 bench/races.py [--database postgres|sqlite] [--api-races 500] [--form-races 150]
        [--port 8105] [--data-dir /tmp/passerelle-races]

Starts the server as `make run` serves it (bench/load.py: gunicorn, 2 workers x 4 threads) on a
fresh database of its own (PostgreSQL `passerelle_races`, or SQLite in the data directory), with
the demo sets `make run` builds. Then:

- API races: read a forum and its ETag, then two PATCHes with that ETag released together (a
  barrier), each setting another French acronym. Held when exactly one is saved (200) and the
  other refused (412), and the record then holds the saved one's value.
- Form races: two people open the forum's edit page (the same version), change the French name
  each their own way, and submit together. Held when exactly one is saved (a redirect) and the
  other shown the form again (the version moved), and the record holds the saved one's name.
- Viewer writes: a viewer's token sends POST, PUT, PATCH and DELETE to every operation of the
  published schema that takes them, `--viewer-rounds` times. Held when none
  is answered 2xx (each path's key filled with a record its list gives the viewer).

Prints the counts; results go in the issue's note and docs/operations.md.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import threading
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any

import lxml.html
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load

PROJECT = load.PROJECT

ACCOUNTS = """
from django.core.management import call_command
from passerelle.core.models import User
from passerelle.core.testing import make_user
if not User.objects.filter(username="race-viewer").exists():
    make_user(username="race-viewer", role="viewer")
call_command("issue-token", "loadbench")
call_command("issue-token", "race-viewer")
"""


def accounts(env: dict[str, str]) -> tuple[str, str, str]:
    """An administrator's (load.py's `loadbench`, Protected B) and a viewer's API tokens, and a
    signed-in session of the administrator (the system-use notice acknowledged)."""
    (session,) = load.sessions(1, env)  # makes the administrator
    result = subprocess.run(
        [str(PROJECT / ".venv/bin/passerelle"), "shell", "-c", ACCOUNTS],
        cwd=PROJECT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    tokens = [line.strip() for line in result.stdout.splitlines() if re.fullmatch(r"\w{40}", line)]
    return tokens[0], tokens[1], session


def together(*calls: Any) -> list[Any]:
    """Run the calls at the same instant, each in its own thread; their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Any) -> None:
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def patch(url: str, headers: dict[str, str], etag: str, value: str) -> int:
    answer = requests.patch(
        url, json={"acronym_fr": value}, headers={**headers, "If-Match": etag}, timeout=60
    )
    return answer.status_code


def submit(page: str, client: requests.Session, values: dict[str, str], name: str) -> int:
    data = {**values, "name_fr": name}
    answer = client.post(
        page, data=data, headers={"Referer": page}, allow_redirects=False, timeout=60
    )
    return answer.status_code


def api_races(base: str, token: str, count: int) -> Counter[str]:
    headers = {"Authorization": f"Token {token}"}
    forums = requests.get(f"{base}/api/v1/partners/forums/", headers=headers, timeout=30).json()
    url = f"{base}/api/v1/partners/forums/{forums['results'][0]['slug']}/"
    outcome: Counter[str] = Counter()
    for race in range(count):
        etag = requests.get(url, headers=headers, timeout=30).headers["ETag"]
        values = [f"R{race}A", f"R{race}B"]

        statuses = together(*(partial(patch, url, headers, etag, v) for v in values))
        held = requests.get(url, headers=headers, timeout=30).json()["acronym_fr"]
        saved = [v for v, s in zip(values, statuses, strict=True) if s == 200]
        if sorted(statuses) == [200, 412] and saved == [held]:
            outcome["held: one saved, one 412"] += 1
        else:
            outcome[f"LOST OR WRONG: {statuses}, held {held!r}"] += 1
    return outcome


def form_data(html: str) -> dict[str, Any]:
    """What the edit form would submit unchanged. Its fields are GC Design System components
    (gcds-input, gcds-select, …, form-associated custom elements), which lxml's form reader
    does not know: each element named inside the form gives its `value` (a select its selected
    option; checkboxes the values they hold checked)."""
    page = lxml.html.fromstring(html)
    (form,) = page.xpath("//form[.//input[@name='version']]")
    data: dict[str, Any] = {}
    for element in form.iter():
        name = element.get("name")
        if not name:
            continue
        tag = element.tag
        if tag == "input" and element.get("type") == "checkbox":
            if element.get("checked") is not None:
                data[name] = element.get("value", "on")
        elif tag == "gcds-checkboxes":
            checked = json.loads(element.get("value") or "[]")
            if checked:
                data[name] = checked
        elif tag in ("select", "gcds-select"):
            chosen = element.xpath("./option[@selected]/@value")
            data[name] = chosen[0] if chosen else element.get("value", "")
        elif tag == "gcds-textarea" or tag == "textarea":
            data[name] = element.get("value") or (element.text or "")
        else:
            data[name] = element.get("value", "")
    return data


def form_races(base: str, session: str, count: int) -> Counter[str]:
    cookies = {"sessionid": session}
    forums = requests.get(
        f"{base}/api/v1/partners/forums/", cookies=cookies, timeout=30
    ).json()  # the session reads the API too
    slug = forums["results"][-1]["slug"]
    page = f"{base}/en/partners/forums/{slug}/edit/"  # the pages are under a language
    outcome: Counter[str] = Counter()
    for race in range(count):
        opened = []
        for _ in range(2):  # two people open the same version of the edit page
            client = requests.Session()
            client.cookies.update(cookies)
            answer = client.get(page, timeout=30)
            opened.append((client, form_data(answer.text)))
        names = [f"Forum course {race} A", f"Forum course {race} B"]

        statuses = together(
            *(
                partial(submit, page, client, values, name)
                for (client, values), name in zip(opened, names, strict=True)
            )
        )
        held = requests.get(
            f"{base}/api/v1/partners/forums/{slug}/", cookies=cookies, timeout=30
        ).json()["name_fr"]
        saved = [n for n, s in zip(names, statuses, strict=True) if s == 302]
        if len(saved) == 1 and saved == [held] and sorted(statuses) in ([200, 302], [302, 409]):
            outcome["held: one saved, one shown the form again"] += 1
        else:
            outcome[f"LOST OR WRONG: {statuses}, held {held!r}"] += 1
    return outcome


def filled(base: str, path: str, headers: dict[str, str]) -> str:
    """The path with its key filled with the first record the list above it gives (a key the
    list does not give: "1")."""
    found = re.search(r"\{(\w+)\}", path)
    if not found:
        return base + path
    listing = requests.get(base + path[: found.start()], headers=headers, timeout=60)
    results = listing.json().get("results", []) if listing.ok else []
    value = str(results[0].get(found.group(1), "1")) if results else "1"
    return filled(base, path[: found.start()] + value + path[found.end() :], headers)


def viewer_writes(base: str, token: str, rounds: int) -> Counter[str]:
    headers = {"Authorization": f"Token {token}"}
    schema = requests.get(f"{base}/api/v1/schema/?format=json", headers=headers, timeout=60)
    paths = schema.json()["paths"]
    urls = {path: filled(base, path, headers) for path in paths}
    outcome: Counter[str] = Counter()
    for _ in range(rounds):
        for path, operations in paths.items():
            for method in ("post", "put", "patch", "delete"):
                if method not in operations:
                    continue
                body = {} if method == "delete" else {"name_en": f"viewer {random.random()}"}
                status = requests.request(
                    method.upper(),
                    urls[path],
                    json=body,
                    headers={**headers, "If-Match": "*"},
                    timeout=60,
                ).status_code
                outcome["refused" if status >= 400 else f"ACCEPTED {method} {path}"] += 1
                outcome[f"status {status}"] += 1
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--api-races", type=int, default=500)
    parser.add_argument("--form-races", type=int, default=150)
    parser.add_argument("--viewer-rounds", type=int, default=10)
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/passerelle-races"))  # noqa: S108
    args = parser.parse_args()
    database = "passerelle_races" if args.database == "postgres" else None
    env, server = load.scratch_instance(args.data_dir, args.port, database=database)
    try:
        admin_token, viewer_token, session = accounts(env)
        base = f"http://127.0.0.1:{args.port}"
        results = {
            "API races": api_races(base, admin_token, args.api_races),
            "form races": form_races(base, session, args.form_races),
            "viewer writes": viewer_writes(base, viewer_token, args.viewer_rounds),
        }
    finally:
        load.stop_server(server)
    print(json.dumps({"database": args.database, **results}, indent=1))


if __name__ == "__main__":
    main()
