"""Logging filters of the bundled site."""

import logging


class OneLineWarning(logging.Filter):
    """Log a record as one warning line, without its traceback.

    For ``django.security.DisallowedHost``: every scanner on the internet sends a wrong ``Host``,
    and Django logs each as an error with a full traceback. The message already says everything.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        record.levelno = logging.WARNING
        record.levelname = logging.getLevelName(logging.WARNING)
        return True
