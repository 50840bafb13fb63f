"""Signals the dialogue app sends after the published read model changed (once the transaction commits).

Listeners (search, webhooks, cache purges) learn here what the API now serves; the
receivers that keep the read model fresh are in ``signal_handlers.py``.
"""

from django.dispatch import Signal

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
