"""`passerelle issue-token USERNAME`: print an API token for a user (created once, then reused)."""

from typing import Any

from django.core.management.base import CommandError, CommandParser
from rest_framework.authtoken.models import Token

from passerelle.core.commands import PasserelleCommand
from passerelle.core.models import User


class Command(PasserelleCommand):
    help = (
        "Print the API token of USERNAME, creating it if the user has none (--rotate: a new one)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--rotate", action="store_true", help="Revoke the current token and issue a new one."
        )

    def run(self, *args: Any, username: str, rotate: bool, **options: Any) -> None:
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive; activate the account first.")
        if rotate:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
