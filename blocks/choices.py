"""A choice block for fixed choice lists."""

from wagtail import blocks


class FixedChoiceBlock(blocks.ChoiceBlock):
    """A ``ChoiceBlock`` whose choices are a fixed list, normalised once instead of on every value.

    Wagtail hands the form field its choices as a callable (so that choices may be computed at
    render time), and Django normalises a callable's choices again each time they are read:
    every ``to_python`` and ``clean`` of every value. A fixed list needs that only once; the
    labels stay lazy, so they are still translated when shown. Migrations record it as a plain
    ``ChoiceBlock``.
    """

    def __init__(self, choices=(), *args, **kwargs) -> None:
        if callable(choices):
            raise TypeError("FixedChoiceBlock takes a list of choices; use ChoiceBlock for a callable")
        super().__init__(choices, *args, **kwargs)
        self.field.choices = list(self.field.choices)
