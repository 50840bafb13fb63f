"""Template tags of the reference dialogue page."""

from typing import Any

from django import template

from ..quality import quality_checks

register = template.Library()


@register.simple_tag
def record_checks(page) -> dict[str, Any]:
    """The quality checks of ``page`` (the API detail's ``quality``), for the public "about this record" summary."""
    checks = quality_checks(page)
    return {"passed": sum(check.passed for check in checks), "of": len(checks), "checks": checks}
