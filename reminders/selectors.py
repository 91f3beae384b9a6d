"""What goes into each staff member's reminder digest on a day. The whole selection runs in
a fixed number of queries, whatever the number of milestones, agreements or partnerships."""
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q

from partnerships.models import Agreement, Milestone
from partnerships.selectors import partnerships_dormant
from reminders.links import dashboard_url
from reminders.models import Digest, ReminderMark
from staff.models import StaffProfile, default_lead_days

# Unsent digests older than this are left alone rather than sent late.
RESEND_UNSENT_DAYS = 7


@dataclass
class Recipient:
    user: object
    language: str
    lead_days: list


@dataclass
class ReminderItem:
    """One line of a digest; `marks` are the (kind, object id, target date, lead) to record."""

    kind: str
    object_id: int
    title: str
    context: str
    date: datetime.date | None  # None: a dormant partnership with no activity ever recorded
    days: int  # days from the digest's day to `date`; negative when overdue
    url: str
    lead: int | None = None
    marks: list = field(default_factory=list)

    @property
    def overdue(self):
        return self.kind == ReminderMark.Kind.MILESTONE and self.days < 0

    def as_json(self):
        return {"kind": self.kind, "id": self.object_id, "title": self.title, "context": self.context,
                "date": self.date.isoformat() if self.date else None, "days": self.days, "lead": self.lead, "overdue": self.overdue,
                "url": self.url}


def _clean_leads(value):
    try:
        leads = {int(v) for v in value if 0 <= int(v) <= 366}
    except (TypeError, ValueError):
        leads = set()
    return sorted(leads or default_lead_days(), reverse=True)


def reminder_recipients():
    """Active users with an e-mail address who have not turned digests off (no profile means
    the defaults), by id. One query."""
    users = (get_user_model().objects.filter(is_active=True).exclude(email="")
             .exclude(profile__digests_enabled=False).select_related("profile"))
    recipients = {}
    for user in users:
        profile = getattr(user, "profile", None)
        recipients[user.pk] = Recipient(
            user=user,
            language=profile.language if profile else StaffProfile.Language.VIETNAMESE,
            lead_days=_clean_leads(profile.lead_days if profile else default_lead_days()),
        )
    return recipients


def _due_leads(*, days, leads, target_on, kind, object_id, marked):
    """Leads already reached (today on/after date - lead) that were not reminded yet."""
    return [lead for lead in leads if days <= lead and (kind, object_id, target_on, lead) not in marked]


def _marked(kind, ids):
    return set(ReminderMark.objects.filter(kind=kind, object_id__in=ids, lead_days__isnull=False)
               .values_list("kind", "object_id", "target_on", "lead_days"))


def _milestone_items(*, today, recipients, items):
    if not recipients:
        return
    horizon = today + datetime.timedelta(days=max(max(r.lead_days) for r in recipients.values()))
    milestones = list(
        Milestone.objects.filter(status=Milestone.Status.PENDING, owner_id__in=list(recipients), due_on__lte=horizon)
        .filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=today))
        .select_related("agreement", "partnership__partner_locality")
    )
    marked = _marked(ReminderMark.Kind.MILESTONE, [m.pk for m in milestones])
    for milestone in milestones:
        days = (milestone.due_on - today).days
        leads = _due_leads(days=days, leads=recipients[milestone.owner_id].lead_days, target_on=milestone.due_on,
                           kind=ReminderMark.Kind.MILESTONE, object_id=milestone.pk, marked=marked)
        if days >= 0 and not leads:
            continue  # not yet at its next lead time, or already reminded at it
        subject = milestone.agreement or milestone.partnership
        items.setdefault(milestone.owner_id, []).append(ReminderItem(
            kind=ReminderMark.Kind.MILESTONE, object_id=milestone.pk, title=milestone.title,
            context=str(subject.title if milestone.agreement_id else subject.partner_locality),
            date=milestone.due_on, days=days, url=dashboard_url("my_milestones"),
            lead=min(leads) if leads and days >= 0 else None,
            marks=[(ReminderMark.Kind.MILESTONE, milestone.pk, milestone.due_on, lead) for lead in leads],
        ))


def _expiry_items(*, today, recipients, items):
    leads = sorted(settings.REMINDER_EXPIRY_LEAD_DAYS, reverse=True)
    agreements = list(
        Agreement.objects.filter(stage__in=Agreement.BINDING_STAGES, valid_until__gte=today,
                                 valid_until__lte=today + datetime.timedelta(days=max(leads)))
        .select_related("partnership__partner_locality")
    )
    marked = _marked(ReminderMark.Kind.EXPIRY, [a.pk for a in agreements])
    for agreement in agreements:
        officer_id = agreement.responsible_officer_id or agreement.partnership.responsible_officer_id
        if officer_id not in recipients:
            continue
        days = (agreement.valid_until - today).days
        due = _due_leads(days=days, leads=leads, target_on=agreement.valid_until, kind=ReminderMark.Kind.EXPIRY,
                         object_id=agreement.pk, marked=marked)
        if not due:
            continue
        items.setdefault(officer_id, []).append(ReminderItem(
            kind=ReminderMark.Kind.EXPIRY, object_id=agreement.pk, title=agreement.title,
            context=str(agreement.partnership.partner_locality), date=agreement.valid_until, days=days,
            url=dashboard_url("agreement", agreement.pk), lead=min(due),
            marks=[(ReminderMark.Kind.EXPIRY, agreement.pk, agreement.valid_until, lead) for lead in due],
        ))


def _dormant_items(*, today, recipients, items):
    partnerships = list(partnerships_dormant(today=today).filter(responsible_officer_id__in=list(recipients)))
    since = today - datetime.timedelta(days=settings.REMINDER_DORMANT_EVERY_DAYS)
    recent = set(ReminderMark.objects.filter(kind=ReminderMark.Kind.DORMANT, day__gt=since,
                                             object_id__in=[p.pk for p in partnerships])
                 .values_list("object_id", flat=True))
    for partnership in partnerships:
        if partnership.pk in recent:
            continue
        last = partnership.last_activity_on
        items.setdefault(partnership.responsible_officer_id, []).append(ReminderItem(
            kind=ReminderMark.Kind.DORMANT, object_id=partnership.pk, title=str(partnership.partner_locality),
            context=str(partnership), date=last, days=(last - today).days if last else 0,
            url=dashboard_url("partner", partnership.partner_locality_id),
            marks=[(ReminderMark.Kind.DORMANT, partnership.pk, last, None)],
        ))


def _item_order(item):
    return (not item.overdue, item.days if item.kind != ReminderMark.Kind.DORMANT else 10**6, item.title)


def reminder_items(*, today, recipients=None):
    """{user id: [ReminderItem, …]} for `today`, overdue first then soonest first."""
    recipients = reminder_recipients() if recipients is None else recipients
    items = {}
    _milestone_items(today=today, recipients=recipients, items=items)
    _expiry_items(today=today, recipients=recipients, items=items)
    _dormant_items(today=today, recipients=recipients, items=items)
    for user_items in items.values():
        user_items.sort(key=_item_order)
    return items


def digests_unsent(*, today):
    """Digests of `today` and the few days before that were not sent (yet), for users who still
    want them."""
    return (Digest.objects.filter(status__in=Digest.UNSENT, day__lte=today,
                                  day__gte=today - datetime.timedelta(days=RESEND_UNSENT_DAYS))
            .exclude(user__profile__digests_enabled=False))
