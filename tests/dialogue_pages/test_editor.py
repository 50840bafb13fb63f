"""The dialogue editor: pickers in the page's language, rungs that explain themselves, block errors on their tab."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.html import escape
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from dialogue_pages.factories import (
    DialoguePageFactory,
    MethodFactory,
    OrganisationFactory,
    TargetGroupFactory,
    default_rung,
)
from dialogue_pages.ladders import ParticipationRung
from dialogue_pages.pages import DialoguePage
from dialogue_pages.snippets import Method, Organisation, TargetGroup
from tests.dialogue_pages import test_admin

editor_client = test_admin.editor_client

PICKERS = {"organisers": Organisation, "methods": Method, "target_groups": TargetGroup}


@pytest.fixture
def snippets(locales):
    """An organisation, a method and a target group in Danish, each translated into Swedish and English."""
    made = {}
    for name, factory in (("organisers", OrganisationFactory), ("methods", MethodFactory),
                          ("target_groups", TargetGroupFactory)):
        danish = factory(locale=locales["da"])
        made[name] = {"da": danish}
        for code in ("sv", "en"):
            made[name][code] = danish.copy_for_translation(locales[code])
            made[name][code].save()
    return made


@pytest.fixture
def swedish_index(dialogue_index, locales):
    index = dialogue_index.copy_for_translation(locales["sv"])
    index.save_revision().publish()
    return index


def edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.context["form"], response.content.decode()


def chosen_values(html: str, name: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    return {tag["value"] for tag in soup.find_all("input", attrs={"name": name}) if tag.get("value")}


@pytest.mark.parametrize("code", ["da", "sv"])
def test_pickers_offer_the_snippets_of_the_page_language_only(
    editor_client, dialogue_index, swedish_index, snippets, locales, code
):
    parent = dialogue_index if code == "da" else swedish_index
    page = DialoguePageFactory(parent=parent, locale=locales[code], rung=default_rung(locale=locales[code]))
    form, html = edit_form(editor_client, page)
    for name, model in PICKERS.items():
        offered = set(form.fields[name].queryset)
        assert offered == set(model.objects.filter(locale=locales[code])), name
        assert offered == {snippets[name][code]}
        assert chosen_values(html, name) == {str(snippets[name][code].pk)}, name
    rungs = set(form.fields["rung"].queryset)
    assert rungs == set(ParticipationRung.objects.filter(locale=locales[code]))
    assert chosen_values(html, "rung") == {str(rung.pk) for rung in rungs}


def test_a_new_page_offers_the_snippets_of_its_parent_language(editor_client, swedish_index, snippets, locales):
    response = editor_client.get(reverse("wagtailadmin_pages:add", args=["dialogue_pages", "dialoguepage",
                                                                         swedish_index.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    for name in PICKERS:
        assert set(form.fields[name].queryset) == {snippets[name]["sv"]}
    assert {rung.locale_id for rung in form.fields["rung"].queryset} == {locales["sv"].pk}


def test_a_choice_in_another_language_stays_on_offer(editor_client, dialogue_index, snippets, locales):
    """A page that still refers to another language's snippet keeps it: saving never drops a choice unseen."""
    english_only = MethodFactory(locale=locales["en"], name="Walkshop")  # no Danish translation to switch to
    page = DialoguePageFactory(parent=dialogue_index, rung=default_rung(locale=locales["sv"]))
    page.methods = [english_only]
    page.save()
    form, _html = edit_form(editor_client, page)
    assert set(form.fields["methods"].queryset) == {english_only, snippets["methods"]["da"]}
    assert page.rung in set(form.fields["rung"].queryset)


def valid_data(page, choices: dict | None = None, **fields) -> dict:
    """A full, valid edit form of ``page``; ``choices`` maps many-to-many fields to lists of ids."""
    return {**nested_form_data({
        "title": page.title, "slug": page.slug, "intro": page.intro,
        "purpose": rich_text("<p>Hvorfor.</p>"), "can_influence": rich_text(""), "cannot_influence": rich_text(""),
        "rung": page.rung_id, "rung_explanation": page.rung_explanation,
        "body": streamfield([]), "timeline": streamfield([]), "feedback": streamfield([]),
        "consulted_bodies": inline_formset([]),
        **fields,
    }), **(choices or {})}


def test_saving_keeps_the_chosen_snippets(editor_client, dialogue_index, snippets):
    page = DialoguePageFactory(parent=dialogue_index)
    chosen = {name: snippets[name]["da"] for name in PICKERS}
    data = valid_data(page, {name: [item.pk] for name, item in chosen.items()})
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    saved = DialoguePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    for name, item in chosen.items():
        assert list(getattr(saved, name).all()) == [item]


def test_a_snippet_of_another_language_is_refused(editor_client, dialogue_index, snippets):
    page = DialoguePageFactory(parent=dialogue_index)
    data = valid_data(page, {"organisers": [snippets["organisers"]["sv"].pk]})
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    assert "organisers" in response.context["form"].errors


def test_a_long_list_gets_a_filter_box(editor_client, dialogue_index, snippets, locales):
    for number in range(8):
        OrganisationFactory(locale=locales["da"], name=f"Kommune nr. {number}")
    page = DialoguePageFactory(parent=dialogue_index)
    _form, html = edit_form(editor_client, page)
    soup = BeautifulSoup(html, "html.parser")
    boxes = soup.select("[data-dialogue-choices-filter]")
    # Nine organisations get a filter box; one method and one target group do not need one.
    assert len(boxes) == 1
    assert boxes[0]["aria-controls"] == "id_organisers"
    assert "dialogue_pages/admin/choice-filter.js" in html


def test_each_rung_says_where_it_stands_and_what_citizens_can_expect(editor_client, dialogue_index, locales):
    page = DialoguePageFactory(parent=dialogue_index)
    _form, html = edit_form(editor_client, page)
    for rung in ParticipationRung.objects.filter(locale=locales["da"]):
        badge = rung.badge()
        expected = (f"{badge['label']} — {badge['position']} of {badge['of']} · {badge['description']} — "
                    f"What you can expect: {badge['citizen_expectation']}")
        assert escape(expected) in html
    soup = BeautifulSoup(html, "html.parser")
    ladders = [legend.get_text(strip=True) for legend in soup.select("#id_rung legend")]
    assert sorted(ladders) == sorted({rung.ladder.name for rung in ParticipationRung.objects.filter(
        locale=locales["da"])})


def test_a_swedish_rung_reads_dialog_three_of_five(editor_client, swedish_index, locales):
    page = DialoguePageFactory(parent=swedish_index, locale=locales["sv"], rung=default_rung(locale=locales["sv"]))
    _form, html = edit_form(editor_client, page)
    soup = BeautifulSoup(html, "html.parser")
    label = soup.find("input", attrs={"name": "rung", "value": str(page.rung_id)}).find_parent("label")
    assert label.get_text(" ", strip=True).startswith("Dialog — 3 of 5 · ")
    assert "What you can expect: " in label.get_text()


def feedback_item(outcome: str, reason: str = "") -> tuple:
    return ("item", {"theme": "Bænke", "you_said": "Flere bænke.", "we_did": "Vi kiggede på det.",
                     "outcome": outcome, "reason": reason})


def test_an_error_inside_a_feedback_block_is_named_at_the_top_and_marked_on_its_tab(editor_client, dialogue_index):
    page = DialoguePageFactory(parent=dialogue_index)
    data = valid_data(page, feedback=streamfield([feedback_item("adopted"), feedback_item("not_adopted")]))
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    line = ("Feedback, item 2 (You said, we did): Reason: Explain why the input was not (fully) adopted, "
            "or is still being considered.")
    assert response.context["form"].non_field_errors() == [f"Timeline, feedback & decision → {line}"]
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    top = soup.select_one(".messages li.error").get_text(" ", strip=True)
    assert f"Timeline, feedback & decision → {line}" in top
    assert "Validation error in StreamBlock" not in top
    # The tab's error badge counts the server-rendered errors inside its panel when the editor loads.
    tab = soup.select_one("#tab-timeline_feedback_decision")
    assert [p.get_text(strip=True) for p in tab.select(".error-message")] == [line]
    for other in ("#tab-content", "#tab-participation", "#tab-promote"):
        assert not soup.select_one(other).select(".error-message"), other


def test_errors_in_several_blocks_and_streams_each_get_a_line(editor_client, dialogue_index):
    page = DialoguePageFactory(parent=dialogue_index)
    event = ("event", {"title": "Borgermøde", "description": "", "date": "", "precision": "day", "label": "",
                       "status": "planned", "rung": ""})
    data = valid_data(page, timeline=streamfield([event]),
                      feedback=streamfield([feedback_item(""), feedback_item("partly")]))
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    errors = response.context["form"].non_field_errors()
    assert [error.split(":")[0] for error in errors] == [
        "Timeline, feedback & decision → Timeline, item 1 (Timeline event)",
        "Timeline, feedback & decision → Feedback, item 1 (You said, we did)",
        "Timeline, feedback & decision → Feedback, item 2 (You said, we did)",
    ]
    assert "Outcome: Choose an outcome" in errors[1]


def test_a_valid_form_has_no_block_error_lines(editor_client, dialogue_index):
    page = DialoguePageFactory(parent=dialogue_index)
    data = valid_data(page, feedback=streamfield([feedback_item("not_adopted", "Der er ikke plads.")]))
    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302

