"""Text normalisation applied at every entry point (forms, imports, stored models)."""

from __future__ import annotations

import unicodedata
from typing import Any


def nfc(value: Any) -> Any:
    """Return ``value`` NFC-normalised if it is text; containers are normalised recursively."""
    if isinstance(value, str):
        return (
            value
            if unicodedata.is_normalized("NFC", value)
            else unicodedata.normalize("NFC", value)
        )
    if isinstance(value, list):
        return [nfc(item) for item in value]
    if isinstance(value, tuple):
        return tuple(nfc(item) for item in value)
    if isinstance(value, dict):
        return {nfc(key): nfc(item) for key, item in value.items()}
    return value
