"""``manage.py ensure_admin_user``: make sure there is a superuser to log in to the admin with."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

DEFAULT_USERNAME = "admin"
DEFAULT_PASSWORD = "dialogue-demo"


class Command(BaseCommand):
    help = (
        "Create a superuser (DIALOGUE_ADMIN_USER, default 'admin'; password DIALOGUE_ADMIN_PASSWORD, default "
        "'dialogue-demo') unless it exists. An existing user's password is only changed with --reset-password."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset-password", action="store_true",
            help="Set the password of an existing user to DIALOGUE_ADMIN_PASSWORD.",
        )

    def handle(self, *args, **options) -> None:
        username = os.environ.get("DIALOGUE_ADMIN_USER", DEFAULT_USERNAME)
        password = os.environ.get("DIALOGUE_ADMIN_PASSWORD", DEFAULT_PASSWORD)
        email = os.environ.get("DIALOGUE_ADMIN_EMAIL", f"{username}@example.org")
        user_model = get_user_model()
        user = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()

        if user is None:
            user_model._default_manager.create_superuser(
                **{user_model.USERNAME_FIELD: username}, email=email, password=password
            )
            self.stdout.write(self.style.SUCCESS(f"Created the superuser '{username}'."))
            shown_password = password
        elif options["reset_password"]:
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(self.style.WARNING(f"Reset the password of '{username}'."))
            shown_password = password
        else:
            self.stdout.write(f"The user '{username}' exists; its password is left unchanged.")
            shown_password = "(unchanged; use --reset-password to set it from DIALOGUE_ADMIN_PASSWORD)"

        port = os.environ.get("PORT", "8000")
        self.stdout.write(f"Admin:    http://127.0.0.1:{port}/admin/")
        self.stdout.write(f"Username: {username}")
        self.stdout.write(f"Password: {shown_password}")
