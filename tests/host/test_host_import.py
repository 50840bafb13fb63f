"""A block the host registers imports from an archive like the plugin's own: from its API form."""

import orjson
import pytest

from dialogue_pages.importing import LineReader
from dialogue_pages.pages import DialoguePage


@pytest.mark.django_db
def test_a_host_block_imports_from_its_api_form():
    api_form = {"question": "More bike lanes?", "yes": 30, "no": 10, "share_yes": 0.75}
    line = {"external_id": "poll-1", "title": "Budget dialogue", "intro": "How should the budget be spent?",
            "body": [{"type": "poll_result", "value": api_form}]}
    item, errors = LineReader("en", ["en", "sv"]).check(1, orjson.dumps(line).decode())
    assert errors == []
    [(kind, value, _id)] = item.blocks["body"]
    assert kind == "poll_result"
    assert dict(value) == {"question": "More bike lanes?", "yes": 30, "no": 10}
    block = DialoguePage._meta.get_field("body").stream_block.child_blocks["poll_result"]
    assert block.get_api_representation(value) == api_form


@pytest.mark.django_db
def test_a_host_block_is_checked_by_its_own_validation():
    line = {"external_id": "poll-2", "title": "Budget dialogue", "intro": "How should the budget be spent?",
            "body": [{"type": "poll_result", "value": {"question": "More bike lanes?", "yes": -1, "no": 10}}]}
    item, errors = LineReader("en", ["en", "sv"]).check(1, orjson.dumps(line).decode())
    assert item is None
    assert [error.field for error in errors] == ["body.0.value.yes"]
