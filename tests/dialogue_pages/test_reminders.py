"""Feedback reminders: e-mails to contacts (or the owner) while feedback is owed, at most weekly."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from dialogue_pages.factories import ContactFactory, DialoguePageFactory

NOW = datetime.datetime(2026, 6, 15, 9, tzinfo=datetime.UTC)
CLOSED = datetime.date(2026, 6, 1)


@pytest.fixture
def owing(dialogue_index, publish, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(NOW, tick=False):
        page = DialoguePageFactory(parent=dialogue_index, title="Stier i parken", input_opens=datetime.date(2026, 5, 1),
                                   input_closes=CLOSED)
        page.contacts = [ContactFactory(name="Eva Ek", email="eva@example.org")]
        page.save()
        return publish(page)


def remind(at: datetime.datetime) -> str:
    out = io.StringIO()
    with time_machine.travel(at, tick=False):
        call_command("send_feedback_reminders", stdout=out)
    return out.getvalue()


def test_contacts_are_reminded_at_most_weekly(owing):
    assert "1 reminders sent" in remind(NOW)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["eva@example.org"] and "Stier i parken" in message.subject
    assert f"/admin/pages/{owing.pk}/edit/" in message.body and " 14 " in message.body
    remind(NOW + datetime.timedelta(days=3))
    assert len(mail.outbox) == 1
    remind(NOW + datetime.timedelta(days=8))
    assert len(mail.outbox) == 2


def test_the_owner_is_told_when_there_is_no_contact(dialogue_index, publish, settings, django_user_model):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    owner = django_user_model.objects.create_user("redaktor", "redaktor@example.org", "pw")
    with time_machine.travel(NOW, tick=False):
        publish(DialoguePageFactory(parent=dialogue_index, owner=owner, input_opens=datetime.date(2026, 5, 1),
                                    input_closes=CLOSED))
    remind(NOW)
    assert [message.to for message in mail.outbox] == [["redaktor@example.org"]]


def test_nothing_is_sent_once_feedback_is_published_or_on_a_dry_run(owing, publish):
    assert "1 reminders would be sent" in remind_dry(NOW)
    assert mail.outbox == []
    owing.feedback = [("item", {"theme": "Lys", "you_said": "Mørkt.", "we_did": "Lamper.", "outcome": "adopted",
                                "reason": ""})]
    with time_machine.travel(NOW, tick=False):
        publish(owing)
    assert "0 reminders sent" in remind(NOW)


def remind_dry(at: datetime.datetime) -> str:
    out = io.StringIO()
    with time_machine.travel(at, tick=False):
        call_command("send_feedback_reminders", "--dry-run", stdout=out)
    return out.getvalue()
