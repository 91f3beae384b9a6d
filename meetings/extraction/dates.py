"""Event date extraction.

The event date is the first date of the lede attached to a part-of-day word ("Chiều 6/7",
"Sáng ngày 14/8 theo giờ địa phương", "Chiều nay, 21/11", "on the morning of Nov. 19")
or to a meeting verb (tiếp, hội đàm, làm việc, ký kết, met, received, signed ...).  Dates
mentioned in passing ("ngày 27/6 vừa qua", "từ ngày 1/10/2023", "since ...") are ignored.

The year comes, in order, from: the date phrase itself, the page's date line (near the headline,
else a publication line anywhere in the page: "Published: 27 September 2024" after the body,
"Cập nhật: 15/08/2023 14:56"), the URL (/2023/10/, -2023...), the ``published`` date, then full
dates elsewhere in the body.  With a reference date (date line or ``published``) the year is chosen
so that the event is not after it.  A date line found away from the headline is used only when
the event then falls within ~6 months before it (otherwise it belongs to something else).  If no year can be found, ``event_date`` is None, ``precision`` is "unknown" and the
day/month pair is kept in ``day_month``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .text import fold

__all__ = ["DateResult", "find_event_date", "parse_dateline", "year_from_url", "MONTHS"]

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"

PART_OF_DAY = {"sang": "morning", "trua": "noon", "chieu": "afternoon", "toi": "evening", "dem": "evening",
               "morning": "morning", "noon": "noon", "afternoon": "afternoon", "evening": "evening", "night": "evening"}

# Patterns run on folded text (lower case, no diacritics).
_VI_DATE = re.compile(
    r"(?:\b(?P<pod>sang|trua|chieu|toi|dem)\s+(?:hom\s+)?(?:nay\s*[,(]?\s*|qua\s*[,(]?\s*)?(?:ngay\s+)?|\bngay\s+)?"
    r"(?<![\d/])(?P<d>\d{1,2})\s*[/\-.]\s*(?P<m>\d{1,2})(?:\s*[/\-.]\s*(?P<y>(?:19|20)\d{2}))?(?![\d/])"
)
_VI_DATE_WORDS = re.compile(
    r"(?:\b(?P<pod>sang|trua|chieu|toi|dem)\s+)?\bngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})(?:\s+nam\s+(?P<y>(?:19|20)\d{2}))?"
)
_EN_DATE = re.compile(
    r"(?:\b(?:on\s+)?(?:the\s+)?(?P<pod>morning|afternoon|evening|night|noon)\s+(?:of\s+)?)?"
    r"(?:\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*,?\s*\(?\s*)?"
    r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\)?(?:\s*,?\s*(?P<y>(?:19|20)\d{2}))?(?![\d:])"
)
_EN_DATE_DMY = re.compile(
    r"(?:\b(?:on\s+)?(?:the\s+)?(?P<pod>morning|afternoon|evening|night)\s+(?:of\s+)?)?"
    r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?:\s*,?\s*(?P<y>(?:19|20)\d{2}))?"
)
_EN_POD_AFTER = re.compile(r"^\s*\)?\s*,?\s*(?:in the\s+)?(?P<pod>morning|afternoon|evening)\b")
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b")

_PASSING_BEFORE = re.compile(
    r"(tu ngay|tu|den ngay|den|truoc ngay|sau ngay|ke tu|since|from|until|till|by|before|after|through|"
    r"hieu luc|deadline|han chot|tu thang)\s*$"
)
_PASSING_AFTER = re.compile(r"^\s*,?\s*(vua qua|truoc do|nam ngoai|last year|earlier this year|tuan truoc|thang truoc)")
_MEETING_VERB = re.compile(
    r"\b(tiep|hoi dam|hoi kien|lam viec|ky ket|chao xa giao|gap|to chuc|chu tri|tham|dan dau|du|khai mac|"
    r"met|meet|meets|received|receives|hosted|hosts|held|holds|signed|signs|visited|visits|paid a|welcomed|"
    r"had a|talks|attended|led|opened|hoi nghi|dien dan|truc tuyen)\b"
)


@dataclass
class DateResult:
    date: dt.date | None = None
    precision: str = "unknown"
    day_month: tuple[int, int] | None = None   # (day, month) when found, whatever the year
    part_of_day: str | None = None
    sentence: str | None = None
    year_source: str | None = None


def _valid(d: int, m: int, y: int = 2000) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def _candidates(sentence: str):
    """Yield (start, day, month, year|None, part_of_day|None) for date phrases in the sentence."""
    f = fold(sentence)
    found = []
    for rx, kind in ((_VI_DATE_WORDS, "vi"), (_VI_DATE, "vi"), (_EN_DATE, "en"), (_EN_DATE_DMY, "en"), (_ISO, "iso")):
        for m in rx.finditer(f):
            gd = m.groupdict()
            try:
                d = int(gd["d"])
                if kind == "en":
                    mon_word = next(g for g in m.groups() if g and g.rstrip(".") in MONTHS)
                    mo = MONTHS[mon_word.rstrip(".")]
                else:
                    mo = int(gd["m"])
            except (StopIteration, TypeError, ValueError):
                continue
            y = int(gd["y"]) if gd.get("y") else None
            if not _valid(d, mo, y or 2000):
                continue
            if kind == "vi" and rx is _VI_DATE:
                # "17,6 tỷ", "25-30" ranges, versions "1.2": require a plausible context
                raw = f[m.start("d"):m.end()]
                if "." in raw and not gd.get("pod") and "ngay" not in f[max(0, m.start() - 6):m.start("d")]:
                    continue
                if "-" in raw and not y and not gd.get("pod") and "ngay" not in f[max(0, m.start() - 6):m.start("d")]:
                    continue    # "25-30" is a range; "Chiều 19-11" / "ngày 19-11" are dates
            pod = gd.get("pod")
            if kind == "en" and not pod:
                pm = _EN_POD_AFTER.match(f[m.end():m.end() + 30])
                if pm:
                    pod = pm.group("pod")
            found.append((m.start(), m.end(), d, mo, y, PART_OF_DAY.get(pod) if pod else None, f))
    # Drop overlapping matches (keep the longest starting earliest).
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out, last_end = [], -1
    for item in found:
        if item[0] < last_end:
            continue
        out.append(item)
        last_end = item[1]
    return out


_DATELINE_PATTERNS = [
    re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})\b"),
    re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),     # ISO, also "2024-09-27T10:25"
    re.compile(r"\b(?P<d>\d{1,2})[.\-](?P<m>\d{1,2})[.\-](?P<y>(?:19|20)\d{2})\b"),
]


def parse_dateline(line: str | None) -> dt.date | None:
    """Parse a page date line ("15/08/2023 14:56", "Tuesday, November 19, 2024 10:30", "2024-11-19")."""
    if not line:
        return None
    f = fold(line)
    for rx in _DATELINE_PATTERNS:
        m = rx.search(f)
        if m:
            try:
                return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                pass
    for start, end, d, mo, y, pod, _ in _candidates(line):
        if y:
            try:
                return dt.date(y, mo, d)
            except ValueError:
                pass
    return None


_URL_DATE = re.compile(r"(?:/|-|_|\b)((?:19|20)\d{2})(?:/|-|_)?(\d{2})?(?:/|-|_)?(\d{2})?(?=[/\-_.]|$)")


def year_from_url(url: str | None) -> tuple[int, int | None] | None:
    """(year, month|None) from a URL like .../2023/10/... or ...-2023101412345.htm."""
    if not url:
        return None
    path = re.sub(r"^https?://[^/]+", "", url)
    m = re.search(r"/((?:19|20)\d{2})/(\d{1,2})/", path)
    if m and 1 <= int(m.group(2)) <= 12:
        return int(m.group(1)), int(m.group(2))
    m = re.search(r"[-_/]((?:19|20)\d{2})(0[1-9]|1[0-2])(\d{2})\d*(?:\.\w+)?(?:$|[?#/])", path)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.search(r"(?:^|[/\-_])((?:19|20)\d{2})(?:[/\-_.]|$)", path)
    if m:
        return int(m.group(1)), None
    return None


_FAR_DATELINE_MAX_DAYS = 183


def _fix_year(d: int, mo: int, year: int, ref: dt.date | None) -> int:
    """Pick the year so that the event is not after the reference (publication) date."""
    if ref is None:
        return year
    if _valid(d, mo, year) and dt.date(year, mo, d) > ref and year >= ref.year:
        return ref.year - 1 if dt.date(ref.year, mo, d) > ref else ref.year
    return year


def find_event_date(sentences: list[str], *, dateline: str | None = None, url: str | None = None,
                    published: dt.date | None = None, lede_count: int = 4,
                    dateline_near: bool = True) -> DateResult:
    best = None
    best_score = -1e9
    body_years: list[int] = []
    press_dateline = None   # "Hanoi, Oct 24 (VNA) - ..." opens a sentence: the report's date, not the event's
    for idx, sent in enumerate(sentences):
        for start, end, d, mo, y, pod, f in _candidates(sent):
            if y:
                body_years.append(y)
            before = f[max(0, start - 25):start]
            after = f[end:end + 25]
            if start < 30 and re.match(r"\s*(\([^)]{1,15}\))?\s*[-–—:]", after) and not pod:
                if press_dateline is None:
                    press_dateline = (d, mo, y, pod, sent)
                continue
            if _PASSING_BEFORE.search(before) or _PASSING_AFTER.match(after):
                continue
            score = 0.0
            if idx < lede_count:
                score += 4 - idx
            else:
                score -= idx * 0.05
            if pod:
                score += 3
            window = f[max(0, start - 80):end + 120]
            if _MEETING_VERB.search(window):
                score += 2
            if start < 25:
                score += 1      # "Chiều 6/7, ..." opens the sentence
            if score > best_score:
                best_score = score
                best = (d, mo, y, pod, sent)
    res = DateResult()
    if (best is None or best_score < 1) and press_dateline is not None:
        best, best_score = press_dateline, 1
    if best is None or best_score < 1:
        return res
    d, mo, y, pod, sent = best
    res.day_month = (d, mo)
    res.part_of_day = pod
    res.sentence = sent
    page_date = parse_dateline(dateline)
    if page_date and not dateline_near and not y:
        # A date line found away from the headline (page footer, after the body) is taken as the
        # publication date only when the event then falls shortly before it; a day/month after
        # the footer date in the same year (a year-old event?) means the line is not this page's.
        yy = _fix_year(d, mo, page_date.year, page_date)
        if not _valid(d, mo, yy) or (page_date - dt.date(yy, mo, d)).days > _FAR_DATELINE_MAX_DAYS:
            page_date = None
    ref = page_date or published
    year = None
    if y:
        year, res.year_source = y, "text"
    elif page_date:
        year, res.year_source = page_date.year, "dateline"
    else:
        uy = year_from_url(url)
        if uy:
            year, res.year_source = uy[0], "url"
            if uy[1] and uy[1] < mo and mo - uy[1] > 6:
                year -= 1     # article from January about a December meeting
        elif published:
            year, res.year_source = published.year, "published"
        elif body_years:
            year, res.year_source = max(set(body_years), key=body_years.count), "body"
    if year is None:
        return res
    if res.year_source != "text":
        year = _fix_year(d, mo, year, ref)
    try:
        res.date = dt.date(year, mo, d)
        res.precision = "day"
    except ValueError:
        res.date = None
    return res
