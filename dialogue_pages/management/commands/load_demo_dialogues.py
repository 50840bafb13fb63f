"""``manage.py load_demo_dialogues``: create or update the demo dialogues (safe to run again)."""

from django.core.management.base import BaseCommand

from dialogue_pages.demo import load_demo_content


class Command(BaseCommand):
    help = (
        "Create or update the demo site: a dialogue index per language and the demo dialogues with their "
        "snippets and translations. Running it again updates the same objects instead of adding new ones."
    )

    def handle(self, *args, **options) -> None:
        summary = load_demo_content()
        for line in summary.lines():
            self.stdout.write(line)
