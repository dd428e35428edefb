"""`passerelle create-demo-admin`: an administrator for a first look, with a random password
printed once. Run again, it leaves the account alone and says so."""

import secrets
from typing import Any

from django.contrib.auth.models import Group
from django.core.management.base import CommandParser

from passerelle.core.classification import Classification
from passerelle.core.commands import PasserelleCommand
from passerelle.core.models import User


class Command(PasserelleCommand):
    help = "Create the demo administrator (Protected B clearance) and print its password once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")

    def run(self, *args: Any, username: str, **options: Any) -> None:
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"The demo administrator {username!r} exists already; its password was printed "
                f"when it was created. To set a new one: passerelle changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(15)
        user = User.objects.create_superuser(
            username=username,
            password=password,
            email="",
            clearance=Classification.PROTECTED_B,
        )
        user.groups.add(Group.objects.get(name="administrator"))
        self.stdout.write(
            "Demo administrator created. Sign in with:\n"
            f"  user name: {username}\n  password:  {password}\n"
            "This password is shown only once."
        )
