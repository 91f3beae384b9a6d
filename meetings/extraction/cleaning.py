"""Main-text extraction: HTML through trafilatura, plain-text page dumps through a line filter.

Plain-text algorithm (``clean_plain``):

1. Every line is classified: blank, *end marker* ("Đọc nhiều", "Tin mới", "BÌNH LUẬN",
   "Bài viết hay? Hãy đánh giá", "Theo Hanoi.gov.vn", "Related news", ...), *junk* (rating
   widget items, "![]() |" image stubs, "26 Nov, 11:42 PM" timestamps, menu lines with "|",
   related-link lines ending in "|"), *long* (sentence-like: ≥ 8 words ending with sentence
   punctuation, or ≥ 25 words) or *short* (headlines, captions, menu items).
2. Long lines are grouped into blocks; a block ends at an end marker, at a line ending with
   the Vietnamese end mark "./." (kept), or after 4 short non-blank lines in a row.
   A block whose first lines are unrelated teasers sitting right above the headline is cut at
   the headline (the teasers share no names with each other nor with the article below).
3. Each block is scored by its size times its coherence (how many of its lines share a name or
   key word with its first lines: sidebar teasers are about unrelated subjects); the article
   body is the first block scoring at least half of the best.
4. Inside the body, short lines without final punctuation (photo captions, "Quang cảnh
   buổi tiếp", the title repeated with "-1") are DROPPED: captions only restate what the
   article's sentences say.  Short lines that are real sentences (end with ".") are kept, so a
   caption written as a sentence ("X tiếp Đại sứ Y.") stays: it cannot be told from one.
5. Trailing paragraphs of the body that share no named entity or key word with the title
   and lede (sidebar teasers pasted right after the article) are dropped.
6. The title is the headline-like line just above the body with the best word overlap
   with the lede.  A date line ("15/08/2023 14:56") near the title is kept as ``dateline``;
   without one, a publication line anywhere in the page ("Published: 27 September 2024",
   "Cập nhật: ...", or a line that is only a date) is used, with ``dateline_near`` False.
   A line ending with a short parenthesis after a word ("... tỉnh Gyeonggi (Hàn Quốc)") is a
   headline, not a sentence.
   URLs on "Xem link gốc" / "Nguồn" / "Source" lines become ``source_urls``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import UPPER_CLASS, fold, fold_tokens, normalize_space

__all__ = ["CleanResult", "clean", "clean_plain", "clean_html", "looks_like_html"]


@dataclass
class CleanResult:
    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    dateline: str | None = None
    dateline_near: bool = True      # False: found away from the title (after the body, page footer)
    source_urls: list[str] = field(default_factory=list)
    is_html: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


_HTML_RE = re.compile(r"<\s*(html|body|head|div|p|article|span|meta|title|section|br|h1)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    return len(_HTML_RE.findall(text[:20000])) >= 2


# Folded end markers: a line equal to (or starting with) one of these ends the article.
_END_MARKERS_EXACT = {
    "doc nhieu", "doc nhieu nhat", "tin moi", "tin moi nhat", "tin lien quan", "tin doc nhieu", "tin cung chuyen muc",
    "dung bo lo", "y kien", "y kien ban doc", "binh luan", "xem them", "tin khac", "cac tin khac", "bai lien quan",
    "related", "related news", "related articles", "related posts", "read more", "most read", "most popular",
    "comments", "comment", "latest news", "more news", "more stories", "you may also like", "recommended",
    "tin tai tro", "video", "tags", "tu khoa", "chu de", "gui bai tam su", "hoi dap thong minh", "share",
    "chia se", "lien ket", "tin noi bat", "tieu diem", "trending", "see also", "the same category",
}
_END_MARKER_PREFIX_RE = re.compile(
    r"^(binh luan\s*\(\d+\)|cam nhan cua ban|bai viet hay|hay danh gia|danh gia bai viet|y kien \(\d+\)|"
    r"comments?\s*\(\d+\)|tags?\s*:|tu khoa\s*:|gui binh luan|viet binh luan|leave a (comment|reply)|"
    r"xem link goc|an link goc|ban quyen|copyright|©)"
)
_SOURCE_LINE_RE = re.compile(r"^(theo|nguon|source)\s*[:\-]?\s*\S.{0,80}$")
_URL_RE = re.compile(r"https?://[^\s\"'<>)\]]+")
_RATING_WORDS = {"rat hay", "thich", "giai tri", "can cai thien", "hay", "tot", "binh thuong", "like", "love",
                 "haha", "wow", "sad", "angry", "user", "user image", "logo", "words", "hinh anh", "file dinh kem",
                 "dang nhap", "dang ky", "menu", "trang chu", "home", "search", "tim kiem", "in bai", "print",
                 "facebook", "twitter", "zalo", "email", "copy link", "quay lai", "back", "top"}
_TIMESTAMP_RE = re.compile(
    r"^(\d{1,2}\s+[A-Za-z]{3,9},?\s+\d{1,2}:\d{2}\s*(AM|PM)?|\d{1,2}:\d{2}\s*(AM|PM)?(\s+\d{1,2}/\d{1,2}(/\d{2,4})?)?|"
    r"\d{1,2}/\d{1,2}/\d{2,4}(\s*[-|,]?\s*\d{1,2}:\d{2}(\s*(AM|PM|GMT\+?\d*|\(GMT\+7\)))?)?|"
    r"(thu\s+\w+|chu nhat|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+.{0,30}\d{1,2}:\d{2}.*|"
    r"\d+\s+(phut|gio|ngay)\s+truoc|\d+\s+(minutes?|hours?|days?)\s+ago)\s*$",
    re.I,
)
_DATELINE_RE = re.compile(
    r"(\b\d{1,2}/\d{1,2}/(19|20)\d{2}\b|\b\d{1,2}[.\-]\d{1,2}[.\-](19|20)\d{2}\b|\b(19|20)\d{2}-\d{2}-\d{2}(?!\d)|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(19|20)\d{2}\b|"
    r"\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(19|20)\d{2}\b)",
    re.I,
)
_IMAGE_RE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*\|?\s*$|^\[?image\]?$|^\|+$", re.I)
_BULLET_RE = re.compile(r"^\s*[•·●▪◦\-–*+]\s*")
_SITE_RULE_RE = re.compile(r"(ban doc|nhuan but|ban quyen|binh luan|vi pham|dieu khoan|terms of|readers|"
                           r"comment|subscribe|dang ky nhan|privacy|quang cao|advertis)")
_SENT_END_CHARS = ".!?…\"”’:;)»"
# A line ending with a short parenthesis ("(Hàn Quốc)", "(Cuba)", "(video)") after a word, with no
# sentence punctuation inside the parenthesis nor right before it, is a headline or caption.
_HEADLINE_PAREN_RE = re.compile(r"[^\W\d_]\s*\((?:[^().!?:;]{1,30})\)$")


def _is_end_marker(folded: str) -> bool:
    f = folded.strip(" :.-|•*")
    if f in _END_MARKERS_EXACT:
        return True
    if _END_MARKER_PREFIX_RE.match(f):
        return True
    return False


def _classify(line: str) -> str:
    """Return one of: blank, end, source, junk, long, short, dateline."""
    if not line:
        return "blank"
    folded = fold(line)
    if _is_end_marker(folded):
        return "end"
    if _SOURCE_LINE_RE.match(folded) and len(line.split()) <= 8 and not line.endswith((".", "…")):
        return "source"
    if _IMAGE_RE.match(line):
        return "junk"
    bare = _BULLET_RE.sub("", line)
    fb = fold(bare).strip(" .:|")
    if fb in _RATING_WORDS:
        return "junk"
    if _TIMESTAMP_RE.match(line.strip()):
        return "dateline" if _DATELINE_RE.search(line) else "junk"
    if _DATELINE_RE.search(line) and len(line.split()) <= 10 and not bare.rstrip().endswith("."):
        return "dateline"
    if line.rstrip().endswith("|") or line.lstrip().startswith("|"):
        return "junk"          # related-article links and "caption |" stubs
    if "|" in line and len(line.split()) < 12:
        return "junk"          # menus "Đăng ký | Đăng nhập"
    if _BULLET_RE.match(line) and not line.lstrip().startswith("* ") and _SITE_RULE_RE.search(fold(line)):
        return "junk"
    n = len(bare.split())
    if _DATELINE_RE.search(line) and n <= 10 and not bare.endswith("."):
        return "dateline"
    ends = bare.rstrip().endswith(tuple(_SENT_END_CHARS)) or bare.rstrip().endswith("./.")
    if ends and _HEADLINE_PAREN_RE.search(bare.rstrip()):
        ends = False    # "... tiếp Đoàn đại biểu tỉnh Gyeonggi (Hàn Quốc)": a headline, not a sentence
    if (n >= 8 and ends) or n >= 25:
        return "long"
    return "short"


_GENERIC = set(
    "ha noi hanoi viet nam vietnam thanh pho tp thu do ubnd hdnd thanh uy chu tich pho bi thu dong chi ong ba "
    "the city of and in on at to for with from by a an as is was were be has have had this that these those "
    "va cua voi cac nhung tai trong cho la da se duoc ngay sang chieu toi hai ben mot nam".split()
)


def _compounds(text: str) -> set[str]:
    """Hyphenated transliterations as one word: "Tô-ky-ô" -> "tokyo", "Mát-xcơ-va" -> "matxcova"."""
    return {m.replace("-", "") for m in re.findall(r"[^\W_]+(?:-[^\W_]+)+", fold(text))}


def _keywords(text: str) -> set[str]:
    return {t for t in fold_tokens(text) if len(t) > 2 and t not in _GENERIC and not t.isdigit()} | _compounds(text)


def _entities(text: str) -> set[str]:
    """Folded capitalised multi-token names (rough named entities)."""
    out = set()
    for m in re.finditer(r"(?:" + UPPER_CLASS + r"[\wÀ-ỹđ'\-]*\.?\s+){0,4}" + UPPER_CLASS + r"[\wÀ-ỹđ'\-]*", text):
        toks = [t for t in fold_tokens(m.group(0)) if t not in _GENERIC]
        if toks:
            out.add(" ".join(toks))
            out.update(t for t in toks if len(t) > 3)
            out.update(_compounds(m.group(0)))
    return out


_RELATED_REF_RE = re.compile(
    r"\b(dai su|hai ben|hai thanh pho|hai thu do|doan|truong doan|phia ban|both sides|the two cities|the delegation|"
    r"the ambassador|the mayor|he said|she said|ong cho biet|ba cho biet|tai buoi|at the meeting|during the|"
    r"the reception|the talks|the meeting|the visit|the event|buoi tiep|buoi lam viec|buoi hoi dam|chuyen tham|"
    r"the two sides|the two capitals|hai thu do|nhan dip nay|on this occasion)\b"
)


def _strip_bullet(line: str) -> str:
    return re.sub(r"^\s*[•·●▪◦*]\s+", "", line).strip()


_PUBLISHED_RE = re.compile(
    r"^\W*(published|posted|updated|last updated|date|publication date|released|cap nhat|ngay dang|dang luc|"
    r"dang ngay|ngay xuat ban|xuat ban|thoi gian dang|ngay cap nhat)\b\s*(on|at|luc|ngay)?\s*[:\-–]?", re.I)
_DATE_TIME_RE = re.compile(r"\d{1,2}:\d{2}(:\d{2})?\s*(am|pm|gmt\s*\+?\d*|\(gmt\s*\+\s*7\))?", re.I)


def _mostly_date(line: str) -> bool:
    """A line that is only a date (plus weekday, time, place of publication or a "Published:" label):
    "Thứ Năm, 18/05/2023 - 16:20", "Published: 27 September 2024", "Hanoi, 5 June 2024"."""
    f = fold(line)
    f = _PUBLISHED_RE.sub(" ", f)
    f = _DATELINE_RE.sub(" ", f)
    f = _DATE_TIME_RE.sub(" ", f)
    return len(re.findall(r"[a-z]+", f)) <= 3


def _page_dateline(raw_lines: list[str], kinds: list[str], b_start: int, b_end: int) -> str | None:
    """Publication line anywhere in the page (before or after the body): a "Published:" /
    "Cập nhật:" line first, else the date-only line closest to the body.  Date lines that carry
    more words (a teaser "Giá vàng hôm nay 22/11/2024") are not publication lines."""
    cands = [j for j, l in enumerate(raw_lines) if l and _DATELINE_RE.search(l) and len(l.split()) <= 12
             and (kinds[j] == "dateline" or _PUBLISHED_RE.match(fold(l))) and _mostly_date(l)]
    if not cands:
        return None
    labelled = [j for j in cands if _PUBLISHED_RE.match(fold(raw_lines[j]))]
    pool = labelled or cands

    def distance(j):
        return b_start - j if j < b_start else (j - b_end if j > b_end else 0)

    return raw_lines[min(pool, key=distance)]


def clean_plain(text: str) -> CleanResult:
    raw_lines = [normalize_space(l) for l in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kinds = [_classify(l) for l in raw_lines]
    res = CleanResult()

    # URLs from source / "Xem link gốc" lines first, then any other URL in the dump.
    prio, other = [], []
    for line, kind in zip(raw_lines, kinds):
        for u in _URL_RE.findall(line):
            u = u.rstrip(".,;")
            f = fold(line)
            (prio if ("link goc" in f or kind in ("source", "end") or f.startswith(("nguon", "source", "theo")))
             else other).append(u)
    res.source_urls = list(dict.fromkeys(prio + other))

    # Blocks of long lines.
    blocks: list[tuple[int, int, int]] = []   # (start, end_inclusive, long_chars)
    start = None
    last_long = None
    chars = 0
    short_run = 0

    def close():
        nonlocal start, last_long, chars, short_run
        if start is not None and last_long is not None:
            blocks.append((start, last_long, chars))
        start = last_long = None
        chars = 0
        short_run = 0

    for i, (line, kind) in enumerate(zip(raw_lines, kinds)):
        if kind in ("end", "source"):
            close()
            continue
        if kind == "long":
            if start is None:
                start = i
            last_long = i
            chars += len(line)
            short_run = 0
            if line.rstrip().endswith("./.") or line.rstrip().endswith("/."):
                close()
            continue
        if kind in ("short", "junk", "dateline") and start is not None:
            short_run += 1
            if short_run >= 4:
                close()
    close()
    if not blocks:
        return res
    # Teaser paragraphs right above the headline join the article's block: cut the block at an
    # inner headline when the lines above it are unrelated to each other and to what follows.
    def _strong(text):
        return {e for e in _entities(text) if " " in e or len(e) >= 5}

    def cut_prefix(b):
        start, end, _ = b
        for h in range(start + 1, end):
            line = raw_lines[h]
            n = len(line.split())
            if kinds[h] != "short" or n < 4 or n > 35 or line.endswith((".", ":")):
                continue
            before = [raw_lines[j] for j in range(start, h) if kinds[j] == "long"]
            after = [raw_lines[j] for j in range(h + 1, end + 1) if kinds[j] == "long"]
            if len(before) < 2 or not after:
                continue
            head_after = _strong(line + " " + " ".join(after[:2]))
            if not (_keywords(line) & _keywords(" ".join(after[:2]))):
                continue
            if any(_strong(x) & head_after for x in before):
                continue
            linked = sum(1 for i, x in enumerate(before) for y in before[i + 1:] if _strong(x) & _strong(y))
            if linked <= len(before) // 3:
                chars = sum(len(raw_lines[j]) for j in range(h + 1, end + 1) if kinds[j] == "long")
                return (h + 1, end, chars), (start, h - 1, b[2] - chars)
        return None

    split_blocks = []
    for b in blocks:
        cut = cut_prefix(b)
        if cut:
            split_blocks.append(cut[0])     # the unrelated prefix is dropped
        else:
            split_blocks.append(b)
    blocks = split_blocks

    # A block of unrelated teaser paragraphs can be as long as a short article: weight each block
    # by how well its lines stick to the subject of its first lines.
    def coherence(b):
        longs = [raw_lines[j] for j in range(b[0], b[1] + 1) if kinds[j] == "long"]
        if len(longs) < 2:
            return 0.5
        head = _entities(" ".join(longs[:2])) | _keywords(longs[0])
        linked = sum(1 for line in longs[2:] + longs[1:2] if (_entities(line) | _keywords(line)) & head)
        return linked / (len(longs) - 1)

    scored = [(b, b[2] * (0.3 + coherence(b))) for b in blocks]
    best_score = max(sc for _, sc in scored)
    body = next(b for b, sc in scored if sc >= 0.5 * best_score)
    b_start, b_end, _ = body

    # Title: headline-like line shortly before the body.
    lede_kw = _keywords(" ".join(raw_lines[b_start:b_end + 1][:6]))
    best, best_score = None, 0.0
    lo = max(0, b_start - 12)
    for j in range(lo, b_start):
        line = raw_lines[j]
        if kinds[j] not in ("short",) or not line:
            continue
        n = len(line.split())
        if n < 4 or n > 35 or line.endswith("."):
            continue
        kw = _keywords(line)
        if not kw:
            continue
        score = len(kw & lede_kw) / len(kw) + 0.02 * (j - lo)
        if score > best_score:
            best, best_score = line, score
    if best is None and b_start > 0:
        for j in range(b_start - 1, lo - 1, -1):
            if kinds[j] == "short" and len(raw_lines[j].split()) >= 3:
                best = raw_lines[j]
                break
    # Date line near the title / top of the body; else a publication line anywhere in the page.
    for j in range(max(0, b_start - 12), min(len(raw_lines), b_start + 3)):
        if kinds[j] == "dateline":
            res.dateline = raw_lines[j]
            break
    if res.dateline is None:
        res.dateline = _page_dateline(raw_lines, kinds, b_start, b_end)
        res.dateline_near = res.dateline is None

    paras: list[str] = []
    seen = set()
    title_f = fold(best or "")
    for j in range(b_start, b_end + 1):
        line, kind = raw_lines[j], kinds[j]
        if kind == "long" or (kind == "short" and line.endswith((".", "!", "?", "…")) and len(line.split()) >= 5):
            s = _strip_bullet(line)
            f = fold(s)
            if f in seen or (title_f and f.startswith(title_f) and len(f) < len(title_f) + 6):
                continue
            seen.add(f)
            paras.append(s)

    # Trailing teaser filter.
    if len(paras) > 2:
        topic_text = (best or "") + " " + " ".join(paras[:2])
        topic_ents = _entities(topic_text) | _keywords(best or "")
        topic_kw = _keywords(topic_text)
        while len(paras) > 2:
            last = paras[-1]
            f = fold(last)
            ents = _entities(last)
            kw = _keywords(last)
            related = last.rstrip().endswith("./.") or bool(ents & topic_ents) or len(kw & topic_kw) >= 3 or bool(_RELATED_REF_RE.search(f))
            if related:
                break
            paras.pop()

    res.title = best or (paras[0][:200] if paras else "")
    res.paragraphs = paras
    return res


def _html_to_lines(html: str) -> str:
    try:
        import lxml.html
        doc = lxml.html.fromstring(html)
        for bad in doc.xpath("//script|//style|//noscript|//nav|//footer|//header|//aside|//form"):
            bad.drop_tree()
        for el in doc.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "article", "section", "td"):
            el.tail = ("\n" + el.tail) if el.tail else "\n"
        return doc.text_content()
    except Exception:
        return re.sub(r"<[^>]+>", "\n", html)


def clean_html(html: str) -> CleanResult:
    extracted = None
    title = ""
    page_date = None
    try:
        import trafilatura
        extracted = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=False,
                                        with_metadata=False, deduplicate=True)
        meta = trafilatura.extract_metadata(html)
        if meta is not None:
            title = meta.title or ""
            page_date = meta.date
    except Exception:
        extracted = None
    if extracted and extracted.strip():
        res = clean_plain((title + "\n\n" if title else "") + extracted)
        if not res.paragraphs:   # trafilatura output is already clean: keep every paragraph
            res.paragraphs = [normalize_space(p) for p in extracted.splitlines() if len(p.split()) >= 5]
    else:
        res = clean_plain(_html_to_lines(html))
    if title:
        res.title = normalize_space(title)
    if page_date and (not res.dateline or not res.dateline_near):
        res.dateline, res.dateline_near = str(page_date), True
    res.is_html = True
    return res


def clean(text: str) -> CleanResult:
    if looks_like_html(text):
        return clean_html(text)
    return clean_plain(text)
