"""Translating a dialogue with wagtail-localize: nothing already translated is damaged.

Every test goes through wagtail-localize's own operations (``TranslationCreator``, the update of a
``TranslationSource``) or its admin views, as an editor's "Translate this page" does.
(The catalogs of interface strings are tested in test_translations.py.)
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import checks
from django.forms.models import model_to_dict
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import TranslationCreator

from dialogue_pages.factories import (
    ContactFactory,
    DialoguePageFactory,
    MethodFactory,
    OrganisationFactory,
    TargetGroupFactory,
    default_rung,
)
from dialogue_pages.ladders import ParticipationLadder, ParticipationRung, RungEquivalence
from dialogue_pages.pages import DialoguePage
from dialogue_pages.slugs import ascii_slug, transliterate
from dialogue_pages.snippets import Contact, Method, Organisation, TargetGroup
from dialogue_search import service

TITLE = "Borgermøde om badplatser på Østerbro"
SNIPPET_MODELS = (ParticipationLadder, ParticipationRung, RungEquivalence, Organisation, Method, TargetGroup, Contact)


@pytest.fixture(autouse=True)
def own_search_index(settings, tmp_path):
    """A search index of this test's own, so search results only hold this test's dialogues."""
    settings.DIALOGUE_SEARCH_INDEX_DIR = str(tmp_path / "search-index")
    service._backends.clear()
    yield
    service._backends.clear()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redaktor", "redaktor@kommune.dk", "pw")


def translate(page: Page, locale: Locale, user, commit) -> DialoguePage:
    """Submit a page for translation as the admin's "Translate this page" does, and run the on-commit work."""
    with commit():
        TranslationCreator(user, [locale]).create_translations(page)
    return page.get_translation(locale).specific


def snippet_rows() -> dict:
    """Every field of every snippet row, in every locale."""
    return {
        model.__name__: [model_to_dict(row, fields=[f.name for f in model._meta.concrete_fields])
                         for row in model.objects.order_by("pk")]
        for model in SNIPPET_MODELS
    }


@pytest.fixture
def translated_snippets(locales):
    """An organisation, a method and a target group in Danish with English translations written by hand."""
    made = {}
    for factory, danish, english in (
        (OrganisationFactory, "Københavns Kommune", "City of Copenhagen"),
        (MethodFactory, "Borgermøde", "Public meeting"),
        (TargetGroupFactory, "Unge", "Young people"),
    ):
        source = factory(name=danish, locale=locales["da"])
        translation = source.copy_for_translation(locales["en"])
        translation.name = english
        translation.save()
        made[factory._meta.model] = (source, translation)
    return made


@pytest.fixture
def danish_dialogue(dialogue_index, publish, translated_snippets, locales):
    """A published Danish dialogue on the SKR rung "Dialog", with a phase on "Konsultation", snippets and topics."""
    page = DialoguePageFactory(
        parent=dialogue_index, title=TITLE, slug="borgermøde-om-badplatser-på-østerbro",
        timeline=[("event", {"title": "Høring", "description": "", "date": datetime.date(2024, 4, 1),
                             "precision": "day", "label": "", "status": "done",
                             "rung": default_rung("konsultation")})],
    )
    page.organisers.set([translated_snippets[Organisation][0]])
    page.methods.set([translated_snippets[Method][0]])
    page.target_groups.set([translated_snippets[TargetGroup][0]])
    page.contacts.set([ContactFactory(name="Mette Holm", email="meho@kk.dk")])
    page.tags.add("badning", "havn")
    return publish(page)


# --- Shared snippets keep their translations -------------------------------------------------------


def test_translating_a_page_leaves_every_existing_snippet_translation_byte_identical(
    danish_dialogue, locales, editor, commit
):
    before = snippet_rows()
    english = translate(danish_dialogue, locales["en"], editor, commit)

    assert snippet_rows() == before
    assert ParticipationRung.objects.get(key="dialog", ladder__key="skr", locale=locales["en"]).name == "Dialogue"
    # The translation uses the English rung, organisation, method and target group.
    assert (english.rung.name, english.rung.locale) == ("Dialogue", locales["en"])
    assert english.timeline_events[0]["rung"].name == "Consultation"
    assert [item.name for item in english.organisers.all()] == ["City of Copenhagen"]
    assert [item.name for item in english.methods.all()] == ["Public meeting"]
    assert [item.name for item in english.target_groups.all()] == ["Young people"]
    assert [item.name for item in english.contacts.all()] == ["Mette Holm"]


def test_a_snippet_whose_english_version_is_the_source_is_not_rewritten_from_danish(
    dialogue_index, publish, locales, editor, commit
):
    """An English ladder translated into Danish with wagtail-localize: a Danish page's translation leaves it alone."""
    english_ladder = ParticipationLadder.objects.create(locale=locales["en"], key="own", name="Our ladder")
    for order, name in enumerate(["Listen", "Co-create"]):
        ParticipationRung.objects.create(
            ladder=english_ladder, locale=locales["en"], key=name.lower(), name=name, sort_order=order,
            short_description=f"{name} in short", citizen_expectation=f"What {name} means",
        )
    with commit():
        TranslationCreator(editor, [locales["da"]]).create_translations(english_ladder)
    danish_rung = english_ladder.get_translation(locales["da"]).rungs.get(key="co-create")
    danish_rung.name = "Samskabe"
    danish_rung.save()
    page = publish(DialoguePageFactory(parent=dialogue_index, rung=danish_rung))
    before = snippet_rows()

    english = translate(page, locales["en"], editor, commit)

    assert snippet_rows() == before
    assert english.rung.name == "Co-create"


def test_translating_into_two_locales_keeps_both(danish_dialogue, locales, editor, commit):
    before = snippet_rows()
    with commit():
        TranslationCreator(editor, [locales["en"], locales["sv"]]).create_translations(danish_dialogue)

    assert snippet_rows() == before
    swedish = danish_dialogue.get_translation(locales["sv"]).specific
    assert swedish.rung.name == "Dialog"
    assert swedish.rung.short_description == "Du möter andra och diskuterar frågan."


@pytest.fixture
def danish_only_ladder(locales):
    ladder = ParticipationLadder.objects.create(locale=locales["da"], key="egen", name="Vores trappe")
    for order, (key, name) in enumerate([("lytte", "Lytte"), ("samskabe", "Samskabe")]):
        ParticipationRung.objects.create(
            ladder=ladder, locale=locales["da"], key=key, name=name, sort_order=order,
            short_description=f"{name} kort", citizen_expectation=f"{name} forventning",
        )
    return ladder


def test_an_untranslated_rung_gets_its_ladder_translated_without_touching_the_source(
    dialogue_index, publish, danish_only_ladder, locales, editor, commit
):
    page = publish(DialoguePageFactory(parent=dialogue_index, rung=danish_only_ladder.rungs.get(key="samskabe")))
    danish_before = {
        name: [row for row in rows if row.get("locale") == locales["da"].pk]
        for name, rows in snippet_rows().items()
    }

    english = translate(page, locales["en"], editor, commit)

    danish_after = {
        name: [row for row in rows if row.get("locale") == locales["da"].pk]
        for name, rows in snippet_rows().items()
    }
    assert danish_after == danish_before
    assert list(danish_only_ladder.rungs.values_list("key", flat=True)) == ["lytte", "samskabe"]
    english_ladder = danish_only_ladder.get_translation(locales["en"])
    assert [(rung.key, rung.locale) for rung in english_ladder.rungs.all()] == [
        ("lytte", locales["en"]), ("samskabe", locales["en"]),
    ]
    # Created as wagtail-localize does: a copy of the source text, for a translator to translate.
    assert english.rung == english_ladder.rungs.get(key="samskabe")
    assert english.rung.name == "Samskabe"
    assert english.badge["position"] == 2 and english.badge["of"] == 2


def test_the_admin_translate_action_keeps_snippets_and_saves_a_draft(
    client, danish_dialogue, locales, editor, django_capture_on_commit_callbacks
):
    before = snippet_rows()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[danish_dialogue.pk]),
            {"locales": [locales["en"].pk]},
        )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert snippet_rows() == before
    english = danish_dialogue.get_translation(locales["en"]).specific
    assert english.live is False
    assert english.slug == "borgermode-om-badplatser-pa-osterbro"
    # The translation editor opens on it (topics, kept per translation, are simply not offered there).
    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert editor_page.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in {template.name for template in editor_page.templates}


# --- New translations are drafts -------------------------------------------------------------------


def test_a_new_translation_is_a_draft_kept_out_of_the_api_and_search(
    client, danish_dialogue, locales, editor, commit, publish
):
    english = translate(danish_dialogue, locales["en"], editor, commit)

    assert english.live is False
    assert client.get("/api/v1/dialogues/?locale=en").json()["items"] == []
    assert client.get("/api/v1/search/", {"q": "badplatser", "locale": "en"}).json()["items"] == []
    # The source is found, and the translation is once an editor publishes it.
    assert [item["id"] for item in client.get("/api/v1/dialogues/?locale=da").json()["items"]] == [danish_dialogue.pk]
    publish(english)
    assert [item["id"] for item in client.get("/api/v1/dialogues/?locale=en").json()["items"]] == [english.pk]
    found = client.get("/api/v1/search/", {"q": "badplatser", "locale": "en"}).json()["items"]
    assert [item["id"] for item in found] == [english.pk]


def test_a_host_that_publishes_translations_at_once_is_warned(settings):
    settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = True
    assert "dialogue_pages.W001" in {message.id for message in checks.run_checks()}
    settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
    assert "dialogue_pages.W001" not in {message.id for message in checks.run_checks()}


# --- Readable slugs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ø Ø", "o O"), ("å Å", "a A"), ("æ Æ", "ae AE"), ("ä Ä", "a A"), ("ö Ö", "o O"),
        ("ü Ü", "u U"), ("é É", "e E"), ("è à ç ñ", "e a c n"), ("ß ð þ", "ss d th"),
        ("Færgen til Ærø", "Faergen til AEro"), ("Göteborgs älvstrand", "Goteborgs alvstrand"),
    ],
)
def test_transliterate_danish_swedish_and_other_latin_letters(text, expected):
    assert transliterate(text) == expected


def test_ascii_slug_keeps_every_letter_readable():
    assert ascii_slug(TITLE) == "borgermode-om-badplatser-pa-osterbro"
    assert ascii_slug("borgermøde-om-badplatser-på-østerbro") == "borgermode-om-badplatser-pa-osterbro"
    assert ascii_slug("Trafiksäkerhet på Söder – vad tycker du?") == "trafiksakerhet-pa-soder-vad-tycker-du"


def test_a_translation_transliterates_the_source_slug(danish_dialogue, locales, editor, commit):
    english = translate(danish_dialogue, locales["en"], editor, commit)

    assert english.slug == "borgermode-om-badplatser-pa-osterbro"
    assert danish_dialogue.slug == "borgermøde-om-badplatser-på-østerbro"


def test_a_dialogue_without_a_slug_gets_a_transliterated_one(dialogue_index):
    first = dialogue_index.add_child(instance=DialoguePageFactory.build(title=TITLE, slug=""))
    second = dialogue_index.add_child(instance=DialoguePageFactory.build(title=TITLE, slug=""))

    assert first.slug == "borgermode-om-badplatser-pa-osterbro"
    assert second.slug == "borgermode-om-badplatser-pa-osterbro-2"


def test_unicode_slugs_stay_when_the_host_allows_them(dialogue_index, settings):
    settings.WAGTAIL_ALLOW_UNICODE_SLUGS = True
    page = dialogue_index.add_child(instance=DialoguePageFactory.build(title=TITLE, slug=""))

    assert page.slug == "borgermøde-om-badplatser-på-østerbro"


def test_the_admin_slug_field_transliterates(client, dialogue_index, editor, settings):
    """The title field fills the slug with Wagtail's urlify (w-slug controller in wagtailadmin/js/core.js).

    urlify maps ø→o, æ→ae, å→a unless the field says unicode is allowed; Django leaves a False
    boolean attribute out, and the controller's default is False.
    """
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["dialogue_pages", "dialoguepage", dialogue_index.pk])
    html = client.get(add_url).content.decode()
    assert "w-sync:apply-&gt;w-slug#urlify" in html
    assert "data-w-slug-allow-unicode-value" not in html

    settings.WAGTAIL_ALLOW_UNICODE_SLUGS = True
    assert "data-w-slug-allow-unicode-value" in client.get(add_url).content.decode()


# --- Topics are each translation's own ---------------------------------------------------------------


def tag_names(page: Page) -> list[str]:
    return sorted(DialoguePage.objects.get(pk=page.pk).tags.names())


def test_topics_are_copied_once_and_never_overwritten_by_a_sync(
    danish_dialogue, locales, editor, commit, publish
):
    english = translate(danish_dialogue, locales["en"], editor, commit)
    assert tag_names(english) == ["badning", "havn"]

    # The English editor writes English topics; the Danish editor changes the Danish ones.
    english.tags.set(["bathing", "harbour"])
    publish(english)
    danish_dialogue.tags.set(["badning", "havnebad", "sommer"])
    danish_dialogue.intro = "Ny indledning om badning i havnen."
    publish(danish_dialogue)

    # "Sync translated pages": the source is read again and the translation saved from it.
    source = TranslationSource.objects.get_for_instance(danish_dialogue)
    with commit():
        source.update_from_db()
        for translation in source.translations.filter(enabled=True):
            translation.save_target(user=editor, publish=True)

    synced = DialoguePage.objects.get(pk=english.pk)
    assert synced.intro == "Ny indledning om badning i havnen."  # the sync ran
    assert tag_names(synced) == ["bathing", "harbour"]
    assert tag_names(danish_dialogue) == ["badning", "havnebad", "sommer"]


def test_the_admin_update_translations_view_leaves_topics_alone(
    client, danish_dialogue, locales, editor, commit, publish
):
    english = translate(danish_dialogue, locales["en"], editor, commit)
    english.tags.set(["bathing"])
    publish(english)
    danish_dialogue.tags.set(["vinterbadning"])
    publish(danish_dialogue)

    client.force_login(editor)
    source = TranslationSource.objects.get_for_instance(danish_dialogue)
    with commit():
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"}
        )

    assert response.status_code == 302
    assert tag_names(english) == ["bathing"]
    assert tag_names(danish_dialogue) == ["vinterbadning"]


def test_an_editor_writes_the_translations_topics_after_stopping_the_sync(
    client, danish_dialogue, locales, editor, commit, publish
):
    """The editor guide's way: Stop Synced translation, edit the topics, Start Synced translation, sync."""
    english = translate(danish_dialogue, locales["en"], editor, commit)
    source = TranslationSource.objects.get_for_instance(danish_dialogue)
    translation = source.translations.get(target_locale=locales["en"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    client.force_login(editor)

    client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    assert 'name="tags"' in client.get(edit_url).content.decode()  # Wagtail's own editor, with the topics
    english.tags.set(["bathing"])
    publish(english)
    client.post(edit_url, {"localize-restart-translation": "1"})
    danish_dialogue.tags.set(["vinterbadning"])
    danish_dialogue.intro = "Ny indledning om vinterbadning."
    publish(danish_dialogue)
    with commit():
        client.post(reverse("wagtail_localize:update_translations", args=[source.pk]), {"publish_translations": "on"})

    translation.refresh_from_db()
    assert translation.enabled
    assert DialoguePage.objects.get(pk=english.pk).intro == "Ny indledning om vinterbadning."  # synced again
    assert tag_names(english) == ["bathing"]
