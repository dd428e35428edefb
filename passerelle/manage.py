"""The `passerelle` console command: the project's manage.py."""

import os
import sys

HELP: tuple[list[str], ...] = ([], ["help"], ["--help"], ["-h"], ["help", "--commands"])
# the commands with actions that need no model (PasserelleCommand.without_apps), by module
WITHOUT_APPS = {"operations": "passerelle.operations.management.commands.operations"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelle.settings")
    if sys.argv[1:] in HELP and print_help(commands_only="--commands" in sys.argv):
        return
    if run_without_apps(sys.argv):
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


def run_without_apps(argv: list[str]) -> bool:
    """Run an action that reads and writes files only (`operations build`, `operations
    ingest`: the records store) without `django.setup()`, which imports every model and the
    admin (most of a second of such a command). The settings are read and the project's
    LOGGING applied (not Django's defaults, whose mail handler imports the views: no request
    is served here). Returns False, for the ordinary path, for any other command."""
    if len(argv) < 3 or argv[1] not in WITHOUT_APPS:
        return False
    from importlib import import_module

    command = import_module(WITHOUT_APPS[argv[1]]).Command()
    if argv[2] not in command.without_apps:
        return False
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
    command.run_from_argv(argv)
    return True


def print_help(*, commands_only: bool = False) -> bool:
    """Print Django's list of the commands without setting Django up: `django.setup()` imports
    every model (about a second), and the list needs only the apps' folders, which are found
    without importing the apps. Returns False, for the ordinary path, when an installed app is
    not a plain package name (an AppConfig's dotted path)."""
    from importlib.util import find_spec

    from django.conf import settings
    from django.core import management

    commands = {name: "django.core" for name in management.find_commands(management.__path__[0])}
    try:
        apps = list(settings.INSTALLED_APPS)
        specs = [(name, find_spec(name)) for name in reversed(apps)]
    except Exception:  # Django's own path reports a broken configuration
        return False
    for name, spec in specs:
        if spec is None or not spec.submodule_search_locations:
            return False
        folder = os.path.join(next(iter(spec.submodule_search_locations)), "management")
        commands.update({command: name for command in management.find_commands(folder)})
    utility = management.ManagementUtility([os.path.basename(sys.argv[0]) or "passerelle"])
    found = management.get_commands
    management.get_commands = lambda: commands
    try:
        sys.stdout.write(utility.main_help_text(commands_only=commands_only) + "\n")
    finally:
        management.get_commands = found
    return True


if __name__ == "__main__":
    main()
