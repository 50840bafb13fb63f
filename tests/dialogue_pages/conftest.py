"""Fixtures for the read model and the API: publishing runs the on-commit refresh."""

import pytest


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Use as ``with commit():`` to run the on-commit callbacks that keep the read model fresh."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def publish(commit):
    """Publish a page (or save it as a new live revision) and refresh the read model."""

    def publish_page(page):
        with commit():
            page.save_revision().publish()
        return page

    return publish_page
