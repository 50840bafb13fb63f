"""Errors inside stream fields, in words an editor can act on.

Wagtail draws a stream field's block errors in the browser, after the tabs have counted their
errors, so a tab holding only block errors shows no error badge, and the message at the top of
the editor says only that the page could not be saved. These helpers name each failing block
("Feedback, item 2 (You said, we did): Reason: …") for the page form and the editor's tabs.
"""

from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.forms import Form
from django.utils.translation import gettext as _
from wagtail.admin.panels import Panel
from wagtail.blocks import StreamBlock
from wagtail.blocks.stream_block import StreamBlockValidationError


def messages_of(error: ValidationError) -> list[str]:
    """The plain messages of an error, however deeply its blocks nest."""
    if hasattr(error, "block_errors"):
        found = list(error.non_block_errors)
        for child_error in error.block_errors.values():
            found.extend(messages_of(child_error))
        return found
    return list(error.messages)


def describe_child(error: ValidationError, block) -> str:
    """What is wrong with one block, naming the sub-fields of a struct block by their labels."""
    child_blocks = getattr(block, "child_blocks", None)
    if child_blocks is None or not hasattr(error, "block_errors") or isinstance(error.block_errors, list):
        return " ".join(messages_of(error))
    parts = list(error.non_block_errors)
    for name, child_error in error.block_errors.items():
        label = child_blocks[name].label if name in child_blocks else name
        parts.append(f"{label}: {' '.join(messages_of(child_error))}")
    return " ".join(parts)


def stream_error(form: Form, name: str) -> StreamBlockValidationError | None:
    """The block errors of the stream field ``name`` on a submitted form, if it has any."""
    if not form.is_bound or name not in form.fields or name not in form.errors:
        return None
    found = [error for error in form.errors[name].as_data() if isinstance(error, StreamBlockValidationError)]
    return found[0] if found else None


def block_error_lines(form: Form, name: str) -> list[str]:
    """One line per failing block of a stream field: "Feedback, item 2 (You said, we did): Reason: …"."""
    error = stream_error(form, name)
    if error is None:
        return []
    bound = form[name]
    stream_block: StreamBlock = bound.field.block
    label = bound.label
    lines = [f"{label}: {message}" for message in error.non_block_errors]
    # The submitted blocks, to name each failing one by its type.
    submitted = bound.field.widget.value_from_datadict(form.data, form.files, bound.html_name)
    for index, child_error in sorted(error.block_errors.items()):
        child = submitted[index] if index < len(submitted) else None
        block = child.block if child is not None else stream_block
        where = _("%(field)s, item %(number)s (%(block)s)") % {
            "field": label, "number": index + 1, "block": block.label,
        } if child is not None else _("%(field)s, item %(number)s") % {"field": label, "number": index + 1}
        lines.append(f"{where}: {describe_child(child_error, block)}")
    return lines


def field_names(panel: Panel) -> Iterator[str]:
    """The form fields a panel and its children edit."""
    if getattr(panel, "field_name", None):
        yield panel.field_name
    for child in getattr(panel, "children", ()):
        yield from field_names(child)


def stream_field_names(form: Form, panel: Panel) -> list[str]:
    """The stream fields a panel edits, in panel order."""
    return [name for name in field_names(panel) if name in form.fields and hasattr(form.fields[name], "block")]
