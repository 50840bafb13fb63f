"""``manage.py ensure_admin_user``: make sure there is a superuser to log in to the admin with."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

DEFAULT_USERNAME = "admin"
DEFAULT_PASSWORD = "dialogue-demo"


class Command(BaseCommand):
    help = (
        "Create a superuser (DIALOGUE_ADMIN_USER, default 'admin'; password DIALOGUE_ADMIN_PASSWORD, default "
        "'dialogue-demo') unless it exists. An existing user's password is only changed with --reset-password. "
        "With DEBUG off, the demo password and passwords the password validators reject are refused."
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

        if user is None or options["reset_password"]:
            self.check_password_fits_production(password, user or user_model(
                **{user_model.USERNAME_FIELD: username}, email=email
            ))

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

    def check_password_fits_production(self, password: str, user) -> None:
        """Outside development, refuse the published demo password and any password the validators reject."""
        if settings.DEBUG:
            return
        if password == DEFAULT_PASSWORD:
            raise CommandError(
                f"Refusing the demo password '{DEFAULT_PASSWORD}' with DEBUG off: everyone can read it in the "
                "README. Set DIALOGUE_ADMIN_PASSWORD to a password of your own."
            )
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(
                "DIALOGUE_ADMIN_PASSWORD is too weak for a site with DEBUG off: " + " ".join(error.messages)
            ) from error
