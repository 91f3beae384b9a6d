"""Extract a draft meeting event from a pasted news article (Vietnamese or English).

Pure Python: no Django needed (see ``django_gazetteer`` for the optional DB bridge).

    from meetings.extraction import extract
    draft = extract(text, url=None, published=None, gazetteer=None, known_people=None)
    draft.to_json_dict()

Pipeline: ``cleaning`` (main text, title, date line, source URLs) → ``segments`` (one per
meeting: a paragraph opening with "Trước đó,", "Cùng ngày,", "Earlier,", "Also on ..." and a
meeting verb starts a new one) → per segment ``dates`` and ``people`` → whole-body ``places``,
``events`` (kind from the main segment, agreements, areas).  Top-level fields describe the
main (first) meeting; agreements, areas and localities come from the whole article body.

Partner-locality rule (CLI ``partner_localities``): a gazetteer place that is not on Hanoi's side
(nor another Vietnamese place) counts as a partner locality of the meeting when it is named
  * in the headline, or
  * in the lede / the sentence carrying the event date, or
  * in a sentence about an agreement or twinning (e.g. "kết nghĩa ... Los Angeles"), or
  * at least twice in the body;
and it is not only the post of a Vietnamese diplomat ("Tổng lãnh sự Việt Nam tại San
Francisco").  Districts and their capital are both kept (Chanthabuly and Vientiane).  Unknown
places found by the "thành phố X" / "X City" patterns that look foreign and satisfy the same
rule are added under their written name, but only when no gazetteer partner locality was found
(so "tiểu bang California" next to Los Angeles stays a proposed locality only).  ``partner_country`` is the first partner locality's
country, else the most mentioned foreign country.
"""
from __future__ import annotations

import datetime as dt
import re

from .cleaning import clean
from .dates import find_event_date
from .draft import CLI_KEYS, Draft, Segment
from .events import event_kind, find_agreements, find_areas
from .people import extract_people
from .places import Gazetteer, default_gazetteer, find_countries, propose_localities
from .text import fold, split_sentences

__all__ = ["extract", "Draft", "Segment", "Gazetteer", "CLI_KEYS"]

_SEGMENT_START = re.compile(
    r"^\W*(trước đó|cùng ngày|cũng trong (?:sáng|chiều|tối|ngày)|sau đó|tiếp đó|cùng chiều|cùng sáng|"
    r"earlier|previously|also on|on the same day|later(?: on)?|the same day|separately)\b", re.I)
_MEETING = re.compile(r"\b(tiếp|hội đàm|hội kiến|làm việc|chào xã giao|gặp|received|met|hosted|held talks|"
                      r"courtesy call|paid a (?:courtesy |working )?(?:call|visit)|"
                      r"had a meeting|visited|receives|meets)\b", re.I)
_VN_DIPLOMAT_BEFORE = re.compile(r"((lanh su|dai su|tham tan|dai bien)[^,;.]{0,25}(viet nam|vn) tai|"
                                 r"vietnamese (consul general|consul|ambassador) (in|to)|"
                                 r"(consul general|consul|ambassador) of (viet ?nam) (in|to))\s*$")


def _as_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _segments(paragraphs: list[str]) -> list[list[str]]:
    segs: list[list[str]] = [[]]
    for p in paragraphs:
        if segs[-1] and _SEGMENT_START.search(p) and _MEETING.search(p):
            segs.append([])
        segs[-1].append(p)
    return [s for s in segs if s]


def _officials(people, side):
    return [{"name": p.name, "title": p.title, "known": p.known} for p in people if p.side == side]


def extract(text: str, *, url: str | None = None, published=None, gazetteer=None,
            known_people: list[str] | None = None) -> Draft:
    """Extract a :class:`Draft` from raw article text (plain-text page dump or HTML)."""
    published = _as_date(published)
    if gazetteer is None:
        gaz = default_gazetteer()
    elif isinstance(gazetteer, Gazetteer):
        gaz = gazetteer
    else:
        gaz = Gazetteer(extra=list(gazetteer))
    text = text or ""
    cr = clean(text)
    draft = Draft(url=url, published=published, source_urls=cr.source_urls)
    draft.title = cr.title
    paragraphs = cr.paragraphs
    draft.clean_text = "\n".join(paragraphs)
    if not paragraphs:
        return draft
    url_for_year = url or (cr.source_urls[0] if cr.source_urls else None)

    # ---- segments (one per meeting)
    seg_paras = _segments(paragraphs)
    seg_objs: list[Segment] = []
    all_sentences = split_sentences(draft.clean_text)
    for k, paras in enumerate(seg_paras):
        sents = split_sentences("\n".join(paras))
        dr = find_event_date(sents, dateline=cr.dateline, url=url_for_year, published=published,
                             lede_count=4 if k == 0 else 2, dateline_near=cr.dateline_near)
        important = set(sents[:1]) | ({dr.sentence} if dr.sentence else set())
        people = extract_people(sents, gaz, important=important, known_people=known_people)
        kind, kind_sent = event_kind(cr.title if k == 0 else "", sents, gaz)
        seg = Segment(text="\n".join(paras), event_date=dr.date, date_precision=dr.precision,
                      event_day_month=dr.day_month, part_of_day=dr.part_of_day, event_kind=kind,
                      hanoi_officials=_officials(people, "hanoi"), foreign_officials=_officials(people, "partner"))
        if dr.sentence:
            seg.evidence["event_date"] = dr.sentence
        seg.evidence["event_kind"] = kind_sent
        for side, key in (("hanoi", "hanoi_officials"), ("partner", "foreign_officials")):
            first = next((p for p in people if p.side == side), None)
            if first:
                seg.evidence[key] = first.sentence
        seg_objs.append(seg)
    draft.segments = seg_objs
    main = seg_objs[0]
    draft.event_date, draft.date_precision = main.event_date, main.date_precision
    draft.event_day_month, draft.part_of_day = main.event_day_month, main.part_of_day
    draft.event_kind = main.event_kind
    draft.hanoi_officials, draft.foreign_officials = main.hanoi_officials, main.foreign_officials
    draft.evidence.update(main.evidence)
    if draft.title:
        draft.evidence["title"] = draft.title

    # ---- agreements and areas (whole body)
    year = draft.event_date.year if draft.event_date else (published.year if published else None)
    agreements = find_agreements(all_sentences, year)
    draft.agreements = [{"kind": a.kind, "stage": a.stage, "sentence": a.sentence, "valid_from": a.valid_from,
                         "valid_to": a.valid_to} for a in agreements]
    if agreements:
        draft.evidence["agreements"] = agreements[0].sentence
    areas, area_ev = find_areas(all_sentences)
    draft.areas = areas
    if areas:
        draft.evidence["areas"] = area_ev[areas[0]]

    # ---- places
    main_sents = split_sentences(main.text)
    event_sents = set(main_sents[:2]) | ({main.evidence["event_date"]} if "event_date" in main.evidence else set())
    agreement_sents = {a.sentence for a in agreements} | {s for s in all_sentences if re.search(
        r"ket nghia|sister|twinning|bien ban|thoa thuan|memorandum|mou|agreement", fold(s))}
    counts: dict[str, int] = {}
    first_sentence: dict[str, str] = {}
    entries: dict[str, dict] = {}
    selected: list[str] = []

    def consider(sentence: str, in_title: bool):
        for m in gaz.find(sentence):
            e = m.entry
            if not gaz.is_partner(e):
                continue
            if _VN_DIPLOMAT_BEFORE.search(fold(sentence[:m.start])[-60:]):
                continue
            key = e.get("name_en") or e.get("name_vi")
            entries.setdefault(key, e)
            counts[key] = counts.get(key, 0) + 1
            first_sentence.setdefault(key, sentence)
            if in_title or sentence in event_sents or sentence in agreement_sents:
                if key not in selected:
                    selected.append(key)

    if draft.title:
        consider(draft.title, True)
    for s in all_sentences:
        consider(s, False)
    for key, c in counts.items():
        if c >= 2 and key not in selected:
            selected.append(key)
    draft.partner_localities = [dict(entries[k]) for k in selected]
    if selected:
        draft.evidence["partner_localities"] = first_sentence[selected[0]]

    proposed = propose_localities((draft.title + "\n" if draft.title else "") + draft.clean_text, gaz)
    draft.proposed_localities = [{"name": p["name"], "kind": p["kind"]} for p in proposed]
    for p in proposed if not draft.partner_localities else []:
        if not p["foreign_looking"]:
            continue
        name_f = fold(p["name"])
        hits = [s for s in ([draft.title] + all_sentences) if name_f in fold(s)]
        strong = any(s == draft.title or s in event_sents or s in agreement_sents for s in hits) or len(hits) >= 2
        if strong and not any(fold(e.get("name") or e.get("name_en", "")) == name_f for e in draft.partner_localities):
            draft.partner_localities.append({"name": p["name"], "name_en": p["name"], "kind": p["kind"],
                                             "country": None, "proposed": True})
            draft.evidence.setdefault("partner_localities", hits[0])

    # ---- country
    country_counts: dict[str, int] = {}
    country_sent: dict[str, str] = {}
    for s in ([draft.title] if draft.title else []) + all_sentences:
        for m in find_countries(s):
            code = m.entry["code"]
            if code == "VN":
                continue
            country_counts[code] = country_counts.get(code, 0) + 1
            country_sent.setdefault(code, s)
    draft.country_mentions = sorted(country_counts, key=lambda c: -country_counts[c])
    first_known = next((e for e in draft.partner_localities if e.get("country")), None)
    if first_known:
        draft.partner_country = first_known["country"]
        draft.evidence["partner_country"] = draft.evidence.get("partner_localities", "")
    elif country_counts:
        draft.partner_country = draft.country_mentions[0]
        draft.evidence["partner_country"] = country_sent[draft.partner_country]
    return draft
