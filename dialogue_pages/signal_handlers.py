"""Receivers that keep the published read model fresh (connected in ``apps.py``).

Every change that alters public output reaches ``sync.sync_dialogues``: publish, unpublish
(including scheduled expiry), delete, move, copy, a view restriction added to or removed from
the page or an ancestor, and a change to a snippet a page uses.
"""

import uuid

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from .ladders import ParticipationLadder, ParticipationRung, RungEquivalence
from .pages import DialoguePageBase, dialogue_models
from .snippets import Area, Contact, Method, Organisation, TargetGroup
from .sync import sync_dialogues, sync_page_ids, sync_subtree, sync_with_translations


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
        after_commit(_published_or_unpublished, instance.pk)


@receiver(page_unpublished)
def on_page_unpublished(sender, instance, **kwargs) -> None:
    if isinstance(instance, DialoguePageBase):
        after_commit(_published_or_unpublished, instance.pk)


def _published_or_unpublished(page_id: int) -> None:
    # The page's state once the transaction committed decides whether its row is written or removed.
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        sync_dialogues([page_id])
    else:
        sync_with_translations(page_id, page.translation_key, page.locale_id)


@receiver(post_delete, sender=Page)
def on_page_deleted(sender, instance, **kwargs) -> None:
    after_commit(_deleted, instance.pk, instance.translation_key, instance.locale_id)


def _deleted(page_id: int, translation_key: uuid.UUID, locale_id: int) -> None:
    sync_with_translations(page_id, translation_key, locale_id)


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


SNIPPET_FIELDS = {
    Organisation: "organisers", Method: "methods", TargetGroup: "target_groups", Contact: "contacts", Area: "areas",
}


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
@receiver(post_save, sender=Area)
@receiver(pre_delete, sender=Organisation)
@receiver(pre_delete, sender=Method)
@receiver(pre_delete, sender=TargetGroup)
@receiver(pre_delete, sender=Contact)
@receiver(pre_delete, sender=Area)
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
