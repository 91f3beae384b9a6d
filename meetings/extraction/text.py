"""Normalisation helpers shared by the extractor and the dashboard search.

``fold()`` strips Vietnamese (and other Latin) diacritics, maps đ/Đ to d and
lower-cases, so "Viêng Chăn", "VIÊNG CHĂN" and "Vieng Chan" compare equal.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "normalize_space", "words", "split_sentences", "fold_tokens", "UPPER", "UPPER_CLASS"]

# Upper-case Latin letters (incl. Vietnamese ones) for regex character classes: a plain
# range like "À-Ỹ" would also contain the lower-case letters.
UPPER = "".join(ch for ch in map(chr, list(range(0x41, 0x250)) + list(range(0x1E00, 0x1F00))) if ch.isupper())
UPPER_CLASS = "[" + UPPER + "]"

_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics (incl. đ→d, Đ→d)."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D").replace("ð", "d").replace("Ð", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


def normalize_space(text: str) -> str:
    """Collapse runs of spaces (incl. NBSP and zero-width spaces) into one space and strip."""
    return _SPACE_RE.sub(" ", text or "").strip()


_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text or "")


def fold_tokens(text: str) -> list[str]:
    """Folded alphanumeric tokens: hyphens, dots and punctuation are separators."""
    return _WORD_RE.findall(fold(text))


# Abbreviations after which a period does not end a sentence.
_ABBREV = {
    "tp", "mr", "mrs", "ms", "dr", "st", "no", "nov", "dec", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "u.s", "u.k", "vs", "gs", "ts", "pgs", "ths", "th.s", "co", "ltd", "inc",
    "jr", "sr", "prof", "gen", "col", "lt", "capt", "rep", "sen", "gov", "hon", "e.g", "i.e", "etc",
}

_SENT_END_RE = re.compile(r"(?<=[.!?…])[\"”’)»]*\s+(?=[\"“‘(«*\-–—]?\s*" + UPPER_CLASS[:-1] + r"0-9])")


def split_sentences(text: str) -> list[str]:
    """Split text into sentences; newlines always end a sentence.

    Periods after single capital letters (initials such as "Marc E. Knapper") and common
    abbreviations ("U.S.", "Nov.", "TP.") are not sentence ends.
    """
    out: list[str] = []
    for line in (text or "").splitlines():
        line = normalize_space(line)
        if not line:
            continue
        start = 0
        for m in _SENT_END_RE.finditer(line):
            before = line[start:m.start()].rstrip("\"”’)»")
            last = before.split(" ")[-1] if before else ""
            token = last.rstrip(".").lstrip("([{\"“‘").lower()
            if last.endswith(".") and (len(token) == 1 or token in _ABBREV or re.fullmatch(r"([a-z]\.)+[a-z]?", token)):
                continue
            seg = line[start:m.start()].strip()
            if seg:
                out.append(seg)
            start = m.end()
        seg = line[start:].strip()
        if seg:
            out.append(seg)
    return out

