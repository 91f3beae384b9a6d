"""Gazetteer matching of places and countries.

* Matching is on folded tokens (no diacritics, lower case), whole words only, longest match
  wins: "Vieng Chan", "VIÊNG CHĂN" and "Thủ đô Viêng Chăn" all find Vientiane.
* Short one-word aliases that are also ordinary words or name syllables ("Viên" = Vienna,
  "Đức" = Germany, "Mỹ", "Lào") are *weak*: they must be written capitalised and must not sit
  inside a run of capitalised words (so "Nguyễn Đức Chung" is not Germany, "Ủy viên" is not
  Vienna) unless preceded by "thủ đô", "thành phố", "nước" ...
* Entries flagged ``hanoi_side`` (Hà Nội and its districts) or ``domestic`` (other Vietnamese
  places) are never partner localities.
* ``Gazetteer(extra=[...])`` adds entries (e.g. DB Localities: dicts with name_en, name_vi,
  aliases, country, kind, optional parent, id, hanoi_side/is_hanoi_side).

Proposed localities: a capitalised name not in the gazetteer that follows "thành phố",
"Thủ đô", "huyện", "tỉnh", "quận", "tiểu bang", "city of", "province of" or precedes "City",
"Province", "Prefecture", "County" is returned by ``propose_localities``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import UPPER_CLASS, fold

__all__ = ["Gazetteer", "PlaceMatch", "COUNTRIES", "find_countries", "propose_localities", "default_gazetteer"]

DATA = Path(__file__).resolve().parent / "data" / "gazetteer.json"
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’]s\b)?", re.UNICODE)
_PREFIX_WORDS = {"thu do", "thanh pho", "tp", "nuoc", "tinh", "huyen", "quan", "bang", "city of", "capital",
                 "vung", "thi tran", "dac khu", "chdcnd", "cong hoa", "vuong quoc", "lien bang", "chlb", "dan chu",
                 "nhan dan", "of", "in", "to"}
_VI_DIACRITIC_RE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")


@dataclass
class PlaceMatch:
    entry: dict
    start: int
    end: int
    surface: str

    @property
    def name_en(self) -> str:
        return self.entry.get("name_en", "")


def _tokens(text: str):
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN_RE.finditer(text)]


class _Matcher:
    def __init__(self):
        self.index: dict[tuple[str, ...], tuple[dict, bool, str]] = {}
        self.maxlen = 1

    def add(self, alias: str, entry: dict, weak: bool | None = None):
        if not alias:
            return
        key = tuple(fold(t) for _, _, t in _tokens(alias))
        if not key:
            return
        if weak is None:
            weak = len(key) == 1 and len(key[0]) <= 4
        if key in self.index and not self.index[key][1] and weak:
            return
        self.index[key] = (entry, weak, alias)
        self.maxlen = max(self.maxlen, len(key))

    def find(self, text: str) -> list[PlaceMatch]:
        toks = _tokens(text)
        folded = [re.sub(r"['’]s$", "", fold(t)) for _, _, t in toks]    # "Hanoi's" -> "hanoi"
        out: list[PlaceMatch] = []
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(self.maxlen, len(toks) - i), 0, -1):
                key = tuple(folded[i:i + n])
                got = self.index.get(key)
                if not got:
                    continue
                entry, weak, alias = got
                start, end = toks[i][0], toks[i + n - 1][1]
                gap_ok = all(re.fullmatch(r"[\s\-.'’]*", text[toks[k][1]:toks[k + 1][0]] or "")
                             for k in range(i, i + n - 1))
                if not gap_ok:
                    continue
                if weak and not self._weak_ok(text, toks, folded, i, n, alias):
                    continue
                hit = PlaceMatch(entry, start, end, text[start:end])
                break
            if hit:
                out.append(hit)
                i += n
            else:
                i += 1
        return out

    @staticmethod
    def _weak_ok(text, toks, folded, i, n, alias) -> bool:
        surface = text[toks[i][0]:toks[i + n - 1][1]]
        if not surface[:1].isupper():
            return False
        prev2 = " ".join(folded[max(0, i - 2):i])
        prev1 = folded[i - 1] if i > 0 else ""
        if prev1 in _PREFIX_WORDS or prev2 in _PREFIX_WORDS:
            return True
        if _VI_DIACRITIC_RE.search(alias) and surface != alias and surface.upper() != alias.upper():
            return False       # "Viên" must keep its diacritics
        def cap_adjacent(k, between):
            return 0 <= k < len(toks) and toks[k][2][:1].isupper() and re.fullmatch(r"\s+", between or "x")
        if i > 0 and cap_adjacent(i - 1, text[toks[i - 1][1]:toks[i][0]]):
            return False
        j = i + n
        if j < len(toks) and cap_adjacent(j, text[toks[j - 1][1]:toks[j][0]]):
            return False
        return True


class Gazetteer:
    def __init__(self, entries: list[dict] | None = None, extra: list[dict] | None = None):
        if entries is None:
            entries = _load_default()
        self.entries: list[dict] = []
        self._m = _Matcher()
        for e in list(entries) + list(extra or []):
            self.add(e)

    def add(self, entry: dict):
        e = dict(entry)
        if "is_hanoi_side" in e and "hanoi_side" not in e:
            e["hanoi_side"] = bool(e["is_hanoi_side"])
        country = e.get("country")
        if country is not None and not isinstance(country, str):
            e["country"] = getattr(country, "code", str(country))
        self.entries.append(e)
        names = [e.get("name_en"), e.get("name_vi")] + list(e.get("aliases") or [])
        for n in names:
            if n:
                self._m.add(n, e)

    def find(self, text: str) -> list[PlaceMatch]:
        return self._m.find(text)

    def lookup(self, name: str) -> dict | None:
        ms = self.find(name)
        if ms and ms[0].start == 0 and ms[0].end >= len(name.strip()) - 1:
            return ms[0].entry
        return None

    def is_partner(self, entry: dict) -> bool:
        return not entry.get("hanoi_side") and not entry.get("domestic")


@lru_cache(maxsize=1)
def _default_entries() -> tuple:
    with open(DATA, encoding="utf-8") as fh:
        return tuple(json.load(fh)["entries"])


def _load_default() -> list[dict]:
    return [dict(e) for e in _default_entries()]


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer()


# ISO alpha-2 -> aliases.  One-word aliases of <= 4 letters are weak (see module doc).
COUNTRIES: dict[str, list[str]] = {
    "VN": ["Việt Nam", "Viet Nam", "Vietnam", "Vietnamese"],
    "US": ["Hoa Kỳ", "Mỹ", "United States", "United States of America", "U.S.", "USA", "America", "American"],
    "LA": ["Lào", "Laos", "Lao PDR", "CHDCND Lào", "Lao", "Laotian"],
    "FR": ["Pháp", "France", "French", "Cộng hòa Pháp"],
    "JP": ["Nhật Bản", "Japan", "Japanese", "Nhật"],
    "KR": ["Hàn Quốc", "Republic of Korea", "South Korea", "Korea", "Korean", "ROK"],
    "KP": ["Triều Tiên", "CHDCND Triều Tiên", "North Korea", "DPRK"],
    "CN": ["Trung Quốc", "China", "Chinese"],
    "RU": ["Nga", "Liên bang Nga", "Russia", "Russian Federation", "Russian"],
    "KH": ["Campuchia", "Cam-pu-chia", "Cambodia", "Cambodian"],
    "TH": ["Thái Lan", "Thailand", "Thai"],
    "ID": ["Indonesia", "In-đô-nê-xi-a", "Indonesian"],
    "MY": ["Malaysia", "Ma-lai-xi-a"],
    "SG": ["Singapore", "Xin-ga-po"],
    "PH": ["Philippines", "Phi-líp-pin", "Philippin"],
    "MM": ["Myanmar", "Mi-an-ma"],
    "BN": ["Brunei", "Bru-nây"],
    "TL": ["Timor-Leste", "Đông Timor", "East Timor"],
    "MN": ["Mông Cổ", "Mongolia"],
    "IN": ["Ấn Độ", "India", "Indian"],
    "AU": ["Australia", "Úc", "Ô-xtrây-li-a", "Australian"],
    "CA": ["Canada", "Ca-na-đa", "Canadian"],
    "DE": ["Đức", "CHLB Đức", "Germany", "German"],
    "GB": ["Anh Quốc", "Vương quốc Anh", "United Kingdom", "UK", "Britain", "British"],
    "IT": ["Italy", "I-ta-li-a", "Italia", "Ý"],
    "ES": ["Tây Ban Nha", "Spain"],
    "PT": ["Bồ Đào Nha", "Portugal"],
    "NL": ["Hà Lan", "Netherlands", "Dutch"],
    "BE": ["Bỉ", "Belgium"],
    "AT": ["Áo", "Austria"],
    "CZ": ["Séc", "Czech Republic", "Czechia", "CH Séc"],
    "PL": ["Ba Lan", "Poland"],
    "HU": ["Hungary", "Hung-ga-ri"],
    "RO": ["Romania", "Ru-ma-ni"],
    "BG": ["Bulgaria", "Bun-ga-ri"],
    "BY": ["Belarus", "Bê-la-rút"],
    "UA": ["Ukraine", "U-crai-na"],
    "CU": ["Cuba", "Cu-ba"],
    "TR": ["Thổ Nhĩ Kỳ", "Türkiye", "Turkey"],
    "IR": ["Iran", "I-ran"],
    "KZ": ["Kazakhstan", "Ca-dắc-xtan"],
    "UZ": ["Uzbekistan", "U-dơ-bê-ki-xtan"],
    "RS": ["Serbia", "Xéc-bi-a"],
    "EG": ["Ai Cập", "Egypt"],
    "AR": ["Argentina", "Ác-hen-ti-na"],
    "BR": ["Brazil", "Bra-xin"],
    "MX": ["Mexico", "Mê-hi-cô"],
    "FI": ["Phần Lan", "Finland"],
    "SE": ["Thụy Điển", "Sweden"],
    "DK": ["Đan Mạch", "Denmark"],
    "NO": ["Na Uy", "Norway"],
    "GR": ["Hy Lạp", "Greece"],
    "SK": ["Slovakia", "Xlô-va-ki-a"],
    "CL": ["Chile", "Chi-lê"],
}


@lru_cache(maxsize=1)
def _country_matcher() -> _Matcher:
    m = _Matcher()
    for code, aliases in COUNTRIES.items():
        for a in aliases:
            m.add(a, {"code": code}, weak=(len(fold(a).replace(".", "")) <= 4 and " " not in a)
                  or a in ("Nga", "Đức", "Áo", "Bỉ", "Séc", "Úc", "Ý", "Lao", "Thai", "Nhật"))
    return m


def find_countries(text: str) -> list[PlaceMatch]:
    out = []
    for m in _country_matcher().find(text):
        if not m.surface[:1].isupper():
            continue
        out.append(m)
    return out


_PROPOSE_BEFORE = re.compile(
    r"\b(?:[Tt]hành phố|TP\.?|[Tt]hủ đô|[Hh]uyện|[Tt]ỉnh|[Qq]uận|[Tt]iểu bang|[Bb]ang|[Vv]ùng|[Cc]ity of|"
    r"[Pp]rovince of|[Pp]refecture of|[Ss]tate of|[Dd]istrict of|[Cc]apital of)\s+"
    r"(?P<name>" + UPPER_CLASS + r"[\wÀ-ỹđ'’\-]*(?:\s+" + UPPER_CLASS + r"[\wÀ-ỹđ'’\-]*){0,3})"
)
_PROPOSE_AFTER = re.compile(
    r"(?P<name>(?:[A-Z][\w'’\-]*\s+){0,2}[A-Z][\w'’\-]*)\s+(?P<kind>City|Province|Prefecture|County|District|Metropolitan City)\b"
)
_NOT_PLACE = {"hoi", "uy", "ban", "so", "dang", "bo", "chinh", "quoc", "nhan", "dan", "ubnd", "hdnd", "thanh", "pho",
              "thu", "do", "the", "this", "that", "our", "its", "his", "her", "people", "party", "council", "committee",
              "hall", "government", "vien", "truong", "cong", "an", "mttq", "doan", "lien", "hiep", "trung", "tam",
              "hanoi", "ha", "noi", "viet", "nam", "uy ban", "cuc", "chi", "nha", "may", "tong", "the"}


def propose_localities(text: str, gazetteer: Gazetteer) -> list[dict]:
    """Capitalised names in locality patterns that the gazetteer does not know."""
    out: dict[str, dict] = {}
    for rx in (_PROPOSE_BEFORE, _PROPOSE_AFTER):
        for m in rx.finditer(text):
            name = m.group("name").strip(" -’'")
            toks = [fold(t) for t in re.findall(r"[^\W_]+", name)]
            # cut the name at the first organisation word ("Thành phố Seoul Metropolitan Council")
            keep = []
            for t in toks:
                if t in _NOT_PLACE and keep:
                    break
                keep.append(t)
            if not keep or keep[0] in _NOT_PLACE:
                continue
            words = name.split()[:len(keep)]
            name = " ".join(words)
            from .people import VN_SURNAMES
            if keep[0] in VN_SURNAMES and (_VI_DIACRITIC_RE.search(name) or len(keep) >= 3):
                continue     # "Thành phố Nguyễn Ngọc Tuấn": a person after a title, not a place
            if gazetteer.find(name) or find_countries(name) or len(name) < 3:
                continue
            key = fold(name)
            if key not in out:
                kind_word = fold(m.group(0).split()[0]) if rx is _PROPOSE_BEFORE else fold(m.group("kind"))
                kind = ("district" if kind_word in ("huyen", "quan", "district") else
                        "province" if kind_word in ("tinh", "tieu", "bang", "vung", "province", "prefecture", "state", "county") else
                        "capital" if kind_word in ("thu", "capital") else "city")
                out[key] = {"name": name, "kind": kind, "sentence_start": m.start(),
                            "foreign_looking": not _VI_DIACRITIC_RE.search(name) or "-" in name}
    return list(out.values())
