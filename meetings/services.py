"""Writes on meetings and their source articles."""
import hashlib
import re

_WHITESPACE = re.compile(r"\s+")


def article_content_hash(text: str) -> str:
    """The fingerprint that makes the same article recognisable however it was pasted:
    whitespace and case do not count."""
    normalised = _WHITESPACE.sub(" ", text or "").strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
