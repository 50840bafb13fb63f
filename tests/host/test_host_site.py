"""The plugin in a host project that does not use site/: API, admin, dashboard and extension points."""

import datetime

import jsonschema
import pytest
from django.urls import reverse
from wagtail.models import Page

from dialogue_pages.dashboard import dialogues_owing_feedback
from dialogue_pages.factories import default_rung
from dialogue_pages.forms import DialoguePageForm
from tests.host.hostapp.models import CouncilDialoguePage


@pytest.fixture
def council_dialogue(dialogue_index, commit):
    page = CouncilDialoguePage(
        title="Budget dialogue", slug="budget-dialogue", intro="How should the budget be spent?",
        rung=default_rung("consult", "iap2"), rung_explanation="The council decides after hearing residents.",
        start_date=datetime.date(2024, 1, 10), end_date=datetime.date(2024, 2, 10),
        input_opens=datetime.date(2024, 1, 10), input_closes=datetime.date(2024, 2, 10),
        council_decision_url="https://council.example.org/decisions/42",
        body=[("poll_result", {"question": "More bike lanes?", "yes": 30, "no": 10})],
    )
    with commit():
        dialogue_index.add_child(instance=page)
        page.save_revision().publish()
    return page


def test_the_host_subclass_is_served_with_its_extra_field_and_block(client, council_dialogue):
    data = client.get(f"/api/v1/dialogues/{council_dialogue.pk}/").json()
    assert data["type"] == "hostapp.CouncilDialoguePage"
    assert data["extra"] == {"council_decision_url": "https://council.example.org/decisions/42"}
    assert data["body"][0]["type"] == "poll_result"
    assert data["body"][0]["value"]["share_yes"] == 0.75
    listed = client.get("/api/v1/dialogues/").json()["items"]
    assert [item["id"] for item in listed] == [council_dialogue.pk]


def test_the_host_block_joins_the_openapi_union_and_validates(client, council_dialogue):
    spec = client.get("/api/v1/openapi.json").json()
    body = spec["components"]["schemas"]["DialogueDetail"]["properties"]["body"]["items"]
    assert "poll_result" in body["discriminator"]["mapping"]
    data = client.get(f"/api/v1/dialogues/{council_dialogue.pk}/").json()
    jsonschema.validate(data, {**spec, "$ref": "#/components/schemas/DialogueDetail"})


def test_the_dashboard_lists_the_host_type(council_dialogue):
    assert council_dialogue.feedback_owed
    assert [page.pk for page in dialogues_owing_feedback()] == [council_dialogue.pk]


def test_indexes_accept_the_host_type(dialogue_index):
    assert CouncilDialoguePage in dialogue_index.specific_class.allowed_subpage_models()


def test_admin_edits_the_host_type(client, django_user_model, council_dialogue):
    client.force_login(django_user_model.objects.create_superuser("host", "host@example.org", "pw"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[council_dialogue.pk]))
    assert response.status_code == 200
    assert "council_decision_url" in response.content.decode()


def test_the_host_editor_is_whole(client, django_user_model, council_dialogue):
    """Every field a dialogue has is in the host type's editor, with the host's own field beside them."""
    client.force_login(django_user_model.objects.create_superuser("host", "host@example.org", "pw"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[council_dialogue.pk]))
    form_fields = set(response.context["form"].fields)
    page_fields = {field.name for field in Page._meta.get_fields()}
    dialogue_fields = {
        field.name for field in CouncilDialoguePage._meta.get_fields()
        if getattr(field, "editable", False) and not field.auto_created and field.name not in page_fields
        and field.concrete or field.name == "tags"
    } - {"page_ptr", "external_id", "date_from", "date_to", "has_feedback"}
    assert {"input_opens", "decision_date", "is_cancelled", "tags", "rung", "timeline"} <= dialogue_fields
    assert dialogue_fields - form_fields == set()
    assert "council_decision_url" in form_fields
    assert "consulted_bodies" in response.context["form"].formsets


def test_the_host_editor_has_the_dialogue_form_and_quality_panel(client, django_user_model, council_dialogue):
    """A host type inherits DialoguePageBase's form (pickers in the page's language) and quality panel."""
    client.force_login(django_user_model.objects.create_superuser("host", "host@example.org", "pw"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[council_dialogue.pk]))
    form = response.context["form"]
    assert isinstance(form, DialoguePageForm)
    assert {rung.locale_id for rung in form.fields["rung"].queryset} == {council_dialogue.locale_id}
    assert "data-dialogue-quality" in response.content.decode()


def test_health_endpoints(client, db):
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200


def test_search_finds_the_host_type(client, council_dialogue):
    data = client.get("/api/v1/search/", {"q": "budget"}).json()
    assert [item["id"] for item in data["items"]] == [council_dialogue.pk]
    suggestions = client.get("/api/v1/search/suggest/", {"q": "bu"}).json()["items"]
    assert [item["id"] for item in suggestions] == [council_dialogue.pk]
