"""Article ingestion: an article (pasted, uploaded or fetched) becomes a SourceArticle holding
an extracted DRAFT; an editor reviews the draft and confirms it into meetings.

Nothing from an article becomes a fact without a person confirming it: `article_ingest` only
stores the article and the draft (review pending); `article_confirm` is the one write that turns
a reviewed draft into meetings, participations, new localities, exploring partnerships and
agreement stage changes — all in one transaction, all or nothing.
"""
from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urldefrag, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Language, Meeting, Participation, Person, SourceArticle
from meetings.services import article_content_hash
from partnerships.models import Locality, Partnership
from partnerships.services import agreement_advance

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_VI_LETTERS = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)
_LATIN = re.compile(r"[A-Za-z]")
UPLOAD_EXTENSIONS = (".txt", ".text", ".htm", ".html")


# ---------------------------------------------------------------- input checks and decoding

def _megabytes(size):
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 1 else f"{value:.2f}"


def too_large_error(max_bytes=None):
    max_bytes = max_bytes or settings.INGEST_MAX_BYTES
    return ValidationError(_("The article is larger than the limit of %(size)s MB.") % {"size": _megabytes(max_bytes)},
                           code="too_large")


def _binary_error():
    return ValidationError(_("This looks like a binary file, not the text of an article. Paste the text or upload "
                             "a .txt or .html file."), code="binary")


def decode_article_bytes(data: bytes, *, charset: str | None = None) -> str:
    """Text of an uploaded or fetched file: a byte-order mark, the declared charset, an HTML
    <meta charset>, then UTF-8. Anything else (a PDF, an image, a legacy code page we cannot
    tell apart from noise) is refused rather than guessed."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data:
            raise _binary_error()
        candidates = []
        if charset:
            candidates.append(charset)
        meta = _META_CHARSET.search(data[:4096])
        if meta:
            candidates.append(meta.group(1).decode("ascii", "ignore"))
        candidates.append("utf-8")
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    raise ValidationError(_("The file could not be read as text. Save it as UTF-8 text or HTML and try again."),
                          code="undecodable")


def check_article_text(text: str) -> str:
    """Refuse text that is empty, too large or binary; return it without surrounding blanks."""
    if text is None or not text.strip():
        raise ValidationError(_("The article is empty."), code="empty")
    if len(text.encode("utf-8", "surrogatepass")) > settings.INGEST_MAX_BYTES:
        raise too_large_error()
    if "\x00" in text:
        raise _binary_error()
    control = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if control > max(3, len(text) // 100):
        raise _binary_error()
    return text.strip()


def read_upload(upload) -> str:
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(UPLOAD_EXTENSIONS):
        raise ValidationError(_("Upload a .txt or .html file."), code="extension")
    if upload.size is not None and upload.size > settings.INGEST_MAX_BYTES:
        raise too_large_error()
    upload.seek(0)
    data = upload.read(settings.INGEST_MAX_BYTES + 1)
    if len(data) > settings.INGEST_MAX_BYTES:
        raise too_large_error()
    charset = getattr(upload, "charset", None)
    return decode_article_bytes(data, charset=charset)


def guess_language(text: str) -> str:
    vietnamese = len(_VI_LETTERS.findall(text))
    latin = len(_LATIN.findall(text)) + vietnamese
    if not latin:
        return Language.OTHER
    return Language.VIETNAMESE if vietnamese / latin > 0.03 else Language.ENGLISH


# ---------------------------------------------------------------- extraction

def gazetteer_entries() -> list[dict]:
    """The DB's localities as gazetteer entries (added to the shipped list by `extract`), so a
    matched partner locality carries its `id`."""
    try:
        from meetings.extraction.django_gazetteer import gazetteer_entries_from_db
    except ImportError:
        gazetteer_entries_from_db = None
    if gazetteer_entries_from_db is not None:
        return list(gazetteer_entries_from_db())
    return [
        {"id": loc["id"], "name_en": loc["name_en"], "name_vi": loc["name_vi"], "aliases": loc["aliases"] or [],
         "country": str(loc["country"]), "kind": loc["kind"], "hanoi_side": loc["is_hanoi_side"],
         "domestic": str(loc["country"]) == "VN" and not loc["is_hanoi_side"]}
        for loc in Locality.objects.values("id", "name_en", "name_vi", "aliases", "country", "kind", "is_hanoi_side")
    ]


def extract_draft(text: str, *, url=None, published=None) -> dict:
    """Run the extractor; the draft as JSON (CLI keys plus segments, proposed localities…)."""
    from meetings.extraction import extract

    draft = extract(text, url=url or None, published=published, gazetteer=gazetteer_entries(),
                    known_people=list(Person.objects.values_list("full_name", flat=True)))
    data = draft.to_full_dict() if hasattr(draft, "to_full_dict") else draft.to_json_dict()
    if "segments" not in data:
        data["segments"] = [s.to_json_dict() for s in getattr(draft, "segments", [])]
    if "proposed_localities" not in data:
        data["proposed_localities"] = list(getattr(draft, "proposed_localities", []))
    # Only JSON types in the database (dates as ISO strings, Decimals as strings).
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


# ---------------------------------------------------------------- ingestion

def _existing_by_url(url):
    if not url:
        return None
    return SourceArticle.objects.filter(url=url).first()


def _publisher(url):
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")[:200]


def article_ingest(*, text=None, upload=None, url=None, published=None, by):
    """Store an article and its extracted draft, pending review. Give the pasted `text` or an
    `upload` (`url` then only says where it came from), or only a `url` to fetch it.

    Returns (article, created): the same article twice — same URL or same cleaned text — gives
    the existing article and created=False, never a copy. Refuses with a ValidationError, storing
    nothing, when the input is empty, binary, too large, unreadable or holds no article text."""
    url = urldefrag((url or "").strip())[0]  # "#comments" does not make another article
    given = [value for value in (text, upload) if value not in (None, "")]
    if len(given) > 1:
        raise ValidationError(_("Give the article one way only: paste it, upload a file or give its address."),
                              code="several_inputs")
    retrieved_at = None
    if upload is not None:
        raw = read_upload(upload)
    elif text not in (None, ""):
        raw = text
    elif url:
        existing = _existing_by_url(url)
        if existing:
            return existing, False
        from meetings.fetching import fetch_url

        page = fetch_url(url)
        raw = decode_article_bytes(page.content, charset=page.charset)
        retrieved_at = timezone.now()
        if page.final_url != url:
            existing = _existing_by_url(page.final_url)
            if existing:
                return existing, False
    else:
        raise ValidationError(_("Paste the article, upload a file or give its address."), code="empty")
    raw = check_article_text(raw)

    existing = _existing_by_url(url)
    if existing:
        return existing, False

    try:
        draft = extract_draft(raw, url=url, published=published)
    except Exception:  # the extractor must never lose an article: the reviewer fills the form by hand
        logger.exception("extraction failed; storing the article with an empty draft")
        from meetings.extraction.cleaning import clean

        cleaned = clean(raw)
        draft = {"title": cleaned.title, "clean_text": cleaned.text, "evidence": {}, "segments": [],
                 "extraction_failed": True}
    clean_text = (draft.get("clean_text") or "").strip()
    if len(clean_text.split()) < 5:
        raise ValidationError(_("No article text could be found in this input. If it is a web page, check that it "
                                "is complete; otherwise paste the text of the article."), code="no_text")

    content_hash = article_content_hash(clean_text)
    existing = SourceArticle.objects.filter(content_hash=content_hash).first()
    if existing:
        return existing, False

    title = (draft.get("title") or "").strip() or clean_text.split("\n", 1)[0]
    article = SourceArticle(
        url=url, title=title[:500], publisher=_publisher(url), published_on=published,
        language=guess_language(clean_text), raw_text=raw, clean_text=clean_text, content_hash=content_hash,
        retrieved_at=retrieved_at, review_status=SourceArticle.ReviewStatus.PENDING, draft=draft, added_by=by,
    )
    article.full_clean(validate_unique=False, validate_constraints=False)
    article._history_user = by
    try:
        # Race condition: the same article pasted twice at once. The unique constraints decide;
        # the loser gets the winner's row.
        with transaction.atomic():
            article.save()
    except IntegrityError:
        existing = (SourceArticle.objects.filter(content_hash=content_hash).first()
                    or _existing_by_url(url))
        if existing is None:
            raise
        return existing, False
    return article, True


# ---------------------------------------------------------------- queue

def articles_awaiting_review():
    """Articles waiting for an editor's review, oldest first, with who added them; the
    (large) texts and draft are left out."""
    return (
        SourceArticle.objects.filter(review_status=SourceArticle.ReviewStatus.PENDING)
        .select_related("added_by")
        .defer("raw_text", "clean_text", "draft", "summary")
        .order_by("created_at", "id")
    )


# ---------------------------------------------------------------- confirmation

@dataclass
class ParticipantSpec:
    name: str
    title: str = ""
    side: str = Participation.Side.HANOI
    role: str = Participation.Role.ATTENDEE
    person: Person | None = None  # an existing person chosen by the reviewer; else matched by name


@dataclass
class StageChangeSpec:
    agreement: object
    to_stage: str
    on: date
    note: str = ""


@dataclass
class NewLocalitySpec:
    name: str  # the English (or only known) name
    country: str
    kind: str = Locality.Kind.CITY
    name_vi: str = ""


@dataclass
class MeetingSpec:
    """What the reviewer confirmed for one meeting of the article."""
    title: str
    date: date
    date_precision: str = Meeting.DatePrecision.DAY
    part_of_day: str = ""
    kind: str = Meeting.Kind.RECEPTION
    place: str = ""
    locality: Locality | None = None
    partner_localities: list = field(default_factory=list)
    new_localities: list[NewLocalitySpec] = field(default_factory=list)
    partnerships: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    summary: str = ""
    outcomes: str = ""
    participants: list[ParticipantSpec] = field(default_factory=list)
    stage_changes: list[StageChangeSpec] = field(default_factory=list)


class ConfirmRefused(Exception):
    """`article_confirm` refused: `error` (a ValidationError) about meeting number `meeting`
    (0-based, None: the whole article), its `part` ("stage_changes", "meeting"…) and `row`."""

    def __init__(self, error, *, meeting=None, part=None, row=None):
        super().__init__(error)
        self.error, self.meeting, self.part, self.row = error, meeting, part, row


def person_key(name: str) -> str:
    try:
        from meetings.extraction.people import name_key
    except ImportError:  # pragma: no cover - the extractor ships with the app
        name_key = None
    if name_key is not None:
        return name_key(name)
    from meetings.extraction.text import fold

    return " ".join(fold(name).split())


def _hanoi_locality():
    hanoi = (Locality.objects.filter(is_hanoi_side=True, country="VN", kind=Locality.Kind.CAPITAL)
             .order_by("id").first())
    if hanoi is None:
        hanoi = Locality.objects.filter(is_hanoi_side=True).order_by("id").first()
    return hanoi


def _partnerships_for(localities, *, by):
    """Hanoi's partnership with each partner locality; a locality Hanoi has none with gets an
    EXPLORING one, created here because an editor just confirmed a meeting with it."""
    found = {p.partner_locality_id: p for p in Partnership.objects.filter(partner_locality__in=localities)
             .order_by("id")}
    partnerships = []
    hanoi = None
    for locality in localities:
        partnership = found.get(locality.pk)
        if partnership is None:
            hanoi = hanoi or _hanoi_locality()
            if hanoi is None:
                raise ValidationError(_("Hanoi itself is missing from the localities; an administrator must add it "
                                        "first."), code="no_hanoi")
            partnership = Partnership(hanoi_locality=hanoi, partner_locality=locality,
                                      status=Partnership.Status.EXPLORING, level=Partnership.Level.COOPERATION)
            partnership.full_clean()
            partnership._history_user = by
            partnership.save()
            found[locality.pk] = partnership
        partnerships.append(partnership)
    return partnerships


def _locality_create(spec: NewLocalitySpec, *, by):
    name = " ".join(spec.name.split())
    existing = Locality.objects.filter(country=spec.country, name_en__iexact=name).first()
    if existing:
        return existing
    locality = Locality(name_en=name, name_vi=" ".join(spec.name_vi.split()) or name, kind=spec.kind,
                        country=spec.country, is_hanoi_side=False)
    locality.full_clean()
    locality._history_user = by
    locality.save()
    return locality


@transaction.atomic
def article_confirm(*, article, meetings, by):
    """Create the confirmed meetings of `article` (a list of MeetingSpec), with their
    participants, partnerships, agreements, areas and stage changes, link them to the article
    and mark it confirmed — all in one transaction: a refusal anywhere (e.g. a stage change
    `agreement_advance` will not make) raises ConfirmRefused and leaves nothing behind.
    Returns the meetings created."""
    # Race condition: two editors confirming the same article at once. Lock it and re-check that
    # it is still pending; the second one is refused instead of creating duplicate meetings.
    locked = SourceArticle.objects.select_for_update().get(pk=article.pk)
    if locked.review_status != SourceArticle.ReviewStatus.PENDING:
        raise ConfirmRefused(ValidationError(_("This article has already been reviewed."), code="already_reviewed"))
    if not meetings:
        raise ConfirmRefused(ValidationError(_("Keep at least one meeting, or dismiss the article."),
                                             code="no_meeting"))

    people_by_key = None
    created = []
    for index, spec in enumerate(meetings):
        try:
            new_localities = [_locality_create(new, by=by) for new in spec.new_localities]
            partner_localities = list(dict.fromkeys([*spec.partner_localities, *new_localities]))
            covered = {p.partner_locality_id for p in spec.partnerships}
            extra = _partnerships_for([loc for loc in partner_localities if loc.pk not in covered], by=by)
            partnerships = list(dict.fromkeys([*spec.partnerships, *extra]))
            meeting = Meeting(title=spec.title, date=spec.date, date_precision=spec.date_precision,
                              part_of_day=spec.part_of_day or "", kind=spec.kind, place=spec.place,
                              locality=spec.locality, summary=spec.summary, outcomes=spec.outcomes)
            meeting.full_clean()
        except ValidationError as error:
            raise ConfirmRefused(error, meeting=index, part="meeting") from error
        meeting._history_user = by
        meeting.save()
        meeting.partnerships.set(partnerships)
        meeting.agreements.set(spec.agreements)
        meeting.areas.set(spec.areas)
        meeting.articles.add(locked)

        if spec.participants and people_by_key is None:
            people_by_key = {}
            for person in Person.objects.only("id", "full_name").order_by("id"):
                people_by_key.setdefault(person_key(person.full_name), person)
        seen = set()
        for row, participant in enumerate(spec.participants):
            name = " ".join(participant.name.split())
            person = participant.person or people_by_key.get(person_key(name))
            if person is None:
                person = Person(full_name=name[:200], current_title=participant.title[:300],
                                country="VN" if participant.side == Participation.Side.HANOI else "")
                person._history_user = by
                person.save()
                people_by_key[person_key(name)] = person
            if person.pk in seen:
                continue  # the same person written twice in the article
            seen.add(person.pk)
            participation = Participation(meeting=meeting, person=person, title_at_time=participant.title[:300],
                                          side=participant.side, role=participant.role)
            try:
                participation.full_clean(validate_unique=False)
            except ValidationError as error:
                raise ConfirmRefused(error, meeting=index, part="participants", row=row) from error
            participation._history_user = by
            participation.save()

        for row, change in enumerate(spec.stage_changes):
            try:
                agreement_advance(agreement=change.agreement, to_stage=change.to_stage, on=change.on, by=by,
                                  note=change.note or _("From the article “%(title)s”") % {"title": locked.title},
                                  evidence=locked)
            except ValidationError as error:
                raise ConfirmRefused(error, meeting=index, part="stage_changes", row=row) from error
        created.append(meeting)

    locked.review_status = SourceArticle.ReviewStatus.CONFIRMED
    locked._history_user = by
    locked.save(update_fields=["review_status"])
    article.review_status = locked.review_status
    return created


def article_dismiss(*, article, by):
    """The article reports no meeting worth keeping: mark it dismissed (a confirmed article
    keeps its meetings and cannot be dismissed)."""
    with transaction.atomic():
        locked = SourceArticle.objects.select_for_update().get(pk=article.pk)
        if locked.review_status == SourceArticle.ReviewStatus.CONFIRMED:
            raise ValidationError(_("This article has already been confirmed."), code="already_reviewed")
        locked.review_status = SourceArticle.ReviewStatus.DISMISSED
        locked._history_user = by
        locked.save(update_fields=["review_status"])
    article.review_status = locked.review_status
    return locked
