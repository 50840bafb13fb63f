"""Only live, public, unexpired dialogues of content locales appear: in hits, totals, facets and suggestions.

The index follows the read model through its signals: publish, unpublish, privacy changes, deletion.
"""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dialogue_pages.factories import DialoguePageFactory, OrganisationFactory
from dialogue_pages.read_model.models import PublishedDialogue
from dialogue_search import service

from .conftest import search_json, titles


def everything(client, q="havneplan"):
    """Titles, total, facet counts and suggestions for ``q``: everything that could leak."""
    data = search_json(client, q=q)
    browse = search_json(client)
    suggestions = client.get("/api/v1/search/suggest/", {"q": q[:4]}).json()["items"]
    return {
        "titles": titles(data), "total": data["total"], "browse_total": browse["total"],
        "organisations": sum(value["count"] for value in data["facets"]["organisation"]),
        "suggestions": [item["title"] for item in suggestions],
    }


@pytest.fixture
def public(make_dialogue):
    return make_dialogue(title="Havneplan offentlig", organisers=[OrganisationFactory(slug="aarhus")])


def shown(client) -> dict:
    return everything(client)


def test_public_dialogue_is_everywhere(client, public):
    assert shown(client) == {"titles": ["Havneplan offentlig"], "total": 1, "browse_total": 1, "organisations": 1,
                             "suggestions": ["Havneplan offentlig"]}


def test_drafts_never_appear(client, public, dialogue_index, commit):
    with commit():
        draft = DialoguePageFactory(parent=dialogue_index, title="Havneplan kladde", live=False)
        draft.save_revision()
    with commit():
        public.title = "Havneplan hemmelig ændring"
        public.save_revision()
    assert shown(client)["titles"] == ["Havneplan offentlig"]
    assert search_json(client, q="kladde")["total"] == 0
    assert search_json(client, q="hemmelig")["total"] == 0


def test_unpublish_removes_from_the_index(client, public, commit):
    with commit():
        public.unpublish()
    assert shown(client) == {"titles": [], "total": 0, "browse_total": 0, "organisations": 0, "suggestions": []}
    assert service.get_backend().indexed_ids() == set()


def test_republish_updates_the_index(client, public, publish):
    public.title = "Havneplan revideret"
    publish(public)
    assert shown(client)["titles"] == ["Havneplan revideret"]
    assert search_json(client, q="offentlig")["total"] == 0


def test_a_search_after_a_change_never_sees_what_the_one_before_kept(client, public, publish):
    # The first searches keep their id lists in this process; the change must make them stale.
    assert search_json(client, q="offentlig")["total"] == 1
    assert search_json(client, q="revideret")["total"] == 0
    public.title = "Havneplan revideret"
    publish(public)
    assert search_json(client, q="offentlig")["total"] == 0
    assert search_json(client, q="revideret")["total"] == 1


@pytest.mark.parametrize("on", ["page", "ancestor"])
def test_privacy_change_removes_and_restores(client, public, dialogue_index, commit, on):
    target = public if on == "page" else dialogue_index
    with commit():
        restriction = PageViewRestriction.objects.create(page=target, restriction_type="login")
    assert shown(client)["total"] == 0
    assert shown(client)["suggestions"] == []
    with commit():
        restriction.delete()
    assert shown(client)["titles"] == ["Havneplan offentlig"]


def test_group_restriction_hides(client, public, commit):
    with commit():
        restriction = PageViewRestriction.objects.create(page=public, restriction_type="groups")
        restriction.groups.add(Group.objects.create(name="Editors of secrets"))
    assert shown(client)["total"] == 0


def test_delete_removes(client, public, commit):
    with commit():
        public.delete()
    assert shown(client)["total"] == 0
    assert service.get_backend().indexed_ids() == set()


def test_expired_dialogues_vanish_when_their_time_comes(client, make_dialogue, monkeypatch):
    expiry = timezone.now() + datetime.timedelta(hours=1)
    make_dialogue(title="Havneplan udløber", expire_at=expiry)
    assert shown(client)["total"] == 1
    later = expiry + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert shown(client) == {"titles": [], "total": 0, "browse_total": 0, "organisations": 0, "suggestions": []}


def test_rows_outside_the_content_locales_are_hidden(client, public, settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [("sv", "Swedish"), ("en", "English")]
    assert shown(client)["total"] == 0


def test_a_read_model_row_removed_without_a_signal_is_never_shown_and_a_reindex_drops_it(client, public):
    PublishedDialogue.objects.filter(page_id=public.pk).delete()
    assert search_json(client, q="havneplan")["items"] == []  # hits are read from the read model
    call_command("reindex_dialogues", stdout=StringIO(), stderr=StringIO())
    assert service.get_backend().indexed_ids() == set()
    assert search_json(client, q="havneplan")["total"] == 0
