"""Keep the published read model fresh, and tell listeners (search, webhooks) what changed.

Every change that alters public output reaches ``refresh_dialogues`` or ``remove_dialogue``:
publish, unpublish (including scheduled expiry), delete, move, copy, a view restriction
added to or removed from the page or an ancestor, and a change to a snippet a page uses.
"""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import Signal, receiver
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from .ladders import ParticipationLadder, ParticipationRung, RungEquivalence
from .pages import DialoguePageBase, dialogue_models
from .read_model import PublishedDialogue, refresh_dialogues, remove_dialogue
from .snippets import Contact, Method, Organisation, TargetGroup

logger = logging.getLogger(__name__)

# Sent with ``page`` (the specific page) and ``representation`` (its API JSON) after the read
# model has stored a public dialogue.
dialogue_published = Signal()
# Sent once per refresh with ``dialogues``, a list of (page, representation) of every dialogue
# that the read model has just stored: listeners that index in bulk (search) take this one.
dialogues_published = Signal()
# Sent with ``page_id`` after a dialogue left public view (unpublished, deleted, made private…).
dialogue_unpublished = Signal()
# Sent with ``page`` and ``representation`` when a publish first made feedback public.
feedback_published = Signal()


def sync_dialogues(page_ids: Iterable[int], pages: list[DialoguePageBase] | None = None) -> None:
    """Bring the read model of the pages in line with their current state and notify listeners.

    ``pages``: the pages of ``page_ids`` in memory, if the caller has them (see ``refresh_dialogues``).
    """
    page_ids = list(page_ids)
    before = dict(PublishedDialogue.objects.filter(page_id__in=page_ids).values_list("page_id", "has_feedback"))
    public = refresh_dialogues(page_ids, pages)
    for page_id in before.keys() - public.keys():
        dialogue_unpublished.send(sender=Page, page_id=page_id)
    for page_id, (page, representation) in public.items():
        dialogue_published.send(sender=type(page), page=page, representation=representation)
        if page.has_feedback and not before.get(page_id):
            feedback_published.send(sender=type(page), page=page, representation=representation)
    if public:
        dialogues_published.send(sender=Page, dialogues=list(public.values()))


def sync_dialogue(page: Page) -> None:
    """``sync_dialogues`` for one page."""
    sync_dialogues([page.pk])


def sync_translations_of(page: Page) -> None:
    """Refresh the other locales' rows: their lists of translations include or drop ``page``."""
    refresh_dialogues(
        page.get_translations().filter(pk__in=PublishedDialogue.objects.values("page_id")).values_list("pk", flat=True)
    )


def sync_subtree(page: Page) -> None:
    """Refresh every dialogue at or below ``page`` (after a move or a privacy change)."""
    sync_dialogues(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def sync_page_ids(page_ids: set[int]) -> None:
    """Refresh those of ``page_ids`` that are public dialogues now."""
    sync_dialogues(PublishedDialogue.objects.filter(page_id__in=page_ids).values_list("page_id", flat=True))


def referencing_page_ids(instance) -> set[int]:
    """Pages whose fields or blocks refer to ``instance`` (Wagtail's reference index)."""
    page_type = Page._meta.label_lower
    return {
        int(reference.object_id)
        for reference in ReferenceIndex.get_references_to(instance).select_related("base_content_type")
        if reference.base_content_type.app_label + "." + reference.base_content_type.model == page_type
    }


def after_commit(function, *args) -> None:
    """Run once the surrounding transaction commits, so the read model sees committed data."""
    transaction.on_commit(lambda: function(*args))


@receiver(page_published)
def on_page_published(sender, instance, **kwargs) -> None:
    if isinstance(instance, DialoguePageBase):
        after_commit(_published, instance.pk)


def _published(page_id: int) -> None:
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        sync_dialogue(page)
        sync_translations_of(page)


@receiver(page_unpublished)
def on_page_unpublished(sender, instance, **kwargs) -> None:
    if isinstance(instance, DialoguePageBase):
        after_commit(_unpublished, instance.pk)


def _unpublished(page_id: int) -> None:
    page = Page.objects.filter(pk=page_id).first()
    if remove_dialogue(page_id):
        dialogue_unpublished.send(sender=Page, page_id=page_id)
    if page is not None:
        sync_translations_of(page)


@receiver(post_delete, sender=Page)
def on_page_deleted(sender, instance, **kwargs) -> None:
    page_id, translation_key, locale_id = instance.pk, instance.translation_key, instance.locale_id
    after_commit(_deleted, page_id, translation_key, locale_id)


def _deleted(page_id: int, translation_key, locale_id: int) -> None:
    if remove_dialogue(page_id):
        dialogue_unpublished.send(sender=Page, page_id=page_id)
    others = Page.objects.filter(translation_key=translation_key).exclude(locale_id=locale_id)
    public_others = PublishedDialogue.objects.filter(page_id__in=others.values("pk"))
    refresh_dialogues(public_others.values_list("page_id", flat=True))


@receiver(post_page_move)
def on_page_moved(sender, instance, **kwargs) -> None:
    after_commit(_subtree_changed, instance.pk)


def _subtree_changed(page_id: int) -> None:
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        sync_subtree(page)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_view_restriction_changed(sender, instance, **kwargs) -> None:
    after_commit(_subtree_changed, instance.page_id)


SNIPPET_FIELDS = {Organisation: "organisers", Method: "methods", TargetGroup: "target_groups", Contact: "contacts"}


def pages_using_snippet(model, instance) -> set[int]:
    """Pages that show ``instance``: chosen in a field, in a block, or as a contact's organisation."""
    field = SNIPPET_FIELDS[model]
    ids = referencing_page_ids(instance)
    for dialogue_model in dialogue_models():
        ids |= set(dialogue_model.objects.filter(**{field: instance.pk}).values_list("pk", flat=True))
        if model is Organisation:
            ids |= set(
                dialogue_model.objects.filter(contacts__organisation=instance.pk).values_list("pk", flat=True)
            )
    return ids


def pages_on_ladders(ladder_ids: list[int]) -> set[int]:
    """Pages whose badge or phases use a rung of one of the ladders."""
    ids: set[int] = set()
    for rung in ParticipationRung.objects.filter(ladder_id__in=ladder_ids):
        ids |= referencing_page_ids(rung)
    for dialogue_model in dialogue_models():
        ids |= set(dialogue_model.objects.filter(rung__ladder_id__in=ladder_ids).values_list("pk", flat=True))
    return ids


# Affected pages are found when the signal fires (before a delete removes the links) and
# refreshed once the transaction commits.
@receiver(post_save, sender=Organisation)
@receiver(post_save, sender=Method)
@receiver(post_save, sender=TargetGroup)
@receiver(post_save, sender=Contact)
@receiver(pre_delete, sender=Organisation)
@receiver(pre_delete, sender=Method)
@receiver(pre_delete, sender=TargetGroup)
@receiver(pre_delete, sender=Contact)
def on_related_snippet_changed(sender, instance, **kwargs) -> None:
    after_commit(sync_page_ids, pages_using_snippet(sender, instance))


@receiver(post_save, sender=ParticipationLadder)
@receiver(post_save, sender=ParticipationRung)
@receiver(post_save, sender=RungEquivalence)
@receiver(pre_delete, sender=RungEquivalence)
def on_ladder_changed(sender, instance, **kwargs) -> None:
    # Rung names, positions and equivalences appear in the badges of every page on either ladder.
    if sender is ParticipationLadder:
        ladder_ids = [instance.pk]
    elif sender is ParticipationRung:
        ladder_ids = [instance.ladder_id]
    else:
        ladder_ids = list(
            ParticipationRung.objects.filter(pk__in=[instance.rung_id, instance.equivalent_id])
            .values_list("ladder_id", flat=True)
        )
    after_commit(sync_page_ids, pages_on_ladders(ladder_ids))
