"""Wagtail hooks of the search app: its readiness check for /readyz."""

from wagtail import hooks

from .health import search_readiness


@hooks.register("register_dialogue_readiness_check")
def register_search_readiness():
    return "search", search_readiness
