"""Blocks a host site adds to the dialogue body, through the ``register_dialogue_blocks`` hook.

A host registers a function that returns ``(name, block)`` pairs::

    @hooks.register("register_dialogue_blocks")
    def poll_block():
        return [("poll", PollBlock())]

Each block brings its ``get_api_representation`` and an ``api_schema`` (JSON Schema of that
representation), which joins the OpenAPI union of body blocks automatically.
"""

from wagtail import blocks, hooks

HOOK = "register_dialogue_blocks"


def registered_blocks() -> list[tuple[str, blocks.Block]]:
    """The ``(name, block)`` pairs every ``register_dialogue_blocks`` hook returns, in hook order."""
    found: list[tuple[str, blocks.Block]] = []
    for hook in hooks.get_hooks(HOOK):
        found.extend(hook())
    return found
