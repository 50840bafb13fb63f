"""Deliver pending webhook events: once (for cron) or in a loop (as a service)."""

import time

from django.core.management.base import BaseCommand

from dialogue_pages.webhooks.delivery import deliver_due


class Command(BaseCommand):
    help = "Send due webhook deliveries, signed with HMAC-SHA256, retrying failures with exponential backoff."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep delivering until stopped")
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between rounds with --loop")
        parser.add_argument("--rounds", type=int, default=0, help="with --loop: stop after this many rounds (0: never)")

    def handle(self, *args, **options) -> None:
        rounds = 0
        while True:
            report = deliver_due()
            if report.delivered or report.retried or report.failed or not options["loop"]:
                self.stdout.write(f"{report.delivered} delivered, {report.retried} to retry, {report.failed} given up.")
            rounds += 1
            if not options["loop"] or (options["rounds"] and rounds >= options["rounds"]):
                return
            time.sleep(options["interval"])
