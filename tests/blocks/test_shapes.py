"""Each shared shape is built by one function whose dict matches its one definition, member for member."""

import pytest

from dialogue_blocks.people import contact_representation
from dialogue_blocks.shapes import Badge, ContactOut
from dialogue_pages.api.schemas import RungRef
from dialogue_pages.factories import ContactFactory, OrganisationFactory, default_rung


def assert_follows(data: dict, shape) -> None:
    assert list(data) == list(shape.model_fields)  # same members in the same order: the JSON bytes depend on it
    shape.model_validate(data)


@pytest.mark.django_db
def test_a_rung_badge_and_reference_follow_their_shapes():
    rung = default_rung("dialog")
    assert_follows(rung.badge(), Badge)
    assert_follows(rung.reference(), RungRef)


@pytest.mark.django_db
@pytest.mark.parametrize("with_organisation", [True, False])
def test_a_contact_follows_its_shape(with_organisation):
    contact = ContactFactory(organisation=OrganisationFactory() if with_organisation else None)
    assert_follows(contact_representation(contact), ContactOut)
