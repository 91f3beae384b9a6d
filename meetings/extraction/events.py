"""What happened: the event kind, agreements (kind + stage + validity) and areas of cooperation.

Event kind is decided from the title and the lede (first sentences of the main meeting), in
this order: online (trực tuyến, videoconference) > signing (signing in the title, or a "lễ ký
kết" as the lede's main event) > visit_abroad (a Hanoi delegation "thăm và làm việc tại" a
foreign place, "theo giờ địa phương", "visited", "working trip to") > conference (hội nghị,
hội thảo, diễn đàn, forum in the title) > reception (tiếp, chào xã giao, hội kiến, received,
hosted) > conference (in the lede) > other.

Agreement stage: the cue nearest to the agreement's mention in its sentence wins
("đang được xúc tiến, hoàn thiện", "đàm phán", "under negotiation" → negotiating; "đã ký
kết", "signed", "cụ thể hóa", "đã có" → signed; "tiến tới/hướng tới ký kết", "sẽ ký", "dự
định", "will sign", "proposed" → proposed; "gia hạn", "renewed" → renewed).  A stated validity
period ("giai đoạn 2022 - 2025") that has started by the event year also implies signed.
Several mentions of the same kind merge; the first non-unknown stage is kept.

Areas come from a bilingual lexicon, and only from body sentences that talk about
cooperation (contain hợp tác, lĩnh vực, thúc đẩy, cooperation, areas ...): statistics
sentences ("tăng trưởng ngành du lịch ...") do not count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import fold

__all__ = ["Agreement", "event_kind", "find_agreements", "find_areas", "AREA_LEXICON"]

_ONLINE = re.compile(r"\b(truc tuyen|online|videoconference|video conference|virtual(ly)?|qua cau truyen hinh|"
                     r"hinh thuc truc tuyen|video call|zoom)\b")
_SIGN_TITLE = re.compile(r"\b(ky ket|ky ban|ky bien ban|ky thoa thuan|le ky|signing|signed|sign|inks?|ky)\b")
_SIGN_LEDE = re.compile(r"\b(le ky ket|le ky|signing ceremony|da ky ket|ky ket bien ban|ky ket thoa thuan|"
                        r"signed an?|signed the|inked)\b")
_AGREEMENT_WORD = re.compile(r"(bien ban|ban ghi nho|thoa thuan|ke hoach|chuong trinh hop tac|ket nghia|mou|"
                             r"memorandum|agreement|twinning|sister|accord|plan)")
_VISIT_ABROAD = re.compile(
    r"(theo gio dia phuong|local time|\bdoan (dai bieu |cong tac |cap cao )*(cua )?(thanh pho |tp\.? |thu do )?ha noi\b|"
    r"\bhanoi(?:'s)? delegation\b|\bdelegation (of|from) (the )?hanoi\b|\bworking (visit|trip) to\b|"
    r"\bpaid a (working |official )?visit to\b|\bvisited\b|\bdelegation to\b|\bchuyen tham .{0,40} tai\b|"
    r"\bsang tham\b|\btham va lam viec tai\b|\bthăm chính thức\b|\bcong du\b)"
)
_CONFERENCE = re.compile(r"\b(hoi nghi|hoi thao|dien dan|toa dam|conference|forum|seminar|workshop|summit)\b")
_RECEPTION = re.compile(
    r"(\btiep(?!\s+(tuc|theo|can|nhan|thu|xuc|suc|noi|dien|don nhan|te))\b|\bchao xa giao\b|\bhoi kien\b|\btiep don\b|"
    r"\breceived\b|\breceives\b|\bhost(?:ed|s)\b(?!\s+(?:an? |the |its )?(?:\w+ )?(?:festival|conference|forum|event|exhibition|fair|workshop|seminar|ceremony|concert|tournament|games|summit)s?\b)|\bcourtesy call\b|\bwelcomed\b|\bhoi dam\b|\btalks\b|\bmet\b|"
    r"\bhad a (meeting|working session|talk)\b|\bheld (talks|a meeting)\b|\bworking session\b|"
    r"\b(tham va lam viec tai|den tham|toi tham|chuyen tham .{0,30}tai|tham) ha noi\b|"
    r"\bvisit(?:ing|s|ed)? (?:to )?hanoi\b|"
    r"\bmeets\b|\blam viec voi\b)"
)


def _local_place_visit(text_f: str, gaz, original: str) -> bool:
    """'thăm và làm việc tại X' / 'visit to X' with X a non-Hanoi place."""
    for m in re.finditer(r"(tham va lam viec tai|lam viec tai|tham chinh thuc|visit to|visited|trip to|tour of)\s+", text_f):
        tail = original[m.end():m.end() + 60] if len(original) == len(text_f) else ""
        if not tail:
            continue
        places = gaz.find(tail)
        if places and places[0].start < 25:
            e = places[0].entry
            return not e.get("hanoi_side") and not e.get("domestic")
        from .places import find_countries
        cs = find_countries(tail)
        if cs and cs[0].start < 25 and cs[0].entry["code"] != "VN":
            return True
    return False


def event_kind(title: str, lede: list[str], gaz) -> tuple[str, str]:
    """Return (kind, evidence sentence)."""
    tf = fold(title)
    first = lede[0] if lede else title
    for s in [title] + lede[:3]:
        if _ONLINE.search(fold(s)):
            return "online", s
    if _SIGN_TITLE.search(tf) and _AGREEMENT_WORD.search(tf):
        return "signing", title
    for s in [title] + lede[:3]:
        f = fold(s)
        if _VISIT_ABROAD.search(f) and not re.search(r"\b(tai|in|to|den|sang) (ha noi|hanoi|viet nam|vietnam)\b", f) \
                or _local_place_visit(f, gaz, s):
            # a foreign delegation visiting Hanoi is a reception, not a visit abroad
            if re.search(r"\bvisited\b", f) and re.search(r"\b(hanoi|ha noi)\b", f) and not re.search(r"hanoi(?:'s)? delegation|delegation (of|from) (the )?hanoi", f):
                continue
            return "visit_abroad", s
    if _CONFERENCE.search(tf) and not _RECEPTION.search(tf):
        return "conference", title
    for s in [title] + lede[:3]:
        if _RECEPTION.search(fold(s)):
            return "reception", s
    for s in lede[:2]:
        if _SIGN_LEDE.search(fold(s)):
            return "signing", s
    for s in [title] + lede[:2]:
        if _CONFERENCE.search(fold(s)):
            return "conference", s
    return "other", first


# ---------------------------------------------------------------- agreements
_AGREEMENT_KINDS = [
    ("cooperation_agreement", r"bien ban thoa thuan hop tac|ban thoa thuan hop tac|thoa thuan hop tac|cooperation agreement|"
                              r"agreement on cooperation|cooperation accord|agreement of cooperation"),
    ("mou", r"bien ban ghi nho|ban ghi nho|memorandum of understanding|memoranda of understanding|\bmous?\b"),
    ("twinning", r"thanh pho ket nghia|ket nghia|sister[- ]cit(?:y|ies)(?: (?:agreement|relationship|relations|ties))?|"
                 r"twinning(?: agreement)?|twin cities|friendship[- ]city agreement"),
    ("plan", r"ke hoach hop tac|chuong trinh hop tac|cooperation plan|cooperation programme|cooperation program|"
             r"action plan|plan of cooperation|programme of cooperation"),
    ("cooperation_agreement", r"(?<=ky ket )thoa thuan|(?<=ky )thoa thuan|(?<=ky ket cac )thoa thuan|\bagreement\b"),
]
_STAGES = [
    ("negotiating", r"dang duoc (cac ben )?(xuc tien|hoan thien|dam phan|xay dung)|xuc tien, hoan thien|dam phan|"
                    r"dang hoan thien|thong nhat (ve )?noi dung|under negotiation|negotiat\w*|being finali[sz]ed|drafting|"
                    r"are working on|working to finali[sz]e"),
    ("renewed", r"gia han|tai ky|ky lai|renew\w*|extended|extension"),
    ("signed", r"da ky ket|da ky|(?<!se )duoc ky ket|(?<!se )duoc ky|vua ky|ky ket vao nam|ky nam|cu the hoa|tu khi ky|since (the )?signing|(?:da|deu|co ban) (?:co ban )?co (?:cac |nhung )?"
               r"(?=bien ban|ban ghi|thoa thuan)|(?<!be )(?<!been )(?<!being )signed|inked|concluded|under the (?:mou|agreement)|"
               r"ket qua thuc hien|trien khai thuc hien|thuc hien (?=(?:cac |nhung )?(?:thoa thuan|bien ban|ban ghi|ke hoach|chuong trinh))|"
               r"implement\w*|le ky ket"),
    ("proposed", r"tien toi ky ket|huong toi ky ket|tien toi ky|huong toi|se ky|du kien ky|du dinh|de xuat|de nghi ky|"
                 r"som ky|xem xet ky|chuan bi ky|thuc day .{0,30}ket nghia|will sign|to sign|plan to sign|planned|"
                 r"propos\w*|toward signing|towards signing|aim to sign|consider signing|look forward to signing|"
                 r"(?:to|will|would|expected to) be signed|to draft|se duoc ky|work on a new|xay dung|nghien cuu (?:viec )?ky|"
                 r"(?:study|explore|consider) (?:the )?(?:signing|possibility)"),
]
_VALIDITY = re.compile(r"(?:giai doan|nhiem ky|period|for|tu nam|from)?\s*((?:19|20)\d{2})\s*(?:-|–|—|den|to|until)\s*((?:19|20)\d{2})")


@dataclass
class Agreement:
    kind: str
    stage: str
    sentence: str
    valid_from: int | None = None
    valid_to: int | None = None

    def as_dict(self) -> dict:
        return {"kind": self.kind, "stage": self.stage}


def _stage_for(f: str, start: int, end: int, others: list[int] | None = None) -> str:
    best, best_d = "unknown", 10 ** 6
    clause_lo = max(f.rfind(";", 0, start), f.rfind(". ", 0, start), -1) + 1
    clause_hi_candidates = [i for i in (f.find(";", end), f.find(". ", end)) if i != -1]
    clause_hi = min(clause_hi_candidates) if clause_hi_candidates else len(f)
    for stage, rx in _STAGES:
        for m in re.finditer(rx, f[clause_lo:clause_hi]):
            a, b = m.start() + clause_lo, m.end() + clause_lo
            if a >= end and any(0 <= o - b <= 12 for o in (others or [])):
                continue    # the cue introduces the next agreement ("..., tiến tới ký kết thỏa thuận")
            d = start - b if b <= start else (a - end if a >= end else 0)
            if a >= end:
                d += 5      # cues before the agreement's name read more naturally ("đã ký kết biên bản")
            if d < best_d:
                best, best_d = stage, d
    return best


def find_agreements(sentences: list[str], event_year: int | None = None) -> list[Agreement]:
    found: dict[str, Agreement] = {}
    order: list[str] = []
    for s in sentences:
        f = fold(s)
        taken: list[tuple[int, int]] = []
        all_starts = [m.start() for _, rx in _AGREEMENT_KINDS for m in re.finditer(rx, f)]
        for kind, rx in _AGREEMENT_KINDS:
            for m in re.finditer(rx, f):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                if kind == "cooperation_agreement" and m.group(0) in ("agreement", "thoa thuan") and (
                        re.search(r"\b(the|this|that|such|these|those)\s+$", f[max(0, m.start() - 8):m.start()])
                        or f[m.end():m.end() + 4] == " nay"):
                    continue    # "the agreement", "thỏa thuận này": refers back to one already named
                if kind == "cooperation_agreement" and m.group(0) == "agreement" and \
                        re.search(r"(reached|in) agreement|agreement (that|with)", f[max(0, m.start() - 12):m.end() + 6]):
                    continue
                taken.append((m.start(), m.end()))
                stage = _stage_for(f, m.start(), m.end(), [o for o in all_starts if o > m.end()])
                vf = vt = None
                vm = _VALIDITY.search(f, m.end(), min(len(f), m.end() + 160))
                if vm and int(vm.group(1)) <= int(vm.group(2)):
                    vf, vt = int(vm.group(1)), int(vm.group(2))
                    if stage == "unknown" and event_year and vf <= event_year:
                        stage = "signed"
                ag = found.get(kind)
                if ag is None:
                    found[kind] = Agreement(kind, stage, s, vf, vt)
                    order.append(kind)
                else:
                    if ag.stage == "unknown" and stage != "unknown":
                        ag.stage, ag.sentence = stage, s
                    if ag.valid_from is None and vf:
                        ag.valid_from, ag.valid_to = vf, vt
    return [found[k] for k in order]


# ---------------------------------------------------------------- areas
AREA_LEXICON: dict[str, list[str]] = {
    "transport": ["giao thong", "van tai", "duong sat do thi", "metro", "xe buyt", "transport", "transportation",
                  "traffic", "railway", "urban railway", "public transit", "mobility"],
    "environment": ["moi truong(?! (dau tu|kinh doanh|so|lam viec|phap ly|song))", "chat luong khong khi", "o nhiem",
                    "bien doi khi hau", "khi thai", "environment\\w*", "air quality", "pollution", "climate change",
                    "green growth", "tang truong xanh"],
    "smart_city": ["thanh pho thong minh", "do thi thong minh", "smart city", "smart cities", "smart urban"],
    "culture": ["van hoa", "nghe thuat", "di san", "cong nghiep van hoa", "culture", "cultural", "heritage", "arts?"],
    "people_to_people": ["giao luu nhan dan", "doi ngoai nhan dan", "giao luu giua nhan dan", "people-to-people",
                         "people to people", "people-to-people exchange", "exchanges between people",
                         "giao luu thanh nien", "youth exchange"],
    "education": ["giao duc", "dao tao", "giao vien", "nha truong", "truong hoc", "hoc sinh", "sinh vien",
                  "nguon nhan luc", "hoc bong", "education", "training", "schools?", "students?", "scholarships?",
                  "human resources", "teachers?"],
    "health": ["y te", "benh vien", "cham soc suc khoe", "health", "healthcare", "medical", "hospitals?"],
    "tourism": ["du lich", "tourism", "tourist\\w*", "travel"],
    "trade_investment": ["thuong mai", "dau tu", "xuat khau", "xuc tien dau tu", "doanh nghiep", "kinh te",
                         "trade", "investment\\w*", "investors?", "commerce", "business\\w*", "economic", "economy",
                         "exports?"],
    "digital_transformation": ["chuyen doi so", "kinh te so", "digital transformation", "digitali[sz]ation",
                               "digital economy", "digital"],
    "e_government": ["chinh quyen dien tu", "chinh phu dien tu", "chinh quyen so", "dich vu cong truc tuyen",
                     "e-government", "electronic government", "digital government", "online public services"],
    "cyber_security": ["khong gian mang", "an ninh mang", "an toan thong tin", "toi pham (tren )?(khong gian )?mang",
                       "toi pham cong nghe cao", "cyber[ -]?security", "cyber[ -]?crimes?", "cyber\\w*", "information security"],
    "urban_planning": ["quy hoach", "phat trien do thi", "quan ly do thi", "chinh trang do thi", "urban planning",
                       "urban development", "urban management", "city planning", "planning"],
    "waste_water": ["rac thai", "nuoc thai", "chat thai", "xu ly rac", "thoat nuoc", "cap nuoc", "waste\\w*",
                    "wastewater", "sewage", "water supply", "drainage"],
    "innovation": ["doi moi sang tao", "khoi nghiep", "cong nghe cao", "chuyen giao cong nghe", "cong nghe",
                   "innovation", "innovative", "start-?ups?", "high[- ]tech", "technology", "technologies"],
    "agriculture": ["nong nghiep", "nong san", "agricultur\\w*", "farming", "food security"],
    "security": ["an ninh(?! mang)", "trat tu", "phong chong toi pham", "cong an", "canh sat", "quoc phong",
                 "public security", "police", "policing", "security(?! cooperation)", "law enforcement"],
}
_AREA_RX = {slug: re.compile(r"(?<![\w-])(?:" + "|".join(sorted(terms, key=len, reverse=True)) + r")(?![\w])")
            for slug, terms in AREA_LEXICON.items()}
_COOP_CUE = re.compile(r"\b(hop tac|linh vuc|thuc day|tang cuong|trao doi|kinh nghiem|mong muon|de nghi|de xuat|"
                       r"uu tien|ho tro|ket noi|quan tam|cooperat\w*|collaborat\w*|areas?|fields?|sectors?|exchange\w*|"
                       r"promot\w*|boost\w*|strengthen\w*|partnership|work together|share|sharing|such as|including|"
                       r"experience|expertise|learn\w*|chia se|giai phap)\b")


def find_areas(sentences: list[str]) -> tuple[list[str], dict[str, str]]:
    """Area slugs in lexicon order of first appearance, and slug → evidence sentence."""
    found: dict[str, str] = {}
    for s in sentences:
        f = fold(s)
        if not _COOP_CUE.search(f):
            continue
        # cyber crime is cyber security, not public security
        f2 = f
        for slug in ("cyber_security", "e_government", "digital_transformation", "smart_city", "people_to_people",
                     "waste_water", "urban_planning", "innovation"):
            rx = _AREA_RX[slug]
            if rx.search(f2):
                found.setdefault(slug, s)
                f2 = rx.sub(" ", f2)
        for slug, rx in _AREA_RX.items():
            if slug in ("cyber_security", "e_government", "digital_transformation", "smart_city", "people_to_people",
                        "waste_water", "urban_planning", "innovation"):
                continue
            if rx.search(f2):
                found.setdefault(slug, s)
    return list(found), found
