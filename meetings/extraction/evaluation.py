"""Field-by-field accuracy of the extractor against labelled articles.

Comparison rules:
* title: equal after folding (no diacritics, lower case) and collapsing spaces / end punctuation.
* event_date, date_precision, event_kind, partner_country: exact.
* partner_localities: same set of folded names.
* hanoi_officials, foreign_officials: same set of names, compared by folded name without initials
  ("Marc E. Knapper" = "Marc Knapper"); titles are not compared.  Expected values may be names or
  {"name", "title"} dicts.
* agreements: same set of (kind, stage) pairs.
* areas: correct when recall >= 0.8 and precision >= 0.8 (one miss or one extra in five is tolerated;
  an empty expectation needs an empty answer).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from . import extract
from .people import name_key
from .text import fold

__all__ = ["FIELDS", "compare_field", "evaluate"]

FIELDS = ("title", "event_date", "date_precision", "event_kind", "partner_localities", "partner_country",
          "hanoi_officials", "foreign_officials", "agreements", "areas")


def _norm_title(t) -> str:
    return re.sub(r"\s+", " ", fold(t or "")).strip(" .!?…")


def _names(items) -> set[str]:
    out = set()
    for it in items or []:
        n = it.get("name") if isinstance(it, dict) else it
        if n:
            out.add(name_key(n))
    return out


def compare_field(field: str, expected, got) -> bool:
    if field == "title":
        return _norm_title(expected) == _norm_title(got)
    if field == "partner_localities":
        return {fold(x) for x in expected or []} == {fold(x) for x in got or []}
    if field in ("hanoi_officials", "foreign_officials"):
        return _names(expected) == _names(got)
    if field == "agreements":
        return {(a["kind"], a["stage"]) for a in expected or []} == {(a["kind"], a["stage"]) for a in got or []}
    if field == "areas":
        e, g = set(expected or []), set(got or [])
        if not e:
            return not g
        recall = len(e & g) / len(e)
        precision = len(e & g) / len(g) if g else 0.0
        return recall >= 0.8 and precision >= 0.8
    return expected == got


def evaluate(directory: str | Path, expected_path: str | Path, *, gazetteer=None) -> dict:
    """Run the extractor on each labelled file.  Returns per-field accuracy, overall and per-file misses."""
    from .inputs import read_article
    directory = Path(directory)
    expected = json.loads(Path(expected_path).read_text(encoding="utf-8"))
    per_field = {f: [0, 0] for f in FIELDS}
    files = {}
    for name, exp in sorted(expected.items()):
        if name.startswith("_"):
            continue
        path = directory / name
        opts = exp.get("_options", {}) if isinstance(exp, dict) else {}
        try:
            text = read_article(path)
            got = extract(text, url=opts.get("url"), published=opts.get("published"), gazetteer=gazetteer).to_json_dict()
        except Exception as exc:   # a missing file counts as wrong on every field
            got = {"_error": str(exc)}
        misses = {}
        for f in FIELDS:
            if f not in exp:
                continue
            ok = compare_field(f, exp[f], got.get(f))
            per_field[f][0] += int(ok)
            per_field[f][1] += 1
            if not ok:
                misses[f] = {"expected": exp[f], "got": got.get(f)}
        files[name] = misses
    acc = {f: (c / n if n else None) for f, (c, n) in per_field.items()}
    total_c = sum(c for c, n in per_field.values())
    total_n = sum(n for c, n in per_field.values())
    return {"fields": acc, "overall": (total_c / total_n if total_n else None), "files": files,
            "counts": {f: {"correct": c, "total": n} for f, (c, n) in per_field.items()}}
