"""The published read model follows every change that alters public output."""

import datetime

import orjson
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dialogue_pages.factories import DialoguePageFactory, OrganisationFactory, default_rung
from dialogue_pages.read_model.models import PublishedDialogue
from dialogue_pages.read_model.queries import feedback_owed_q, status_q, visible_rows
from dialogue_pages.signals import dialogue_published, dialogue_unpublished, dialogues_published
from dialogue_pages.status import Status, StatusFacts, feedback_owed_on, status_on
from dialogue_pages.sync import sync_dialogues


def publish(page):
    page.save_revision().publish()
    return page


def row_of(page):
    return PublishedDialogue.objects.filter(page_id=page.pk).first()


def test_publishing_writes_the_json(dialogue_index, commit):
    with commit():
        page = publish(DialoguePageFactory(parent=dialogue_index, title="Havnens fremtid"))
    row = row_of(page)
    detail = orjson.loads(row.detail)
    assert detail["title"] == "Havnens fremtid"
    assert detail["badge"]["label"] == "Dialog"
    assert orjson.loads(row.summary)["id"] == page.pk
    assert row.etag and row.locale == "da"


def test_draft_changes_do_not_reach_the_read_model(dialogue_index, commit):
    with commit():
        page = publish(DialoguePageFactory(parent=dialogue_index, title="Offentlig titel"))
    with commit():
        page.title = "Hemmelig kladde"
        page.save_revision()
    assert orjson.loads(row_of(page).detail)["title"] == "Offentlig titel"


def test_unpublish_removes_the_row_and_tells_listeners(dialogue_index, commit):
    with commit():
        page = publish(DialoguePageFactory(parent=dialogue_index))
    removed = []
    dialogue_unpublished.connect(lambda sender, page_id, **kw: removed.append(page_id), weak=False, dispatch_uid="t")
    try:
        with commit():
            page.unpublish()
    finally:
        dialogue_unpublished.disconnect(dispatch_uid="t")
    assert row_of(page) is None
    assert removed == [page.pk]


def test_delete_removes_the_row(dialogue_index, commit):
    with commit():
        page = publish(DialoguePageFactory(parent=dialogue_index))
    with commit():
        page.delete()
    assert not PublishedDialogue.objects.exists()


@pytest.mark.parametrize("restrict", ["page", "ancestor"])
def test_view_restriction_hides_and_its_removal_shows_again(dialogue_index, commit, restrict):
    with commit():
        page = publish(DialoguePageFactory(parent=dialogue_index))
    target = page if restrict == "page" else dialogue_index
    with commit():
        restriction = PageViewRestriction.objects.create(page=target, restriction_type="password", password="x")
    assert row_of(page) is None
    with commit():
        restriction.delete()
    assert row_of(page) is not None


def test_group_restriction_hides_too(dialogue_index, commit):
    with commit():
        page = publish(DialoguePageFactory(parent=dialogue_index))
    with commit():
        restriction = PageViewRestriction.objects.create(page=page, restriction_type="groups")
        restriction.groups.add(Group.objects.create(name="Medarbejdere"))
    assert row_of(page) is None


def test_changed_organisation_name_reaches_the_json(dialogue_index, commit):
    organisation = OrganisationFactory(name="Lund")
    with commit():
        page = publish(DialoguePageFactory(parent=dialogue_index, organisers=[organisation]))
    with commit():
        organisation.name = "Lunds kommun"
        organisation.save()
    assert orjson.loads(row_of(page).detail)["organisers"][0]["name"] == "Lunds kommun"


def test_renamed_rung_reaches_the_badge(dialogue_index, commit):
    with commit():
        page = publish(DialoguePageFactory(parent=dialogue_index))
    rung = default_rung("dialog")
    with commit():
        rung.name = "Samtale"
        rung.save()
    assert orjson.loads(row_of(page).detail)["badge"]["label"] == "Samtale"


def test_expired_rows_are_not_visible(dialogue_index, commit):
    with commit():
        page = publish(DialoguePageFactory(parent=dialogue_index))
    PublishedDialogue.objects.filter(page_id=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    assert not visible_rows().filter(page_id=page.pk).exists()


def test_published_signal_carries_the_representation(dialogue_index, commit):
    seen = []
    dialogue_published.connect(
        lambda sender, page, representation, **kw: seen.append(representation["id"]), weak=False, dispatch_uid="t"
    )
    try:
        with commit():
            page = publish(DialoguePageFactory(parent=dialogue_index))
    finally:
        dialogue_published.disconnect(dispatch_uid="t")
    assert page.pk in seen


def test_batch_signal_carries_every_public_dialogue_of_a_refresh(dialogue_index, commit):
    with commit():
        pages = [publish(DialoguePageFactory(parent=dialogue_index)) for _ in range(3)]
        hidden = DialoguePageFactory(parent=dialogue_index, live=False)  # a draft: not in the batch
    batches = []
    dialogues_published.connect(
        lambda sender, dialogues, **kw: batches.append(sorted(rep["id"] for _page, rep in dialogues)),
        weak=False, dispatch_uid="t",
    )
    try:
        sync_dialogues([page.pk for page in pages] + [hidden.pk])
    finally:
        dialogues_published.disconnect(dispatch_uid="t")
    assert batches == [sorted(page.pk for page in pages)]


DATES = [None, datetime.date(2025, 1, 1), datetime.date(2025, 6, 15), datetime.date(2025, 12, 1)]


@pytest.mark.django_db
@pytest.mark.parametrize("cancelled", [False, True])
@pytest.mark.parametrize("has_feedback", [False, True])
def test_status_and_feedback_filters_match_the_rule_on_any_day(cancelled, has_feedback):
    facts_of_row = {}
    for number, (opens, closes, decided) in enumerate(
        (o, c, d) for o in DATES for c in DATES for d in DATES if not (o and c and c < o)
    ):
        facts = StatusFacts.of_record(cancelled=cancelled, input_opens=opens, input_closes=closes,
                                      decision_date=decided, has_feedback=has_feedback)
        row = PublishedDialogue.objects.create(
            page_id=number + 1, locale="da", translation_key="00000000-0000-0000-0000-000000000000",
            path="/", slug=str(number), title="t", sort_title="t", detail=b"{}", summary=b"{}", etag="e",
            cancelled=facts.cancelled, open_from=facts.open_from, closed_from=facts.closed_from,
            decided_from=facts.decided_from, sort_start=datetime.date(1, 1, 1), has_feedback=has_feedback,
            updated_at=timezone.now(),
        )
        facts_of_row[row.pk] = facts
    for today in (datetime.date(2020, 1, 1), datetime.date(2025, 6, 15), datetime.date(2025, 6, 16),
                  datetime.date(2030, 1, 1)):
        for status in Status:
            matched = set(PublishedDialogue.objects.filter(status_q(status, today)).values_list("pk", flat=True))
            assert matched == {pk for pk, facts in facts_of_row.items() if status_on(facts, today) == status}
        owed = set(PublishedDialogue.objects.filter(feedback_owed_q(today)).values_list("pk", flat=True))
        assert owed == {pk for pk, facts in facts_of_row.items() if feedback_owed_on(facts, today)}


def test_feedback_published_is_sent_once_when_feedback_first_goes_public(dialogue_index, commit):
    from dialogue_pages.signals import feedback_published

    sent = []
    feedback_published.connect(
        lambda sender, page, representation, **kw: sent.append(page.pk), weak=False, dispatch_uid="t"
    )
    try:
        with commit():
            page = publish(DialoguePageFactory(parent=dialogue_index))
        assert sent == []
        page.feedback = [("item", {"theme": "Lys", "you_said": "Mørke stier.", "we_did": "Nye lamper.",
                                   "outcome": "adopted", "reason": ""})]
        with commit():
            publish(page)
        with commit():
            page.intro = "Opdateret."
            publish(page)
    finally:
        feedback_published.disconnect(dispatch_uid="t")
    assert sent == [page.pk]


class Told:
    """Collects what listeners hear: page ids published (per batch) and unpublished."""

    def __init__(self) -> None:
        self.batches: list[list[int]] = []
        self.removed: list[int] = []

    def __enter__(self) -> "Told":
        dialogues_published.connect(self.on_published, weak=False, dispatch_uid="told")
        dialogue_unpublished.connect(self.on_unpublished, weak=False, dispatch_uid="told")
        return self

    def __exit__(self, *exc) -> None:
        dialogues_published.disconnect(dispatch_uid="told")
        dialogue_unpublished.disconnect(dispatch_uid="told")

    def on_published(self, sender, dialogues, **kwargs) -> None:
        self.batches.append(sorted(representation["id"] for _page, representation in dialogues))

    def on_unpublished(self, sender, page_id, **kwargs) -> None:
        self.removed.append(page_id)


@pytest.fixture
def danish_and_swedish(dialogue_index, commit, locales):
    with commit():
        danish = publish(DialoguePageFactory(parent=dialogue_index, title="Havnen"))
        swedish = danish.copy_for_translation(locales["sv"], copy_parents=True)
        swedish.title = "Hamnen"
        publish(swedish)
    swedish.refresh_from_db()
    return danish, swedish


def translation_locales(page):
    return [link["locale"] for link in orjson.loads(row_of(page).detail)["translations"]]


def test_publishing_a_translation_tells_listeners_about_the_other_locales_row(dialogue_index, commit, locales):
    with commit():
        danish = publish(DialoguePageFactory(parent=dialogue_index, title="Havnen"))
        swedish = danish.copy_for_translation(locales["sv"], copy_parents=True)
        swedish.save_revision()
    assert translation_locales(danish) == []
    with Told() as told, commit():
        publish(swedish)
    assert told.batches == [sorted([danish.pk, swedish.pk])]
    assert told.removed == []
    assert translation_locales(danish) == ["sv"]


def test_unpublishing_a_translation_tells_listeners_about_both_rows(danish_and_swedish, commit):
    danish, swedish = danish_and_swedish
    with Told() as told, commit():
        swedish.unpublish()
    assert told.removed == [swedish.pk]
    assert told.batches == [[danish.pk]]
    assert translation_locales(danish) == []


def test_deleting_a_translation_tells_listeners_about_the_remaining_ones(danish_and_swedish, commit):
    danish, swedish = danish_and_swedish
    assert translation_locales(danish) == ["sv"]
    with Told() as told, commit():
        swedish.delete()
    assert told.removed == [swedish.pk]
    assert told.batches == [[danish.pk]]
    assert translation_locales(danish) == []
