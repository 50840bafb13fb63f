"""Small helpers that read configuration from environment variables."""

import os

TRUE_VALUES = {"1", "true", "yes", "on"}


def env_bool(name: str, default: bool = False) -> bool:
    """Return the boolean value of ``name``, accepting 1/true/yes/on."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in TRUE_VALUES


def env_list(name: str, default: str = "") -> list[str]:
    """Return a comma-separated environment variable as a list of stripped items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]
