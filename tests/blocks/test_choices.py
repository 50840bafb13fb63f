"""FixedChoiceBlock: same values, validation and translated labels as ChoiceBlock, normalised once."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from dialogue_blocks.choices import FixedChoiceBlock

CHOICES = [("done", _("Done")), ("planned", _("Planned"))]


def test_values_and_validation_are_those_of_a_choice_block():
    block = FixedChoiceBlock(choices=CHOICES, default="planned")
    assert block.to_python("done") == "done"
    assert block.clean("planned") == "planned"
    with pytest.raises(ValidationError, match="not one of the available choices"):
        block.clean("maybe")


def test_choices_are_not_normalised_again_for_each_value():
    block = FixedChoiceBlock(choices=CHOICES, default="planned")
    with mock.patch("django.utils.choices.normalize_choices") as normalize:
        for _round in range(3):
            block.clean(block.to_python("done"))
    normalize.assert_not_called()


def test_labels_stay_lazy_and_follow_the_language():
    block = FixedChoiceBlock(choices=[("adopted", _("Adopted"))], required=False)
    with translation.override("da"):
        labels = [str(label) for _value, label in block.field.choices]
    assert "Imødekommet" in labels


def test_a_callable_is_refused():
    with pytest.raises(TypeError, match="list of choices"):
        FixedChoiceBlock(choices=lambda: CHOICES)
