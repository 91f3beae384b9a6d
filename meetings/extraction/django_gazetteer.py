"""Bridge to the database: extra gazetteer entries from ``partnerships.Locality``.

Imported lazily so that the extraction package works without Django; returns [] when Django
is not configured, the app is missing, or the table does not exist yet (unmigrated DB).
"""
from __future__ import annotations

__all__ = ["gazetteer_entries_from_db"]


def gazetteer_entries_from_db() -> list[dict]:
    try:
        from django.db import DatabaseError
    except ImportError:
        return []
    try:
        from partnerships.models import Locality
    except Exception:   # ImportError, AppRegistryNotReady, ImproperlyConfigured
        return []
    try:
        entries = []
        for loc in Locality.objects.select_related("parent").all():
            country = getattr(loc.country, "code", None) or (str(loc.country) if loc.country else None)
            entries.append({
                "id": loc.pk,
                "name_en": loc.name_en,
                "name_vi": loc.name_vi,
                "aliases": list(loc.aliases or []),
                "country": country,
                "kind": loc.kind,
                "parent": loc.parent.name_en if loc.parent_id else None,
                "hanoi_side": bool(loc.is_hanoi_side),
                # other Vietnamese places are never partner localities
                "domestic": country == "VN" and not loc.is_hanoi_side,
            })
        return entries
    except DatabaseError:
        return []
    except Exception:
        return []
