"""Read what the site's configured console handler prints for a logger."""

import contextlib
import io
import logging
from collections.abc import Iterator


@contextlib.contextmanager
def console_output(logger_name: str) -> Iterator[io.StringIO]:
    """Capture, as text, what the handlers configured on ``logger_name`` in LOGGING print."""
    # Exactly the class LOGGING names: pytest adds capture handlers that are StreamHandlers too.
    handlers = [handler for handler in logging.getLogger(logger_name).handlers
                if type(handler) is logging.StreamHandler]
    assert handlers, f"no console handler on {logger_name}"
    captured = io.StringIO()
    previous = [handler.setStream(captured) for handler in handlers]
    try:
        yield captured
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream)
