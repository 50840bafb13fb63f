"""The retired database engine: a setting that still names it is a clear error, not an import failure."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from dialogue_search import service
from dialogue_search.backends.elasticsearch import ElasticsearchBackend
from dialogue_search.checks import check_search_backend

RETIRED = ["dialogue_search.backends.database.DatabaseBackend", "search.backends.database.DatabaseBackend"]


@pytest.mark.parametrize("path", RETIRED)
def test_a_retired_backend_fails_the_system_check(settings, path):
    settings.DIALOGUE_SEARCH_BACKEND = path
    [error] = check_search_backend(None)
    assert error.id == "dialogue_search.E001" and error.is_serious()
    assert path in error.msg and "Tantivy" in error.msg and "Elasticsearch" in error.msg
    with pytest.raises(SystemCheckError, match="dialogue_search.E001"):
        call_command("check")


@pytest.mark.parametrize("path", RETIRED)
def test_a_retired_backend_is_improperly_configured_when_asked_for(settings, path):
    settings.DIALOGUE_SEARCH_BACKEND = path
    with pytest.raises(ImproperlyConfigured, match="retired database search engine") as raised:
        service.get_backend()
    assert "Tantivy" in str(raised.value) and "ElasticsearchBackend" in str(raised.value)


def test_the_backends_that_remain_pass_the_check(settings):
    for path in ("", service.TANTIVY_BACKEND, service.ELASTICSEARCH_BACKEND):
        settings.DIALOGUE_SEARCH_BACKEND = path
        assert check_search_backend(None) == []
    # The dotted path of the Elasticsearch backend is the same since it became a package.
    assert isinstance(service.backend_named("dialogue_search.backends.elasticsearch.ElasticsearchBackend"),
                      ElasticsearchBackend)


def test_settings_only_the_retired_engine_read_are_a_warning(settings):
    settings.DIALOGUE_SEARCH_CACHED_IDS = 4_000_000
    settings.DIALOGUE_SEARCH_POSTGRES_CONFIGURATIONS = {"da": "danish"}
    warnings = check_search_backend(None)
    assert [warning.id for warning in warnings] == ["dialogue_search.W001"] * 2
    assert not any(warning.is_serious() for warning in warnings)
