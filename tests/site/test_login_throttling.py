"""The admin login locks out a username from an address after repeated failures (django-axes)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.site.console import console_output

PASSWORD = "a-long-and-right-password-42"


@pytest.fixture
def editor(django_user_model, settings):
    settings.AXES_ENABLED = True  # off in the test settings for the test client's login()
    return django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)


def log_in(client, password: str):
    return client.post("/admin/login/", {"username": "editor", "password": password})


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_five_wrong_passwords_lock_out_the_right_one(client, editor, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    with console_output("axes") as console:
        for _attempt in range(4):
            assert log_in(client, "wrong").status_code == 200  # the form again, with its error
        assert log_in(client, "wrong").status_code == 429
    response = log_in(client, PASSWORD)
    assert response.status_code == 429 and not logged_in(client)
    lines = console.getvalue().splitlines()
    assert [line for line in lines if "WARNING axes" in line and "Locking out" in line]


def test_the_lockout_ends_after_the_cool_off(client, editor):
    for _attempt in range(5):
        log_in(client, "wrong")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert log_in(client, PASSWORD).status_code == 302
    assert logged_in(client)


def test_fewer_failures_than_the_limit_do_not_lock(client, editor):
    for _attempt in range(4):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_limit_is_a_setting(client, editor, settings):
    settings.AXES_FAILURE_LIMIT = 2
    log_in(client, "wrong")
    assert log_in(client, "wrong").status_code == 429
