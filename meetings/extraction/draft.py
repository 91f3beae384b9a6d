"""Dataclasses describing an extracted draft meeting event."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["Draft", "Segment", "CLI_KEYS"]

CLI_KEYS = ("title", "event_date", "date_precision", "event_kind", "partner_localities", "partner_country",
            "hanoi_officials", "foreign_officials", "agreements", "areas", "clean_text", "evidence")


@dataclass
class Segment:
    """One meeting reported by the article (an article may report several)."""
    text: str
    event_date: dt.date | None = None
    date_precision: str = "unknown"
    event_day_month: tuple[int, int] | None = None
    part_of_day: str | None = None
    event_kind: str = "other"
    hanoi_officials: list[dict] = field(default_factory=list)
    foreign_officials: list[dict] = field(default_factory=list)
    evidence: dict[str, str] = field(default_factory=dict)

    def to_json_dict(self) -> dict:
        return {
            "text": self.text,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "date_precision": self.date_precision,
            "event_day_month": list(self.event_day_month) if self.event_day_month else None,
            "part_of_day": self.part_of_day,
            "event_kind": self.event_kind,
            "hanoi_officials": self.hanoi_officials,
            "foreign_officials": self.foreign_officials,
            "evidence": self.evidence,
        }


@dataclass
class Draft:
    title: str = ""
    event_date: dt.date | None = None
    date_precision: str = "unknown"            # day | month | year | unknown
    event_day_month: tuple[int, int] | None = None   # (day, month) even when the year is unknown
    part_of_day: str | None = None             # morning | noon | afternoon | evening
    event_kind: str = "other"
    partner_localities: list[dict] = field(default_factory=list)   # gazetteer entries (+ proposed ones)
    partner_country: str | None = None
    hanoi_officials: list[dict] = field(default_factory=list)      # {"name", "title", "known"}
    foreign_officials: list[dict] = field(default_factory=list)
    agreements: list[dict] = field(default_factory=list)           # {"kind", "stage", "sentence", "valid_from", "valid_to"}
    areas: list[str] = field(default_factory=list)
    clean_text: str = ""
    evidence: dict[str, str] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)
    proposed_localities: list[dict] = field(default_factory=list)  # {"name", "kind"}
    source_urls: list[str] = field(default_factory=list)
    country_mentions: list[str] = field(default_factory=list)
    url: str | None = None
    published: dt.date | None = None

    @property
    def is_article(self) -> bool:
        return bool(self.clean_text.strip())

    def to_json_dict(self) -> dict:
        """The fixed CLI interface: exactly ``CLI_KEYS``."""
        return {
            "title": self.title,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "date_precision": self.date_precision,
            "event_kind": self.event_kind,
            "partner_localities": [p.get("name_en") or p.get("name") for p in self.partner_localities],
            "partner_country": self.partner_country,
            "hanoi_officials": [{"name": p["name"], "title": p["title"]} for p in self.hanoi_officials],
            "foreign_officials": [{"name": p["name"], "title": p["title"]} for p in self.foreign_officials],
            "agreements": [{"kind": a["kind"], "stage": a["stage"]} for a in self.agreements],
            "areas": list(self.areas),
            "clean_text": self.clean_text,
            "evidence": dict(self.evidence),
        }

    def to_full_dict(self) -> dict:
        d = self.to_json_dict()
        d.update({
            "event_day_month": list(self.event_day_month) if self.event_day_month else None,
            "part_of_day": self.part_of_day,
            "partner_locality_entries": self.partner_localities,
            "agreements_detail": self.agreements,
            "segments": [s.to_json_dict() for s in self.segments],
            "proposed_localities": self.proposed_localities,
            "source_urls": self.source_urls,
        })
        return d
