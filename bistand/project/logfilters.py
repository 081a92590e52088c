"""A logging filter that keeps personal identity numbers out of the logs.

Log lines end up in places with wider access than the case files (a log system, a support ticket).
Messages and tracebacks can still quote a value, e.g. a database error repeating the personnummer of a
duplicate row, so every record is masked before any handler writes it.
"""

import logging
import re
import traceback

# 10 or 12 digits with an optional "-" or "+" before the last four: personnummer and samordningsnummer.
_PERSONAL_NUMBER = re.compile(r"(?<!\d)(?:\d{8}|\d{6})[-+]?\d{4}(?!\d)")
MASK = "<personnummer>"


def mask(text: str) -> str:
    return _PERSONAL_NUMBER.sub(MASK, text)


class MaskPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = str(record.msg)
        record.msg, record.args = mask(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True
