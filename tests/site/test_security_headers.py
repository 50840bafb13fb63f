"""Content-Security-Policy and Permissions-Policy on public pages, the API and the admin."""

import re

import pytest

from dialogue_pages.factories import DialoguePageFactory

INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=\"application/(?:ld\+)?json\")[^>]*>", re.I)


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


@pytest.fixture
def dialogue(dialogue_index, publish):
    return publish(DialoguePageFactory(parent=dialogue_index, title="Byrum"))


def assert_strict(response) -> None:
    """The public policy: scripts from this origin only, nothing embeds the site elsewhere."""
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"] and policy["default-src"] == ["'self'"]
    assert "geolocation=()" in response["Permissions-Policy"] and "camera=()" in response["Permissions-Policy"]


def test_a_public_page_is_served_under_the_strict_policy_and_needs_no_inline_script(client, dialogue, dialogue_index):
    for url in (dialogue.url, dialogue_index.url):
        response = client.get(url)
        assert response.status_code == 200
        assert_strict(response)
        assert not INLINE_SCRIPT.findall(response.content.decode()), url


def test_api_responses_carry_the_headers(client, dialogue):
    for url in ("/api/v1/dialogues/", f"/api/v1/dialogues/{dialogue.pk}/", "/api/v2/pages/", "/healthz"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_the_swagger_ui_runs_under_the_strict_policy(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert_strict(response)
    html = response.content.decode()
    assert not INLINE_SCRIPT.findall(html)
    assert 'src="/static/ninja/swagger-ui-bundle.js"' in html


def test_the_admin_may_run_wagtails_inline_scripts(client, admin_user, dialogue):
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{dialogue.pk}/edit/")
    assert response.status_code == 200
    assert INLINE_SCRIPT.findall(response.content.decode())  # why the admin's policy differs
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "https://releases.wagtail.org" in policy["connect-src"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_admin_login_page_carries_the_headers(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in directives(response["Content-Security-Policy"])["script-src"]
    assert "Permissions-Policy" in response
