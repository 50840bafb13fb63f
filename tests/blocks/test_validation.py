"""Block validation gives editors messages on the field at fault."""

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from dialogue_blocks.feedback import FeedbackItemBlock, ResultReportBlock
from dialogue_blocks.timeline import TimelineEventBlock

EVENT = {
    "title": "Møde", "description": "", "date": None, "precision": "day", "label": "", "status": "done", "rung": None,
}
ITEM = {"theme": "Grønt", "you_said": "Mere grønt.", "we_did": "Vi planter træer.", "outcome": "", "reason": ""}


def errors_of(block, raw) -> dict:
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block.to_python(raw))
    return caught.value.block_errors


def test_event_needs_a_date_unless_it_has_a_label():
    assert set(errors_of(TimelineEventBlock(), EVENT)) == {"date"}


def test_fuzzy_event_needs_its_label():
    assert set(errors_of(TimelineEventBlock(), {**EVENT, "precision": "label"})) == {"label"}


def test_valid_events_pass():
    block = TimelineEventBlock()
    assert block.clean(block.to_python({**EVENT, "precision": "label", "label": "efterår 2025"}))["label"]
    assert block.clean(block.to_python({**EVENT, "date": "2025-09-01"}))["date"]


def test_feedback_item_without_outcome_is_refused():
    assert set(errors_of(FeedbackItemBlock(), ITEM)) == {"outcome"}


def test_feedback_not_adopted_needs_a_reason():
    assert set(errors_of(FeedbackItemBlock(), {**ITEM, "outcome": "not_adopted"})) == {"reason"}


def test_adopted_feedback_needs_no_reason():
    block = FeedbackItemBlock()
    assert block.clean(block.to_python({**ITEM, "outcome": "adopted"}))["outcome"] == "adopted"


def test_result_report_needs_a_document_or_a_link():
    assert set(errors_of(ResultReportBlock(), {"title": "Rapport", "document": None, "url": ""})) == {"document"}


def test_a_meeting_time_needs_a_day():
    meeting = {**EVENT, "date": "2026-12-01", "precision": "month", "time": "18:30"}
    assert set(errors_of(TimelineEventBlock(), meeting)) == {"time"}
