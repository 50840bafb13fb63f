"""The web components' module and the embed example: served for other origins, small, and CSP-clean."""

import gzip
import re
from pathlib import Path

import pytest
from django.test import Client

MODULE = Path(__file__).resolve().parents[2] / "dialogue_pages" / "static" / "dialogue_pages" / "dialogue-elements.js"


def test_the_module_is_under_15_kb_gzipped():
    assert len(gzip.compress(MODULE.read_bytes(), compresslevel=9)) < 15 * 1024


def test_the_module_never_parses_api_text_as_html():
    source = MODULE.read_text()
    assert "innerHTML" not in source and "outerHTML" not in source and "insertAdjacentHTML" not in source
    assert "attachShadow" not in source  # light DOM: the host page's styles and tools reach the elements


def test_whitenoise_serves_the_module_to_every_origin(settings):
    settings.WHITENOISE_USE_FINDERS = True
    response = Client().get("/static/dialogue_pages/dialogue-elements.js", headers={"Origin": "https://kommune.dk"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith(("text/javascript", "application/javascript"))


@pytest.mark.django_db
def test_the_api_answers_an_allowed_origin(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://kommune.dk"]
    allowed = client.get("/api/v1/dialogues/", headers={"Origin": "https://kommune.dk"})
    assert allowed["Access-Control-Allow-Origin"] == "https://kommune.dk"
    other = client.get("/api/v1/dialogues/", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in other


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/embed-example/", "/search/", "/en/search/?q=x"])
def test_pages_run_only_scripts_from_this_origin_under_the_csp(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0]
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all('src="/static/' in tag for tag in scripts)


@pytest.mark.django_db
def test_the_embed_example_uses_the_components_against_this_sites_api(client):
    html = client.get("/embed-example/").content.decode()
    assert '<script type="module" src="/static/dialogue_pages/dialogue-elements.js"></script>' in html
    assert '<dialogue-list api="/api/v1" locale="da" limit="3">' in html
    assert '<dialogue-search api="/api/v1" locale="da">' in html
