"""Atom and RSS feeds of dialogues and of feedback and decisions, valid per feedparser."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from dialogue_pages.factories import DialoguePageFactory, OrganisationFactory

TODAY = timezone.localdate()
ITEM = {"theme": "Belysning", "you_said": "Stierne er mørke.", "we_did": "Vi sætter lamper op.",
        "outcome": "partly", "reason": "Kun på de største stier."}


@pytest.fixture
def dialogues(dialogue_index, publish):
    lund = OrganisationFactory(name="Lunds kommun", slug="lund")
    answered = DialoguePageFactory(
        parent=dialogue_index, title="Stier i parken", feedback=[("item", ITEM)],
        decision_date=TODAY - datetime.timedelta(days=3), decision_body="Teknik- og miljøudvalget",
        decision_summary="Udvalget vedtog en belysningsplan.", organisers=[lund],
    )
    answered.tags.add("Park")
    quiet = DialoguePageFactory(parent=dialogue_index, title="Skolevejen")
    draft = DialoguePageFactory(parent=dialogue_index, title="Hemmelig kladde", live=False,
                                feedback=[("item", ITEM)])
    for page in (answered, quiet):
        publish(page)
    return {"answered": answered, "quiet": quiet, "draft": draft}


def parse(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return response, parsed


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_the_dialogue_feed_lists_public_dialogues(client, dialogues, kind):
    response, parsed = parse(client, f"/api/v1/feeds/dialogues.{kind}")
    assert response["Content-Type"].startswith(f"application/{kind}+xml")
    assert parsed.version == ("atom10" if kind == "atom" else "rss20")
    titles = {entry.title for entry in parsed.entries}
    assert titles == {"Stier i parken", "Skolevejen"}
    entry = next(entry for entry in parsed.entries if entry.title == "Stier i parken")
    assert entry.link == dialogues["answered"].full_url
    assert entry.id == f"urn:dialogue:{dialogues['answered'].pk}"


def test_feeds_filter_by_organisation_and_topic(client, dialogues):
    _response, by_organisation = parse(client, "/api/v1/feeds/dialogues.atom", organisation="lund")
    assert [entry.title for entry in by_organisation.entries] == ["Stier i parken"]
    _response, by_topic = parse(client, "/api/v1/feeds/dialogues.atom", tag="park")
    assert [entry.title for entry in by_topic.entries] == ["Stier i parken"]
    assert client.get("/api/v1/feeds/dialogues.atom", {"locale": "xx"}).status_code == 400
    assert client.get("/api/v1/feeds/dialogues.json").status_code in (400, 404, 422)


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_the_feedback_feed_has_an_entry_per_item_and_decision(client, dialogues, kind):
    _response, parsed = parse(client, f"/api/v1/feeds/feedback.{kind}")
    page = dialogues["answered"]
    ids = {entry.id for entry in parsed.entries}
    assert f"urn:dialogue:{page.pk}:decision" in ids
    assert any(entry_id.startswith(f"urn:dialogue:{page.pk}:feedback:") for entry_id in ids)
    assert len(parsed.entries) == 2  # the draft's feedback and the quiet dialogue give none
    decision = next(entry for entry in parsed.entries if entry.id.endswith(":decision"))
    assert "Teknik- og miljøudvalget" in decision.title
    assert "belysningsplan" in decision.summary
    item = next(entry for entry in parsed.entries if ":feedback:" in entry.id)
    assert "Belysning" in item.title and "Vi sætter lamper op." in item.summary


def test_a_decision_ahead_is_not_in_the_feed_yet(client, dialogue_index, publish):
    later = TODAY + datetime.timedelta(days=9)
    publish(DialoguePageFactory(parent=dialogue_index, title="Senere", decision_date=later))
    _response, parsed = parse(client, "/api/v1/feeds/feedback.atom")
    assert parsed.entries == []


def test_feeds_answer_304_to_a_known_etag(client, dialogues):
    first = client.get("/api/v1/feeds/feedback.atom")
    again = client.get("/api/v1/feeds/feedback.atom", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_feed_reads_a_fixed_number_of_queries(client, dialogue_index, publish, django_assert_max_num_queries):
    for number in range(6):
        publish(DialoguePageFactory(parent=dialogue_index, title=f"Dialog {number}", feedback=[("item", ITEM)]))
    with django_assert_max_num_queries(4):
        client.get("/api/v1/feeds/feedback.atom")
    with django_assert_max_num_queries(4):
        client.get("/api/v1/feeds/dialogues.rss")


def test_pages_link_to_their_language_s_feeds(client, dialogues):
    html = client.get(dialogues["answered"].url).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/api/v1/feeds/dialogues.atom?locale=da"' in html
    assert 'href="/api/v1/feeds/feedback.atom?locale=da"' in html


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_an_illustrative_example_says_so_in_every_entry_in_its_language(client, dialogue_index, publish, kind):
    example = publish(DialoguePageFactory(
        parent=dialogue_index, title="Legepladsen", is_example=True, feedback=[("item", ITEM)],
        decision_date=TODAY - datetime.timedelta(days=1), decision_body="", decision_summary="Vedtaget.",
    ))
    plain = publish(DialoguePageFactory(parent=dialogue_index, title="Skolevejen", feedback=[("item", ITEM)]))
    notice = "Eksempel: Dele af oplysningerne her er til illustration og er ikke organisationens egen fremstilling."

    _response, dialogues_feed = parse(client, f"/api/v1/feeds/dialogues.{kind}")
    by_id = {entry.id: entry for entry in dialogues_feed.entries}
    marked = by_id[f"urn:dialogue:{example.pk}"]
    assert marked.title == "[Illustrativt eksempel] Legepladsen"  # the dialogue's language (Danish), not the request's
    assert marked.summary.startswith(notice)
    unmarked = by_id[f"urn:dialogue:{plain.pk}"]
    assert unmarked.title == "Skolevejen" and "Eksempel" not in unmarked.summary

    _response, feedback_feed = parse(client, f"/api/v1/feeds/feedback.{kind}")
    of_example = [entry for entry in feedback_feed.entries if entry.id.startswith(f"urn:dialogue:{example.pk}:")]
    assert {"decision" if entry.id.endswith(":decision") else "feedback" for entry in of_example} == {
        "feedback", "decision"}
    for entry in of_example:
        assert entry.title.startswith("[Illustrativt eksempel] ") and entry.summary.startswith(notice), entry.title
    for entry in feedback_feed.entries:
        if entry.id.startswith(f"urn:dialogue:{plain.pk}:"):
            assert not entry.title.startswith("[") and "Eksempel" not in entry.summary
