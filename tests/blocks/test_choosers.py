"""Optional choosers do not query the database when nothing is chosen."""

import pytest
from django.core.exceptions import ValidationError

from dialogue_blocks.choosers import chosen_memo
from dialogue_blocks.streams import TimelineBlock
from dialogue_pages.factories import default_rung
from dialogue_pages.ladders import ParticipationRung

EVENT = {"title": "Møde", "description": "", "date": "2024-01-01", "precision": "day", "label": "", "status": "done"}


@pytest.mark.django_db
def test_events_without_a_rung_need_no_query(django_assert_num_queries):
    stream = [{"type": "event", "value": {**EVENT, "rung": None}} for _ in range(5)]
    with django_assert_num_queries(0):
        value = TimelineBlock().to_python(stream)
        assert [child.value["rung"] for child in value] == [None] * 5


@pytest.mark.django_db
def test_events_with_rungs_are_still_looked_up(django_assert_num_queries):
    rung = default_rung("dialog")
    stream = [
        {"type": "event", "value": {**EVENT, "rung": rung.pk}},
        {"type": "event", "value": {**EVENT, "rung": None}},
    ]
    with django_assert_num_queries(1):
        value = TimelineBlock().to_python(stream)
        assert [child.value["rung"] for child in value] == [rung, None]


@pytest.mark.django_db
def test_cleaning_loaded_choices_needs_no_query(django_assert_num_queries):
    rung = default_rung("dialog")
    stream = [{"type": "event", "value": {**EVENT, "rung": rung.pk}} for _ in range(3)]
    block = TimelineBlock()
    value = block.to_python(stream)
    list(value)  # loads the rungs: one query
    with django_assert_num_queries(0):
        cleaned = block.clean(value)
    assert [child.value["rung"] for child in cleaned] == [rung] * 3


@pytest.mark.django_db
def test_an_unsaved_choice_is_still_refused():
    rung = default_rung("dialog")
    chooser = TimelineBlock().child_blocks["event"].child_blocks["rung"]
    with pytest.raises(ValidationError):
        chooser.clean(ParticipationRung(pk=rung.pk + 1000, ladder=rung.ladder, key="x", name="x"))
    assert chooser.clean(rung) == rung


@pytest.mark.django_db
def test_within_a_memo_each_chosen_object_is_looked_up_once(django_assert_num_queries):
    rung = default_rung("dialog")
    block = TimelineBlock()
    streams = [[{"type": "event", "value": {**EVENT, "rung": rung.pk}}] for _ in range(4)]
    with chosen_memo(), django_assert_num_queries(1):
        values = [[child.value["rung"] for child in block.to_python(stream)] for stream in streams]
    assert values == [[rung]] * 4
    assert len({id(value[0]) for value in values}) == 4  # a copy each, as Wagtail gives
    with django_assert_num_queries(4):  # and without the memo, one query per stream again
        for stream in streams:
            list(block.to_python(stream))
