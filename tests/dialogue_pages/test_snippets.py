"""Snippet validation and the shipped participation ladders."""

import pytest
from django.core.exceptions import ValidationError

from dialogue_pages.factories import ContactFactory, default_rung
from dialogue_pages.ladders import ParticipationLadder, ParticipationRung, RungEquivalence

SKR = ["information", "konsultation", "dialog", "inflytande", "medbeslutande"]
IAP2 = ["inform", "consult", "involve", "collaborate", "empower"]


@pytest.mark.django_db
def test_contact_without_any_way_to_reach_them_is_refused():
    contact = ContactFactory.build(email="", phone="")
    with pytest.raises(ValidationError) as caught:
        contact.full_clean()
    assert "so citizens can reach this person" in " ".join(caught.value.message_dict["email"])


@pytest.mark.django_db
def test_contact_with_only_a_phone_is_fine():
    ContactFactory.build(email="", phone="046-35 58 03").full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(("ladder_key", "rung_keys"), [("skr", SKR), ("iap2", IAP2)])
def test_shipped_ladders_exist_in_every_content_language(locales, ladder_key, rung_keys):
    for locale in locales.values():
        ladder = ParticipationLadder.objects.get(key=ladder_key, locale=locale)
        assert [rung.key for rung in ladder.rungs.all()] == rung_keys
    translation_keys = set(ParticipationLadder.objects.filter(key=ladder_key).values_list("translation_key", flat=True))
    assert len(translation_keys) == 1


@pytest.mark.django_db
def test_ladder_names_are_translated(locales):
    names = {
        code: ParticipationRung.objects.get(ladder__key="skr", key="medbeslutande", locale=locale).name
        for code, locale in locales.items()
    }
    assert names == {"da": "Medbestemmelse", "sv": "Medbeslutande", "en": "Co-decision"}


@pytest.mark.django_db
def test_badge_says_where_the_rung_stands(locales):
    badge = default_rung("konsultation", "skr", locales["sv"]).badge()
    assert badge["label"] == "Konsultation"
    assert (badge["position"], badge["of"]) == (2, 5)
    assert badge["colour"].startswith("#") and badge["description"]


@pytest.mark.django_db
@pytest.mark.parametrize("position", range(5))
def test_skr_and_iap2_rungs_are_mapped_one_to_one(locales, position):
    skr_rung = default_rung(SKR[position], "skr", locales["en"])
    assert [rung.key for rung in skr_rung.equivalents()] == [IAP2[position]]
    assert skr_rung.equivalents()[0].locale == locales["en"]
    iap2_rung = default_rung(IAP2[position], "iap2", locales["sv"])
    assert [rung.key for rung in iap2_rung.equivalents()] == [SKR[position]]


@pytest.mark.django_db
def test_equivalence_must_link_two_ladders():
    link = RungEquivalence(rung=default_rung("dialog"), equivalent=default_rung("inflytande"))
    with pytest.raises(ValidationError) as caught:
        link.full_clean()
    assert "another ladder" in " ".join(caught.value.message_dict["equivalent"])


@pytest.mark.django_db
def test_rung_colour_must_be_a_hex_colour():
    rung = default_rung("dialog")
    rung.colour = "blue"
    with pytest.raises(ValidationError) as caught:
        rung.full_clean()
    assert "colour" in caught.value.message_dict
