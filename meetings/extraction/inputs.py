"""Reading an article file for the CLI: size / encoding / binary checks."""
from __future__ import annotations

from pathlib import Path

__all__ = ["ArticleInputError", "read_article", "decode_article", "MAX_BYTES"]

MAX_BYTES = 5 * 1024 * 1024


class ArticleInputError(ValueError):
    """Bad input: the message is a one-line explanation for the user."""


def _plausible_text(text: str) -> bool:
    if not text:
        return False
    sample = text[:20000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    letters = sum(1 for c in sample if c.isalpha() or c.isspace())
    return controls <= len(sample) * 0.01 and letters >= len(sample) * 0.6


def decode_article(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        # BOM-less UTF-16: every other byte is NUL for Latin text
        even = data[0::2].count(0)
        odd = data[1::2].count(0)
        half = max(1, len(data) // 2)
        for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
            if zeros >= half * 0.3 and len(data) % 2 == 0:
                try:
                    text = data.decode(enc)
                except UnicodeDecodeError:
                    continue
                latin = sum(1 for c in text[:20000] if ord(c) < 0x2000)
                if _plausible_text(text) and latin >= 0.8 * min(len(text), 20000):
                    return text
        raise ArticleInputError("input looks binary (contains NUL bytes), not a text article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise ArticleInputError("input is not valid UTF-8, UTF-16 or Windows-1258 text") from None
    import unicodedata
    text = unicodedata.normalize("NFC", text)
    if not _plausible_text(text):
        raise ArticleInputError("input is not valid UTF-8, UTF-16 or Windows-1258 text")
    return text


def read_article(path: str | Path) -> str:
    p = Path(path)
    if not p.exists():
        raise ArticleInputError(f"file not found: {path}")
    if not p.is_file():
        raise ArticleInputError(f"not a regular file: {path}")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise ArticleInputError(f"file is larger than 5 MB ({size} bytes): {path}")
    data = p.read_bytes()
    if not data.strip():
        raise ArticleInputError(f"file is empty: {path}")
    text = decode_article(data)
    if not text.strip():
        raise ArticleInputError(f"file is empty: {path}")
    return text
