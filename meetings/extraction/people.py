"""Officials: titled people, split into Hanoi's (Vietnam's) side and the partner's side.

Two patterns are recognised, in Vietnamese and English:

* title first: "Chủ tịch UBND TP Hà Nội Trần Sỹ Thanh", "Đại sứ Hoa Kỳ tại Việt Nam Daniel
  Kritenbrink", "Hanoi Mayor Tran Sy Thanh", "Mayor of Seoul Oh Se-hoon", "Chairwoman of the Hanoi
  People's Council Phung Thi Hong Ha"; comma chains of titles are joined ("Ủy viên Bộ Chính trị,
  Bí thư Thành ủy Vương Đình Huệ").
* name first: "đồng chí Duangta Soulivong, Bí thư Huyện ủy, Huyện trưởng", "Ông Paul Krekorian -
  Chủ tịch Hội đồng Thành phố", "Oh Se-hoon, Mayor of Seoul".

The name is the run of capitalised words after the title once organisation words (UBND,
Thành ủy, People's Council ...) and gazetteer places are stripped; a Vietnamese name starts at a
known surname and has 2-5 syllables.  A title stops before a verb or clause opener ("dẫn đầu",
"làm Trưởng đoàn", "đã", "cho biết", "phát biểu", "said", "led"), compared with diacritics since
"dẫn" folds like "dân".  A lone capitalised word followed by an organisation word ("Hội đồng Hành
chính tỉnh", "Sở Ngoại vụ") is part of the organisation, not a name; one or two capitalised words
right after a unit word ("tỉnh Matanzas") are an unknown place, and a longer run there loses its
first word ("tỉnh Cienfuegos Alexandre Corona Quintero").  Mentions are merged by folded name ignoring initials
("Marc Knapper" = "Marc E. Knapper", "Daniel Kritenbrink" = "Daniel J.Kritenbrink") and near
spellings ("Krekoria"/"Krekorian"); the longest name and the fullest title are kept.

Side: a Vietnamese diplomat ("Tổng lãnh sự Việt Nam tại ...") or a title naming Hà Nội is Hanoi's
side; a title naming a foreign place/country, or a foreign-only office (Đô trưởng, Thị trưởng,
Mayor of X) is the partner's side; otherwise a Vietnamese surname means Hanoi's side.
National leaders (President, Thủ tướng ...) mentioned in passing are ignored unless they appear
in the title or the event sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .places import Gazetteer, find_countries
from .text import UPPER_CLASS, fold

__all__ = ["Person", "extract_people", "VN_SURNAMES", "name_key"]

VN_SURNAMES = set(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly vuong trinh truong dinh lam mai "
    "luong dao doan cao ha ta phung chu kieu quach luu to thai tang van khuc nong lai la tong mac thach trieu "
    "giang kim chau ton khong dong au ong thieu nghiem lieu dam an bach tieu quan hua diep".split()
)
# Surnames also common as foreign given/family names: accepted only with a 3+ syllable name.
_WEAK_SURNAMES = {"kim", "an", "la", "mai", "van", "ong", "lai", "chu", "cao", "ha", "to", "dam", "au", "ly", "lam"}

_HEADS_VI = [
    "Ủy viên Bộ Chính trị", "Ủy viên Trung ương Đảng", "Ủy viên Ban Thường vụ Thành ủy", "Ủy viên Ban Thường vụ",
    "Phó Chủ tịch Thường trực", "Phó Chủ tịch", "Chủ tịch nước", "Chủ tịch", "Phó Bí thư Thường trực", "Phó Bí thư",
    "Tổng Bí thư", "Bí thư", "Đại sứ đặc mệnh toàn quyền", "Đại sứ", "Tổng Lãnh sự", "Lãnh sự", "Đại biện", "Tham tán",
    "Phó Đô trưởng", "Đô trưởng", "Phó Thị trưởng", "Thị trưởng", "Phó Huyện trưởng", "Huyện trưởng", "Phó Tỉnh trưởng",
    "Tỉnh trưởng", "Phó Quận trưởng", "Quận trưởng", "Phó Thống đốc", "Thống đốc", "Bộ trưởng", "Thứ trưởng",
    "Tổng Giám đốc", "Phó Giám đốc", "Giám đốc", "Phó Trưởng ban", "Trưởng ban", "Chánh Văn phòng", "Trưởng đoàn",
    "Phó Chủ nhiệm", "Chủ nhiệm", "Phó Tổng thống", "Tổng thống", "Phó Thủ tướng", "Thủ tướng", "Trưởng Đại diện",
    "Thượng nghị sĩ", "Hạ nghị sĩ", "Nghị sĩ", "Tổng Thư ký", "Tổng thư ký", "Chủ tịch Hội đồng", "Nghị viên",
    "Thị trưởng thành phố", "Phó Tổng Giám đốc",
]
_HEADS_EN = [
    "Permanent Vice Chairman", "Permanent Vice Chairwoman", "Permanent Deputy Secretary", "Vice Chairman",
    "Vice Chairwoman", "Vice Chair", "Deputy Chairman", "Chairman", "Chairwoman", "Chairperson", "Chair",
    "Deputy Secretary", "Party Secretary", "Party Chief", "Secretary", "Ambassador", "Consul General", "Consul",
    "Deputy Mayor", "Vice Mayor", "Mayor", "Vice Governor", "Governor", "Deputy Minister", "Minister", "Vice President",
    "President", "Prime Minister", "Deputy Prime Minister", "Director General", "Director", "Councilmember",
    "Council member", "Councilor", "Councillor", "Speaker", "Head", "Chief", "Chargé d'affaires", "Senator",
    "Congressman", "Congresswoman", "General Secretary", "Lord Mayor", "Commissioner",
]
_NATIONAL = {"tong thong", "pho tong thong", "thu tuong", "pho thu tuong", "chu tich nuoc", "tong bi thu", "president",
             "vice president", "prime minister", "deputy prime minister", "general secretary"}
_FOREIGN_ONLY = {"do truong", "pho do truong", "thi truong", "pho thi truong", "huyen truong", "pho huyen truong",
                 "tinh truong", "pho tinh truong", "thong doc", "pho thong doc", "quan truong", "mayor", "deputy mayor",
                 "vice mayor", "governor", "vice governor", "lord mayor", "nghi vien", "councilmember", "councilor",
                 "councillor", "senator", "congressman", "congresswoman"}

_ORG_WORDS = set(
    "ubnd hdnd tp tp. thanh uy thu do hoi dong nhan dan uy ban thuong vu truc mttq dang bo chinh tri trung uong quoc "
    "so ban doan dai bieu huyen tinh quan bang tieu chdcnd cong lien hiep to chuc huu nghi dai su quan lanh su "
    "people's people council committee party city metropolitan government municipal assembly hall province district "
    "state capital standing permanent board department office embassy consulate vietnam-" .split()
) | {"thanh", "pho", "the", "of", "and", "hanoi's", "viet", "nam", "u.s.", "us", "vn"}
_QUAL_LOWER = set(
    "tai cua thanh pho thu do nhan dan hoi dong uy ban thuong truc vu quoc te van phong so ngoai dang bo chinh tri "
    "trung uong cap cao lien hiep cac to chuc huu nghi dai dien dac menh toan quyen tam thoi thu nhat kiem huyen tinh "
    "quan bang tieu xa phuong khoa nhiem ky of the and for to in at on people's city".split()
)
# Words that end a title phrase: verbs and clause openers ("... tỉnh La Habana dẫn đầu", "... làm Trưởng
# đoàn", "... đã", "... cho biết").  Compared in lower case WITH diacritics, because several fold to
# organisation words ("dẫn" -> "dan" as in "nhân dân", "do" (led by) as in "thủ đô").
_TITLE_STOP_VI = {
    "dẫn", "do", "làm", "đã", "đang", "sẽ", "vừa", "cho", "phát", "khẳng", "nhấn", "cảm", "mong", "bày", "chúc",
    "đề", "tiếp", "thăm", "gặp", "dự", "trao", "ký", "chia", "nói",
    "là", "và", "cùng", "với", "có", "được", "bị", "tới", "đến", "sang", "về", "trong", "khi", "sau",
    "trước", "bàn", "tái", "chào", "đánh", "nêu", "trình", "hoan", "ghi", "đón", "tặng", "mời",
}
_TITLE_STOP_EN = {"said", "says", "led", "leads", "leading", "who", "which", "has", "have", "had", "was", "were",
                  "is", "are", "will", "would", "also", "received", "met", "welcomed", "thanked", "spoke", "signed",
                  "attended", "visited", "hosted", "stressed", "noted", "affirmed", "expressed", "during", "on", "at"}
# Lower-case words that may follow a person's name inside a sentence; any other title word right
# after a capitalised run means that run was part of an organisation name ("Hội đồng Hành chính
# tỉnh", "Ủy ban Nhân dân thành phố"), not a name.
_AFTER_NAME_OK = {"tai", "cua", "of", "the", "and", "for", "to", "in", "at", "on"}


def _is_title_stop(tok: str) -> bool:
    low = tok.lower().rstrip(".")
    return low in _TITLE_STOP_VI or low in _TITLE_STOP_EN


_HONORIFIC_RE = r"(?<![\wÀ-ỹđ])(?:[Đđ]ồng chí|[Oo]ng|[Ôô]ng|[Bb]à|[Nn]gài|Mr\.?|Ms\.?|Mrs\.?|Madam|Dr\.?|H\.E\.)"
_CAP = r"" + UPPER_CLASS + r""
_NAME_TOKEN = r"(?:" + UPPER_CLASS + r"[\wÀ-ỹđ'’]*(?:-[\wÀ-ỹđ']+)*\.?|[A-Z]\.)"


@dataclass
class Person:
    name: str
    title: str
    side: str                      # "hanoi" | "partner"
    sentence: str = ""
    mentions: int = 1
    known: bool = False
    variants: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"name": self.name, "title": self.title}


def name_key(name: str) -> str:
    """Folded name without initials: "Daniel J.Kritenbrink" -> "daniel kritenbrink"."""
    toks = [t for t in re.findall(r"[^\W_]+", fold(name)) if len(t) > 1]
    return " ".join(toks)


def _heads_regex():
    heads = sorted(_HEADS_VI + _HEADS_EN, key=len, reverse=True)
    alts = []
    for h in heads:
        if h in _HEADS_VI:
            alts.append(f"(?i:{re.escape(h)})")
        else:
            first, rest = h[0], re.escape(h[1:])
            alts.append(f"[{first}{first.lower()}]{rest}")
    return re.compile(r"(?<![\wÀ-ỹđ])(?:" + "|".join(alts) + r")(?![\wÀ-ỹđ])(?!\s+(?:quán|quan)\b)")


_HEAD_RE = _heads_regex()
_TOKEN_RE = re.compile(r"[\wÀ-ỹđĐ'’.\-]+|[,;:()\"“”–—\-|/]")


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _clean_name_tokens(run: list[str], gaz: Gazetteer) -> list[str]:
    """Strip org words and places from the front of a capitalised run; return the name tokens."""
    toks = list(run)
    i = 0
    while i < len(toks):
        rest = " ".join(toks[i:])
        ms = gaz.find(rest)
        cs = find_countries(rest)
        hit = None
        for m in (ms[:1] + cs[:1]):
            if m.start == 0:
                hit = max(hit or 0, len(m.surface.split()))
        if hit:
            i += hit            # a place or country ("Hà Nội", "Viêng Chăn", "Hoa Kỳ", "Seoul")
            continue
        f = re.sub(r"['’]s$", "", fold(toks[i]).rstrip("."))
        if (f in VN_SURNAMES and toks[i].lower() != "đảng" and 2 <= len(toks) - i <= 5
                and all(t[:1].isupper() for t in toks[i + 1:])):
            return toks[i:]     # a Vietnamese name: surname + 1-4 syllables
        if f in _ORG_WORDS or f in _EN_ORG:
            i += 1
            continue
        break
    toks = toks[i:]
    # Vietnamese name: start at the first surname with 1-4 following syllables
    folded = [fold(t).rstrip(".") for t in toks]
    for i, f in enumerate(folded):
        if f in VN_SURNAMES and 2 <= len(toks) - i <= 5 and not any("-" in t for t in toks[i:]):
            if i > 0 and fold(toks[0]) not in VN_SURNAMES:
                # foreign given name before a VN-looking token ("Erin Bromaghim" has none) -> keep run
                if len(toks) - i >= 3:
                    return toks[i:]
                continue
            return toks[i:]
    return toks


_BAD_NAME = {"ubnd", "hdnd", "tp", "mttq", "uy", "ban", "hoi", "dong", "dai", "su", "chu", "tich", "bi", "pho",
             "mayor", "ambassador", "council", "committee", "people's", "party", "city", "huyen", "tinh", "doan",
             "truong", "vien", "so", "bo", "dang", "chinh", "tri", "thuong", "vu", "metropolitan", "government",
             "the", "of", "and", "on", "in", "at", "to", "province", "district", "embassy", "department"}


_CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
             "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _valid_name(toks: list[str]) -> bool:
    if not toks or len(toks) > 6:
        return False
    full = [t for t in toks if len(t.rstrip(".")) > 1]
    if not full:
        return False
    if len(full) == 1 and len(full[0]) < 4:
        return False
    folded = [fold(t).rstrip(".") for t in toks]
    if any(f in _CALENDAR or f.endswith(("'s", "’s")) for f in folded):
        return False
    if folded[0] in VN_SURNAMES and len(toks) >= 2:
        return not any(f in ("ubnd", "hdnd", "tp", "mttq") for f in folded)
    return not any(f in _BAD_NAME for f in folded)


def _split_tokens(s: str):
    out = []
    for m in _TOKEN_RE.finditer(s):
        tok = m.group(0)
        if len(tok) > 1 and tok.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+|U\.S\.|[A-Z][a-z]?\.", tok):
            out.append((m.start(), m.end() - 1, tok[:-1]))
            out.append((m.end() - 1, m.end(), "."))
        else:
            out.append((m.start(), m.end(), tok))
    return out


_EN_FUNCTION = {"of", "the", "for", "to", "in", "on", "at"}
_EN_ORG = {"national", "development", "front", "fatherland", "union", "association", "federation", "institute",
           "university", "bank", "corporation", "company", "group", "ministry", "agency", "authority", "administration",
           "bureau", "division", "commission", "center", "centre", "foundation", "chamber", "commerce", "industry",
           "affairs", "foreign", "relations", "international", "external", "cooperation", "friendship", "organization",
           "organisation", "capital", "regional", "representative", "legislative", "executive", "general", "central",
           "provincial", "administrative", "prefectural", "prefecture", "county", "municipality",
           "democratic", "republic", "kingdom", "federal", "socialist", "lao", "vietnamese", "korean", "japanese",
           "chinese", "french", "american", "cambodian", "indonesian", "thai", "russian"}


def _org_fragment(run: list[str]) -> bool:
    """A single capitalised word followed by an organisation / qualifier word other than "tại",
    "của", "of" ... is the head of a compound common noun ("Hành chính", "Nhân dân", "Thường
    trực", "Sở Ngoại vụ"), not a name: real names are followed by a verb, a comma or such a
    connector.  ``run`` = the capitalised words once organisation words and places are stripped."""
    return len(run) == 1


_UNIT_WORDS = {"tinh", "pho", "huyen", "quan", "do", "bang", "xa", "phuong", "vung", "tran"}


def _strip_unknown_place(cand, names, prev_word: str):
    """"tỉnh Cienfuegos Alexandre Corona Quintero", "Governor of Okinawa Denny Tamaki": after an
    administrative unit (or "of") a run of 3+ capitalised words with no known place stripped starts
    with the unit's (one-word) name; Vietnamese names are already cut at their surname."""
    if prev_word not in _UNIT_WORDS | {"of"} or len(cand) != len(names) or len(names) < 3:
        return names
    if fold(names[0]).rstrip(".") in VN_SURNAMES:
        return names
    return names[1:]


def _unknown_place(cand, names, prev_word: str) -> bool:
    """One or two capitalised words right after an administrative unit ("tỉnh Matanzas", "huyện
    Xaythany", "thành phố Santiago") with nothing stripped as a known place are that unit's name,
    not a person's (Vietnamese full names, surname first, are kept)."""
    if prev_word not in _UNIT_WORDS or len(cand) != len(names) or len(names) > 2:
        return False
    f0 = fold(names[0]).rstrip(".")
    return not (f0 in VN_SURNAMES and f0 not in _WEAK_SURNAMES and len(names) >= 2)


def _name_after(s: str, pos: int, gaz: Gazetteer, max_tokens: int = 18):
    """Parse qualifiers + name after a title head ending at pos.  Returns (name, start, end) or None.

    The name is the last run of capitalised words before the title phrase ends; English function
    words ("of", "for") inside long organisation names restart the run ("President of the Vientiane
    Capital Front for National Development Sinlavong Khoutphaythoune"), and a name followed by
    "of Seoul" is kept ("Mayor Oh Se-hoon of Seoul").
    """
    toks = _split_tokens(s[pos:])
    run: list[tuple[int, int, str]] = []
    saved: list[tuple[int, int, str]] = []
    prev_word = ""          # the lower-case word right before the current run
    run_prev = saved_prev = ""
    for k, (a, b, t) in enumerate(toks[:max_tokens]):
        if t in (",", ";", ":", "(", ")", "\"", "“", "”", "|", "/", ".") or t in ("–", "—") or (t == "-" and run):
            break
        if t == "-":
            continue
        if _is_cap(t) or re.fullmatch(r"[A-Z]\.", t):
            if not run:
                run_prev = prev_word
            run.append((a, b, t))
            continue
        if (fold(t) in _QUAL_LOWER or fold(t) in _ORG_WORDS) and not _is_title_stop(t):
            cleaned = _clean_name_tokens([x[2] for x in run], gaz) if run else []
            if cleaned:
                if fold(t) in _EN_FUNCTION:
                    saved, saved_prev, run = run, run_prev, []
                    prev_word = fold(t)
                    continue
                if fold(t) in _AFTER_NAME_OK or not _org_fragment(cleaned):
                    break   # lowercase after a real name -> the name ended
            run = []
            prev_word = fold(t)
            continue
        break
    best = None
    for cand, cprev in ((saved, saved_prev), (run, run_prev)):
        if not cand:
            continue
        names = _clean_name_tokens([t for _, _, t in cand], gaz)
        if _unknown_place(cand, names, cprev):
            continue
        names = _strip_unknown_place(cand, names, cprev)
        if _valid_name(names):
            best = (cand, names)
            break
    if best is None:
        return None
    cand, names = best
    idx = len(cand) - len(names)
    start = pos + cand[idx][0]
    end = pos + cand[-1][1]
    return s[start:end], start, end


def _extend_title_back(s: str, head_start: int, gaz: Gazetteer) -> int:
    """Include capitalised place/country words right before an English head ("Hanoi Mayor", "U.S. Ambassador")."""
    before = s[:head_start]
    m = re.search(r"((?:(?:U\.S\.|" + UPPER_CLASS + r"[\w'’.\-]*)\s+){1,3})$", before)
    if not m:
        return head_start
    words = m.group(1).split()
    keep = 0
    for i in range(len(words)):
        cand = " ".join(words[i:])
        if gaz.find(cand) or find_countries(cand) or fold(words[i]) in ("deputy", "vice", "permanent", "former",
                                                                         "u.s.", "us", "executive"):
            keep = len(" ".join(words[i:])) + 1
            break
    return head_start - keep if keep else head_start


def _scan_title(s: str, pos: int) -> int:
    """End of a title phrase starting at pos: heads, capitalised words, qualifier words and commas."""
    i = pos
    n = len(s)
    while i < n:
        m = _HEAD_RE.match(s, i)
        if m:
            i = m.end()
            continue
        m = re.compile(r"\s+|,\s*|[\wÀ-ỹđĐ'’.]+(?:-[\wÀ-ỹđ]+)*").match(s, i)
        if not m:
            break
        tok = m.group(0)
        if tok.strip() == ",":
            if not _HEAD_RE.match(s, m.end()):
                break       # after a comma only another title continues the chain
            i = m.end()
            continue
        if tok.strip() == "":
            i = m.end()
            continue
        if _is_title_stop(tok) and not tok[:1].isupper():
            break       # "... tỉnh La Habana dẫn đầu", "... Thủ đô Praha đã ..."
        if tok[:1].isupper() or fold(tok).rstrip(".") in _QUAL_LOWER or fold(tok).rstrip(".") in _ORG_WORDS:
            i = m.end()
            continue
        break
    return i


def _title_chain_start(s: str, head_start: int, heads: list[tuple[int, int]], named: set[int]) -> int:
    """Join comma-separated title chains: 'Ủy viên Bộ Chính trị, Bí thư Thành ủy X'."""
    start = head_start
    for hs, he in reversed([h for h in heads if h[1] <= head_start]):
        if hs in named:
            break
        between = s[hs:start]
        if re.match(r"(?i)(đại sứ|tổng lãnh sự|lãnh sự|ambassador|consul)", between) or \
                any(c.entry["code"] != "VN" for c in find_countries(between)):
            break
        if re.search(r",\s*$", between) and len(between) < 120 and _scan_title(s, hs) >= start:
            start = hs
        else:
            break
    return start


def _mentions(sentence: str, gaz: Gazetteer):
    s = re.sub(r"\b([A-Z])\.([A-Z][a-z])", r"\1. \2", sentence)
    heads = [(m.start(), m.end()) for m in _HEAD_RE.finditer(s)]
    out = []
    used_spans = []
    named: set[int] = set()
    for hs, he in heads:
        got = _name_after(s, he, gaz)
        if not got:
            continue
        name, ns, ne = got
        if any(a <= ns < b for a, b in used_spans):
            continue
        ts = _title_chain_start(s, hs, heads, named)
        named.add(hs)
        ts = _extend_title_back(s, ts, gaz)
        title = s[ts:ns].strip(" ,-–")
        title = re.sub(r"^(?:[Đđ]ồng chí|[Oo]ng|[Bb]à|Ngài)\s+", "", title)
        out.append((name, title, s))
        used_spans.append((ns, ne))
    # name first: honorific NAME , / - TITLE
    for m in re.finditer(_HONORIFIC_RE + r"\s+(?P<name>" + _NAME_TOKEN + r"(?:\s+" + _NAME_TOKEN + r"){0,5})\s*(?P<sep>,|-|–|—)\s*", s):
        name = m.group("name").strip()
        ns = m.start("name")
        if any(a <= ns < b for a, b in used_spans):
            continue
        rest = s[m.end():]
        hm = _HEAD_RE.match(rest)
        if not hm:
            continue
        title = rest[:_scan_title(rest, 0)].strip(" ,").rstrip(".")
        toks = name.split()
        if not _valid_name(toks):
            continue
        out.append((name, title, s))
        used_spans.append((ns, ns + len(name)))
    # English: "Oh Se-hoon, Mayor of Seoul"
    for m in re.finditer(r"(?P<name>" + _NAME_TOKEN + r"(?:\s+" + _NAME_TOKEN + r"){1,4}),\s+(?:the\s+)?(?P<title>(?:" +
                         "|".join(re.escape(h) for h in sorted(_HEADS_EN, key=len, reverse=True)) +
                         r")\b[^,.;()]*)", s):
        name = m.group("name")
        ns = m.start("name")
        if any(a <= ns < b or a <= ns + len(name) - 1 < b for a, b in used_spans):
            continue
        toks = _clean_name_tokens(name.split(), gaz)
        if not _valid_name(toks) or fold(toks[0]) in ("on", "in", "at", "the", "during", "tuesday", "monday"):
            continue
        name = " ".join(toks)
        out.append((name, m.group("title").strip(), s))
        used_spans.append((ns, ns + len(m.group("name"))))
    return out


def _side(name: str, title: str, gaz: Gazetteer) -> str:
    ft = fold(title)
    # Vietnam's diplomats abroad
    if re.search(r"(dai su|lanh su|tham tan|dai bien)[^,;]*\b(viet nam|vn)\b|vietnamese (ambassador|consul)|"
                 r"(ambassador|consul general|consul) of (viet ?nam)|(ambassador|consul)[^,;]* vietnam to", ft) and \
            not re.search(r"(dai su|lanh su|ambassador|consul)[^,;]*(hoa ky|my|lao|phap|nhat|han quoc|u\.?s\.?|united)\b.*\b(tai|to|in) (viet nam|vietnam)", ft):
        if not re.search(r"\b(tai|to|in) (viet nam|vietnam)\b", ft):
            return "hanoi"
    places = [m.entry for m in gaz.find(title)]
    if any(p.get("hanoi_side") for p in places) or re.search(r"\b(ha noi|hanoi)\b", ft):
        return "hanoi"
    if any(gaz.is_partner(p) for p in places):
        return "partner"
    if any(c.entry["code"] != "VN" for c in find_countries(title)):
        return "partner"
    head = _HEAD_RE.search(title)
    heads = {fold(h.group(0)) for h in _HEAD_RE.finditer(title)} if head else set()
    if heads & _FOREIGN_ONLY:
        return "partner"
    nk = name_key(name).split()
    if nk and nk[0] in VN_SURNAMES and (nk[0] not in _WEAK_SURNAMES or len(nk) >= 3) and len(nk) <= 5:
        return "hanoi"
    return "partner"


def _similar(a: str, b: str) -> bool:
    ka, kb = name_key(a).split(), name_key(b).split()
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    sa, sb = set(ka), set(kb)
    if (sa <= sb or sb <= sa) and ka[-1] == kb[-1]:
        return True
    if len(ka) == len(kb) and ka[:-1] == kb[:-1]:
        x, y = ka[-1], kb[-1]
        common = 0
        for c1, c2 in zip(x, y):
            if c1 != c2:
                break
            common += 1
        if common >= 5 and abs(len(x) - len(y)) <= 2:
            return True
    return False


def extract_people(sentences: list[str], gaz: Gazetteer, *, important: set[str] | None = None,
                   known_people: list[str] | None = None) -> list[Person]:
    """Titled people in the sentences, merged.  ``important`` = sentences where national leaders count."""
    people: list[Person] = []
    important = important or set()
    for sent in sentences:
        for name, title, s in _mentions(sent, gaz):
            ftitle = fold(title)
            head = _HEAD_RE.search(title)
            head_f = fold(head.group(0)) if head else ""
            national = head_f in _NATIONAL and not gaz.find(title) and not re.search(
                r"\b(thanh pho|city|thu do|mayor|council|committee|front|hoi dong|uy ban|mat tran|assembly)\b", ftitle)
            if national and sent not in important:
                continue        # a head of state / government mentioned in passing
            for p in people:
                if _similar(p.name, name):
                    p.mentions += 1
                    if len(name) > len(p.name):
                        p.variants.append(p.name)
                        p.name = name
                    if len(title) > len(p.title):
                        p.title = title
                    break
            else:
                people.append(Person(name=name, title=title, side="", sentence=sent))
    for p in people:
        p.side = _side(p.name, p.title, gaz)
        p.name = re.sub(r"\b([A-Z])\.(?=[A-Z])", r"\1. ", p.name)
    if known_people:
        index = {name_key(k): k for k in known_people}
        for p in people:
            k = name_key(p.name)
            if k in index:
                p.name, p.known = index[k], True
            else:
                for kk, orig in index.items():
                    if _similar(kk, k):
                        p.name, p.known = orig, True
                        break
    return people
