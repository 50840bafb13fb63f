"""An expired page leaves every public output at its expiry, before the publish_scheduled cron job runs."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from dialogue_pages.factories import DialoguePageFactory

DAY = datetime.timedelta(days=1)


@pytest.fixture
def expiring(dialogue_index, publish):
    """A published dialogue that expires tomorrow."""
    page = DialoguePageFactory(parent=dialogue_index, title="Snart udløbet", expire_at=timezone.now() + DAY)
    return publish(page)


def public_outputs(client, page, index) -> dict[str, bool]:
    """Whether ``page`` shows in each public output."""
    v2_ids = [item["id"] for item in client.get("/api/v2/pages/", {"limit": 20}).json()["items"]]
    v1_ids = [item["id"] for item in client.get("/api/v1/dialogues/").json()["items"]]
    return {
        "page": client.get(page.url).status_code == 200,
        "index": page.title in client.get(index.url).content.decode(),
        "api v2 list": page.pk in v2_ids,
        "api v2 detail": client.get(f"/api/v2/pages/{page.pk}/").status_code == 200,
        "api v2 find": client.get("/api/v2/pages/find/", {"html_path": page.url}).status_code in (200, 302),
        "api v1 list": page.pk in v1_ids,
        "api v1 detail": client.get(f"/api/v1/dialogues/{page.pk}/").status_code == 200,
        "sitemap": page.full_url in client.get("/sitemap-pages.xml").content.decode(),
    }


def test_an_expired_page_is_gone_everywhere_before_the_cron_job_runs(client, dialogue_index, expiring):
    assert set(public_outputs(client, expiring, dialogue_index).values()) == {True}
    with time_machine.travel(timezone.now() + 2 * DAY, tick=False):
        outputs = public_outputs(client, expiring, dialogue_index)
        expiring.refresh_from_db()
        assert expiring.live and not expiring.expired  # publish_scheduled has not run
    assert {name for name, shown in outputs.items() if shown} == set()


def test_the_cron_job_still_flips_the_flags(client, dialogue_index, expiring, commit):
    with time_machine.travel(timezone.now() + 2 * DAY, tick=False):
        with commit():
            call_command("publish_scheduled", verbosity=0)
        expiring.refresh_from_db()
        assert not expiring.live and expiring.expired
        assert set(public_outputs(client, expiring, dialogue_index).values()) == {False}


def test_a_page_expiring_later_stays(client, dialogue_index, expiring):
    with time_machine.travel(timezone.now() + DAY / 2, tick=False):
        assert set(public_outputs(client, expiring, dialogue_index).values()) == {True}


def test_an_expired_index_page_is_404_too(client, dialogue_index, publish):
    dialogue_index.expire_at = timezone.now() + DAY
    publish(dialogue_index)
    assert client.get(dialogue_index.url).status_code == 200
    with time_machine.travel(timezone.now() + 2 * DAY, tick=False):
        assert client.get(dialogue_index.url).status_code == 404


def test_a_page_scheduled_to_go_live_waits_for_the_cron_job(client, dialogue_index, publish):
    page = DialoguePageFactory(parent=dialogue_index, live=False, go_live_at=timezone.now() + DAY)
    publish(page)
    page.refresh_from_db()
    assert not page.live
    with time_machine.travel(timezone.now() + 2 * DAY, tick=False):
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
        assert page.title not in client.get(dialogue_index.url).content.decode()


def test_editors_still_preview_an_expired_page(dialogue_index, expiring):
    with time_machine.travel(timezone.now() + 2 * DAY, tick=False):
        response = expiring.make_preview_request()
    assert response.status_code == 200
    assert "Snart udløbet" in response.content.decode()
