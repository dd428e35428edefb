"""The kernel's own commands."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from passerelle.core.classification import Classification
from passerelle.core.models import User
from passerelle.core.testing import make_user

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_issue_token_prints_a_stable_token_and_rotates_on_request():
    user = make_user(role="analyst")
    first = run("issue-token", user.username).strip()
    assert len(first) == 40
    assert run("issue-token", user.username).strip() == first
    rotated = run("issue-token", user.username, "--rotate").strip()
    assert rotated != first


def test_issue_token_for_an_unknown_user_says_so():
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        run("issue-token", "nobody")


def test_demo_admin_password_is_random_printed_once_and_works(settings):
    # The product's hashers (the tests' own put a fast one first, conftest.py).
    settings.PASSWORD_HASHERS = [h for h in settings.PASSWORD_HASHERS if "MD5" not in h]
    output = run("create-demo-admin")
    password = output.split("password:")[1].split()[0]
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.clearance == Classification.PROTECTED_B
    assert admin.groups.filter(name="administrator").exists()
    assert admin.password.startswith("argon2")
    client = Client()
    response = client.post("/en/sign-in/", {"username": "admin", "password": password})
    assert response.status_code == 302, "the printed password signs in"
    again = run("create-demo-admin")
    assert password not in again and "exists already" in again
