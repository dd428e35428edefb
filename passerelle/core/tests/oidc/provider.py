"""A real OpenID Connect provider on 127.0.0.1 for the sign-in tests (provider.mjs, panva's
`oidc-provider` from npm, installed by `npm ci`), and a person's way through its pages."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests
from django.conf import settings

SCRIPT = Path(__file__).with_name("provider.mjs")
CLIENT_ID = "passerelle"
CLIENT_SECRET = "not-a-secret-only-for-tests"
SITE = "http://testserver"
_FORM_ACTION = re.compile(r'<form[^>]*action="([^"]+)"')
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


@dataclass
class Provider:
    """The running provider: its address and the people it knows (written to a file it reads at
    each sign-in, so a test may change someone's claims between two sign-ins)."""

    url: str
    accounts_file: Path

    def set_account(self, subject: str, **claims: Any) -> None:
        accounts = json.loads(self.accounts_file.read_text())
        accounts[subject] = claims
        self.accounts_file.write_text(json.dumps(accounts))

    def settings(self) -> dict[str, Any]:
        """The settings `PASSERELLE_OIDC=true` and the OIDC_* variables give (docs/sign-in.md)."""
        return {
            "OIDC_ENABLED": True,
            "ROOT_URLCONF": "passerelle.core.tests.oidc.urls",
            "AUTHENTICATION_BACKENDS": [
                *settings.AUTHENTICATION_BACKENDS,
                "passerelle.core.oidc.PasserelleOIDCBackend",
            ],
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/auth",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/me",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
            "OIDC_OP_LOGOUT_ENDPOINT": f"{self.url}/session/end",
            # provider.mjs signs with a P-256 key (an RSA key takes seconds to make)
            "OIDC_RP_SIGN_ALGO": "ES256",
        }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_provider(folder: Path) -> Iterator[Provider]:
    """Start provider.mjs with Node and wait until it listens; stop it afterwards."""
    node = shutil.which("node")
    assert node, "Node.js is needed for the sign-in tests (the machine's Node 20)"
    assert (settings.PROJECT_DIR / "node_modules" / "oidc-provider").is_dir(), (
        "npm's oidc-provider is missing: run `npm ci` (make install does)"
    )
    port = _free_port()
    accounts = folder / "accounts.json"
    accounts.write_text("{}")
    client = folder / "client.json"
    client.write_text(
        json.dumps(
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": [f"{SITE}/oidc/callback/"],
                "post_logout_redirect_uris": [f"{SITE}/"],
                "token_endpoint_auth_method": "client_secret_post",
                "id_token_signed_response_alg": "ES256",
            }
        )
    )
    process = subprocess.Popen(
        [node, str(SCRIPT), str(port), str(accounts), str(client)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # "ready" once it listens (or "" if it died)
        assert line.strip() == "ready", f"the provider did not start (exit {process.poll()})"
        yield Provider(url=f"http://127.0.0.1:{port}", accounts_file=accounts)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def through_provider(
    browser: requests.Session, address: str, *, login: str, ask: list[str] | None = None
) -> str:
    """Follow `address` through the provider's pages as a person would (signing in as `login`
    when asked, agreeing when asked), until the provider sends them back to Passerelle: that
    address. The provider's prompts seen are appended to `ask`."""
    response = browser.get(address, allow_redirects=False)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith(SITE):
                return location
            response = browser.get(location, allow_redirects=False)
            continue
        assert response.status_code == 200, (response.status_code, response.text[:500])
        found = _FORM_ACTION.search(response.text)
        assert found, response.text[:500]
        data = dict(_HIDDEN.findall(response.text))
        prompt = data.get("prompt", "logout")
        if ask is not None:
            ask.append(prompt)
        if prompt == "login":
            data |= {"login": login, "password": "any"}
        if prompt == "logout":
            data["logout"] = "yes"
        response = browser.post(
            urljoin(response.url, found.group(1)), data=data, allow_redirects=False
        )
    raise AssertionError("the provider never sent the person back")
