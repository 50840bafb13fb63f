"""The editing experience: dashboard panel, tabbed page editor, snippet screens."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from dialogue_pages.dashboard import dialogues_owing_feedback
from dialogue_pages.factories import DialoguePageFactory

TODAY = timezone.localdate()


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # assertions read the English admin
    profile.save()
    client.force_login(user)
    return client


def closed_dialogue(parent, days_ago: int, **kwargs):
    end = TODAY - datetime.timedelta(days=days_ago)
    return DialoguePageFactory(parent=parent, start_date=end - datetime.timedelta(days=10), end_date=end, **kwargs)


def test_dashboard_lists_dialogues_owing_feedback_longest_first(editor_client, dialogue_index, publish):
    recent = publish(closed_dialogue(dialogue_index, 5, title="Kort ventetid"))
    old = publish(closed_dialogue(dialogue_index, 200, title="Lang ventetid"))
    open_one = publish(DialoguePageFactory(
        parent=dialogue_index, title="Stadig åben", end_date=TODAY + datetime.timedelta(days=9)
    ))
    owed = dialogues_owing_feedback()
    assert [page.pk for page in owed] == [old.pk, recent.pk]
    assert [page.days_since_close for page in owed] == [200, 5]
    response = editor_client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Lang ventetid") < html.index("Kort ventetid")
    assert open_one.title not in html


def test_drafts_and_dialogues_with_feedback_do_not_owe(dialogue_index, publish):
    draft = closed_dialogue(dialogue_index, 30, live=False)
    answered = publish(closed_dialogue(
        dialogue_index, 30,
        feedback=[("item", {"theme": "T", "you_said": "a", "we_did": "b", "outcome": "adopted", "reason": ""})],
    ))
    owing = publish(closed_dialogue(dialogue_index, 30))
    owed = [page.pk for page in dialogues_owing_feedback()]
    assert owed == [owing.pk]
    assert draft.pk not in owed and answered.pk not in owed


def test_editor_shows_the_tabs(editor_client, dialogue_index):
    page = DialoguePageFactory(parent=dialogue_index)
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for tab in ("Content", "Participation", "Timeline, feedback &amp; decision", "Promote", "Settings"):
        assert tab in html
    for field in ("input_opens", "input_closes", "participation_url", "decision_date", "decision_summary",
                  "feedback_plan", "is_cancelled", "cancellation_reason", "tags", "consulted_bodies-TOTAL_FORMS",
                  "is_example"):
        assert f'name="{field}"' in html, field


def test_publishing_an_invalid_dialogue_shows_a_field_message(editor_client, dialogue_index):
    page = DialoguePageFactory(parent=dialogue_index)
    data = nested_form_data({
        "title": "Uden forklaring", "slug": "uden-forklaring", "intro": "Kort.",
        "purpose": rich_text(""), "can_influence": rich_text(""), "cannot_influence": rich_text(""),
        "rung": page.rung_id, "rung_explanation": "", "start_date": "2024-05-01", "end_date": "2024-04-01",
        "input_opens": "2024-05-01", "input_closes": "2024-04-01", "is_cancelled": "on",
        "body": streamfield([]), "timeline": streamfield([]), "feedback": streamfield([]),
        "consulted_bodies": inline_formset([]), "action-publish": "publish",
    })
    response = editor_client.post(
        reverse("wagtailadmin_pages:add", args=["dialogue_pages", "dialoguepage", dialogue_index.pk]), data
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Explain why participants get this level of influence." in html
    assert "The end date is before the start date." in html
    assert "Input closes before it opens." in html
    assert "Tell citizens why the dialogue was cancelled." in html
    assert set(response.context["form"].errors) >= {"rung_explanation", "end_date", "input_closes",
                                                    "cancellation_reason"}
    assert not type(page).objects.filter(slug="uden-forklaring").exists()


@pytest.mark.parametrize("model", ["participationladder", "organisation", "contact", "method", "targetgroup"])
def test_snippet_listings_open(editor_client, model):
    response = editor_client.get(reverse(f"wagtailsnippets_dialogue_pages_{model}:list"))
    assert response.status_code == 200


@pytest.mark.parametrize(("model", "factory", "text"), [
    ("organisation", "OrganisationFactory", "Lunds kommun"),
    ("contact", "ContactFactory", "Eva Ek"),
])
def test_admin_search_of_shared_data_finds_by_name(editor_client, model, factory, text):
    from dialogue_pages import factories

    getattr(factories, factory)(name=text)
    response = editor_client.get(reverse(f"wagtailsnippets_dialogue_pages_{model}:list"), {"q": text.split()[0]})
    assert response.status_code == 200
    assert text in response.content.decode()
