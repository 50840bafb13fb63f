"""A request with a Host the site does not serve is logged as one warning line, not a traceback."""

from tests.site.console import console_output


def test_a_disallowed_host_is_one_warning_line(client, settings, db):
    settings.ALLOWED_HOSTS = ["dialog.example.org"]
    with console_output("django.security.DisallowedHost") as console:
        response = client.get("/healthz", HTTP_HOST="scanner.example.net")
    assert response.status_code == 400
    lines = console.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert "WARNING django.security.DisallowedHost: Invalid HTTP_HOST header: 'scanner.example.net'" in lines[0]


def test_an_allowed_host_logs_nothing_there(client, settings, db):
    settings.ALLOWED_HOSTS = ["dialog.example.org"]
    with console_output("django.security.DisallowedHost") as console:
        assert client.get("/healthz", HTTP_HOST="dialog.example.org").status_code == 200
    assert console.getvalue() == ""
