"""Dialogue quality: the record checked against the principles a good dialogue follows.

The checks come from Copenhagen's five dialogue principles (early, clear, engaging, diverse
dialogue) and Krokom's strategy for citizen dialogue (clear purpose and frames, dialogue early in
the process, say what participation citizens can expect, target groups, a timeline, feedback).
They read the record's own fields only, never today's date, so the result stored in the read
model at publish time stays true until the record changes. Labels and hints are translated when
the checks run, into the active language.
"""

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Check:
    """One quality check of a dialogue record: whether it passed, and what to add if not."""

    key: str
    label: str
    passed: bool
    hint: str

    def __post_init__(self) -> None:
        # A hint names a gap: a passed check has none.
        if self.passed:
            object.__setattr__(self, "hint", "")

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "passed": self.passed, "hint": self.hint}


def has_text(value: str | None) -> bool:
    """True if plain or rich text says something (an editor's empty paragraph does not)."""
    return bool(html.unescape(strip_tags(value or "")).strip())


def purpose_check(page) -> Check:
    return Check(
        "purpose", _("Clear purpose"), has_text(page.purpose),
        _("Say why the dialogue is held and what the input will be used for (Purpose, on the Content tab)."),
    )


def influence_check(page) -> Check:
    missing = [
        gap for gap, given in (
            (_("choose a rung"), page.rung_id is not None),
            (_("explain why this level"), has_text(page.rung_explanation)),
            (_("say what can be influenced"), has_text(page.can_influence)),
            (_("say what is fixed"), has_text(page.cannot_influence)),
        ) if not given
    ]
    return Check(
        "influence", _("Influence stated"), not missing,
        _("Tell participants how much they can influence: %(gaps)s.") % {"gaps": ", ".join(missing)},
    )


def early_check(page) -> Check:
    # Without a decision date nothing is decided yet; with one, input must open before it.
    passed = page.decision_date is None or (page.input_opens is not None and page.input_opens < page.decision_date)
    return Check(
        "early", _("Input before the decision"), passed,
        _("Ask citizens before the decision is taken: give the day input opens, before the decision date."),
    )


def take_part_check(page) -> Check:
    way = any(has_text(value) for value in (page.participation_channel, page.participation_url,
                                             page.participation_place))
    return Check(
        "take_part", _("How to take part"), page.input_opens is not None and way,
        _("Give the days input opens and closes, and how to take part: in a few words, a link or a place."),
    )


def target_groups_check(page) -> Check:
    return Check(
        "target_groups", _("Target groups named"), bool(list(page.target_groups.all())),
        _("Name the groups you want to hear from, including those the municipality rarely reaches."),
    )


def timeline_check(page) -> Check:
    return Check(
        "timeline", _("Steps and dates shown"), bool(page.timeline_events),
        _("Add the steps of the process to the timeline, so citizens can follow how it moves on."),
    )


def feedback_check(page) -> Check:
    return Check(
        "feedback", _("Feedback planned"), has_text(page.feedback_plan) or page.has_feedback,
        _("Say when and how participants will hear what became of their input."),
    )


def contact_check(page) -> Check:
    return Check(
        "contact", _("Someone to ask"), bool(list(page.contacts.all())),
        _("Add a contact person citizens can ask about the dialogue."),
    )


CHECKS: tuple[Callable[[Any], Check], ...] = (
    purpose_check, influence_check, early_check, take_part_check, target_groups_check, timeline_check,
    feedback_check, contact_check,
)
CHECK_KEYS = ("purpose", "influence", "early", "take_part", "target_groups", "timeline", "feedback", "contact")


def quality_checks(page) -> list[Check]:
    """Every check of a dialogue page (or any object with its fields), in the order editors read them."""
    return [check(page) for check in CHECKS]


def quality(page) -> dict[str, Any]:
    """The API form: how many checks passed, of how many, and each check."""
    checks = quality_checks(page)
    return {
        "score": sum(check.passed for check in checks),
        "of": len(checks),
        "checks": [check.as_json() for check in checks],
    }

