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
# ``importing`` is True while ``manage.py import_dialogues`` writes (``sync.importing``): a
# listener that can wait for the end of the import may leave these to ``dialogues_imported``.
dialogues_published = Signal()
# Sent with ``page_id`` after a dialogue left public view (unpublished, deleted, made private…).
dialogue_unpublished = Signal()
# Sent with ``page`` and ``representation`` when a publish first made feedback public.
feedback_published = Signal()
# Sent once when an import has written everything, with ``page_ids``: every dialogue it created
# or updated (public or not), and ``workers``: how many processes the import wrote with (a
# listener may use as many). Search indexes them here, in bulk, instead of batch by batch.
dialogues_imported = Signal()
