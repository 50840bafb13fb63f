"""E-mail the contacts (or owner) of each dialogue that owes its participants feedback, at most weekly."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from dialogue_pages.reminders import due_reminders, send_reminder


class Command(BaseCommand):
    help = "Remind editors of dialogues whose feedback is owed (at most once a week per dialogue)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="list who would be reminded, send nothing")

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        reminders = due_reminders(now)
        for reminder in reminders:
            self.stdout.write(f"{reminder.page.title} ({reminder.days} days): {', '.join(reminder.recipients)}")
            if not options["dry_run"]:
                send_reminder(reminder, now)
        verb = "would be sent" if options["dry_run"] else "sent"
        self.stdout.write(f"{len(reminders)} reminders {verb}.")
