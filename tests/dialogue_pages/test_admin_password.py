"""ensure_admin_user refuses the demo password and weak passwords when DEBUG is off."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.fixture
def admin_env(monkeypatch):
    monkeypatch.setenv("DIALOGUE_ADMIN_USER", "admin")
    return lambda password: monkeypatch.setenv("DIALOGUE_ADMIN_PASSWORD", password)


def ensure_admin(*args: str) -> None:
    call_command("ensure_admin_user", *args, stdout=io.StringIO())


@pytest.mark.parametrize("password", ["dialogue-demo", "password", "12345678901", "short", "admin1234"])
def test_with_debug_off_a_weak_or_demo_password_is_refused(db, settings, admin_env, monkeypatch, password):
    settings.DEBUG = False
    admin_env(password)
    with pytest.raises(CommandError) as refused:
        ensure_admin()
    assert "DIALOGUE_ADMIN_PASSWORD" in str(refused.value)
    assert not get_user_model().objects.filter(username="admin").exists()


def test_the_demo_password_is_refused_when_it_is_the_default(db, settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("DIALOGUE_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="demo password"):
        ensure_admin()


def test_a_reset_to_a_weak_password_is_refused_and_keeps_the_old_one(db, settings, admin_env):
    settings.DEBUG = False
    admin_env("a-strong-municipal-passphrase")
    ensure_admin()
    admin_env("dialogue-demo")
    with pytest.raises(CommandError):
        ensure_admin("--reset-password")
    assert get_user_model().objects.get(username="admin").check_password("a-strong-municipal-passphrase")


def test_an_existing_user_is_left_alone_without_a_reset(db, settings, admin_env):
    settings.DEBUG = False
    admin_env("a-strong-municipal-passphrase")
    ensure_admin()
    admin_env("dialogue-demo")
    ensure_admin()  # nothing is set, so nothing is refused


def test_with_debug_on_the_demo_password_works(db, settings, admin_env):
    settings.DEBUG = True
    admin_env("dialogue-demo")
    ensure_admin()
    assert get_user_model().objects.get(username="admin").check_password("dialogue-demo")
