"""Property-based tests of the whole API v1 against its own OpenAPI document (schemathesis, every check).

Schemathesis reads ``/api/v1/openapi.json`` and runs its examples, coverage and fuzzing phases on
every operation through the WSGI application, with the demo dialogues published and indexed: valid
and invalid parameters, unsupported methods, edge values. Any 5xx, or any response that does not
match the document (status, content type, headers, body schema), fails the test.

The engine (what ``schemathesis run`` uses) is driven directly: its pytest integration does not run
on pytest 9. It calls the application from its worker threads, so the demo data is committed
(``transaction=True``) and each request closes its thread's database connections when it ends.
"""

from io import StringIO

import pytest
import schemathesis
from django.core.management import call_command
from django.db import connections
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema

from dialogue_site.wsgi import application

# Examples per operation and phase: enough to reach every parameter's edge cases, few enough that the
# whole run stays within a few minutes on a small CI machine.
MAX_EXAMPLES = 30

CONFIG = {
    "seed": 20241204,
    "generation": {"max-examples": MAX_EXAMPLES},
    "checks": {
        # Schemathesis's defaults and 400, which answers a request the document cannot rule out but the
        # data can: a key that names nothing (``?tag=unheard-of``) or a cursor that was never issued.
        # A 422 (a request the document itself forbids) still fails, and a 5xx fails every check.
        "positive_data_acceptance": {"expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]},
    },
    # Every operation is a GET without links between operations: there is nothing stateful to test.
    "phases": {"stateful": {"enabled": False}},
    "workers": 1,
}


def failures_of(event: events.EngineEvent) -> list[str]:
    """Readable failures reported by one engine event."""
    if isinstance(event, events.ScenarioFinished) and event.status in (Status.FAILURE, Status.ERROR):
        found = []
        for checks in event.recorder.checks.values():
            for check in checks:
                if check.failure_info is not None:
                    failure = check.failure_info.failure
                    found.append(f"{event.label} [{check.name}] {failure.title}: {failure.message}\n"
                                 f"    {check.failure_info.code_sample}")
        for error in getattr(event.recorder, "errors", {}).values() or []:
            found.append(f"{event.label}: {error}")
        return found or [f"{event.label}: {event.status}"]
    if isinstance(event, events.NonFatalError):
        return [f"{event.label}: {event.info.title if hasattr(event.info, 'title') else event.value!r}"]
    if isinstance(event, events.FatalError):
        return [f"engine: {event.exception!r}"]
    return []


def closing_application(environ, start_response):
    """The site's WSGI application, closing this thread's connections once the response is read.

    Otherwise a connection a worker thread opened outlives the test and the test database cannot be
    dropped (PostgreSQL).
    """
    response = application(environ, start_response)
    try:
        return [b"".join(response)]
    finally:
        response.close()
        connections.close_all()


# serialized_rollback: the root page, site and locales the migrations made are back even after another
# transactional test flushed the database.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_api_v1_conforms_to_its_openapi_document():
    call_command("load_demo_dialogues", stdout=StringIO())
    call_command("rebuild_dialogue_api", stdout=StringIO())
    call_command("reindex_dialogues", stdout=StringIO())
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", closing_application, config=SchemathesisConfig.from_dict(CONFIG)
    )
    failures, scenarios = [], 0
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished) and event.status is not Status.SKIP:
            scenarios += 1
        failures += failures_of(event)
    assert scenarios >= len(schema.raw_schema["paths"])
    assert not failures, "\n".join(dict.fromkeys(failures))
