"""Receivers that write webhook events to the outbox (connected in ``apps.py``)."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from ..pages import DialoguePageBase
from .outbox import on_published, on_unpublished


@receiver(page_published)
def outbox_on_published(sender, instance, **kwargs) -> None:
    if isinstance(instance, DialoguePageBase):
        on_published(instance)


@receiver(page_unpublished)
def outbox_on_unpublished(sender, instance, **kwargs) -> None:
    if isinstance(instance, DialoguePageBase):
        on_unpublished(instance)
