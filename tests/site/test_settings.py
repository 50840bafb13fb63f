"""The bundled site's settings: production is safe by default and configured from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean_env, **env},
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.slow
def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check", "--deploy", "--fail-level", "ERROR",
        DJANGO_SETTINGS_MODULE="dialogue_site.settings.production",
        SECRET_KEY="a-long-random-production-secret-that-is-not-in-the-repository-0123456789",
        ALLOWED_HOSTS="dialog.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout or "security.W021" in result.stderr


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="dialogue_site.settings.production")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


@pytest.mark.slow
def test_database_url_selects_the_database():
    probe = (
        "from django.conf import settings; d = settings.DATABASES['default']; print(d['ENGINE'], d['HOST'], d['NAME'])"
    )
    result = manage("shell", "-c", probe, DATABASE_URL="postgres://user:secret@db.example.org:5433/dialogues")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["django.db.backends.postgresql", "db.example.org", "dialogues"]


def test_env_helpers(monkeypatch):
    from dialogue_site.settings.env import env_bool, env_list

    monkeypatch.setenv("ALLOWED_HOSTS", " a.example.org, b.example.org ,")
    monkeypatch.setenv("FLAG", "Yes")
    assert env_list("ALLOWED_HOSTS") == ["a.example.org", "b.example.org"]
    assert env_bool("FLAG") is True
    assert env_bool("MISSING", default=True) is True
