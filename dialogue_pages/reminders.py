"""Reminders to editors: an e-mail to a dialogue's contacts (or its owner) while feedback is owed.

At most one a week per dialogue: the time of the last reminder is kept in ``FeedbackReminder``.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from .read_model.models import PublishedDialogue
from .read_model.queries import facts_of, feedback_owed_q
from .status import days_since_close

REMIND_EVERY = datetime.timedelta(days=7)


class FeedbackReminder(models.Model):
    """When the last "feedback owed" reminder about a dialogue was sent."""

    page_id = models.IntegerField(primary_key=True)
    last_sent_at = models.DateTimeField()

    class Meta:
        verbose_name = "feedback reminder"

    def __str__(self) -> str:
        return f"reminder of {self.page_id} at {self.last_sent_at}"


@dataclass
class Reminder:
    page: Page
    recipients: list[str]
    days: int


def due_reminders(now: datetime.datetime | None = None) -> list[Reminder]:
    """Dialogues owing feedback today, not reminded in the last week, with someone to tell."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    rows = {row.page_id: row for row in PublishedDialogue.objects.filter(feedback_owed_q(today))}
    recent = set(FeedbackReminder.objects.filter(page_id__in=list(rows), last_sent_at__gt=now - REMIND_EVERY)
                 .values_list("page_id", flat=True))
    pages = Page.objects.filter(pk__in=[pk for pk in rows if pk not in recent]).select_related("owner", "locale")
    reminders = []
    for page in pages.specific().prefetch_related("contacts"):
        recipients = [contact.email for contact in page.contacts.all() if contact.email]
        if not recipients and page.owner and page.owner.email:
            recipients = [page.owner.email]
        if recipients:
            reminders.append(Reminder(page, recipients, days_since_close(facts_of(rows[page.pk]), today) or 0))
    return sorted(reminders, key=lambda reminder: reminder.page.pk)


def send_reminder(reminder: Reminder, now: datetime.datetime) -> None:
    """E-mail one reminder, in the dialogue's language, and remember when."""
    page = reminder.page
    edit_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[page.pk])
    with translation.override(page.locale.language_code):
        subject = _("Feedback owed: %(title)s") % {"title": page.title}
        body = _(
            "Input to the dialogue \"%(title)s\" closed %(days)s days ago, and its participants have not yet "
            "been told what became of it.\n\nPublish \"you said, we did\" on the dialogue's page: %(url)s\n"
        ) % {"title": page.title, "days": reminder.days, "url": edit_url}
    send_mail(subject, body, None, reminder.recipients)
    FeedbackReminder.objects.update_or_create(page_id=page.pk, defaults={"last_sent_at": now})
