"""Writes on agreements and milestones. `agreement_advance` is the only way an agreement
changes stage: every change is checked against Agreement.TRANSITIONS, dated, recorded as a
StageChange and creates the milestones its MilestoneTemplates ask for."""
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from dashboard.content_cache import data_changed
from partnerships.models import Agreement, AgreementDocument, Milestone, MilestoneTemplate, Partnership, StageChange

EXPIRY_NOTE = "Validity ended"


def _short_date(day):
    return date_format(day, "SHORT_DATE_FORMAT")


def _milestones_for_stage_create(*, agreement, stage, on):
    """Milestones the active templates ask for when `agreement` enters `stage` on `on`."""
    templates = MilestoneTemplate.objects.filter(active=True, stage=stage).filter(
        Q(agreement_kind="") | Q(agreement_kind=agreement.kind)
    )
    owner_id = agreement.responsible_officer_id or agreement.partnership.responsible_officer_id
    milestones = [
        Milestone(title=template.title, agreement=agreement, owner_id=owner_id,
                  due_on=on + datetime.timedelta(days=template.offset_days))
        for template in templates
    ]
    if milestones:
        bulk_create_with_history(milestones, Milestone)
        data_changed()  # bulk_create sends no signal
    return milestones


def _check_change_date(*, on, previous_on):
    today = timezone.localdate()
    if on > today:
        raise ValidationError(
            _("A stage change cannot be dated in the future (today is %(today)s).") % {"today": _short_date(today)},
            code="future_date",
        )
    if previous_on and on < previous_on:
        raise ValidationError(
            _("A stage change cannot be dated before the previous stage began (%(date)s).")
            % {"date": _short_date(previous_on)},
            code="before_previous",
        )


@transaction.atomic
def agreement_advance(*, agreement, to_stage, on, by, note="", evidence=None):
    """Move `agreement` to `to_stage` as of `on`, recorded by `by` (None: the system).
    Refuses with a ValidationError, writing nothing, when the move is not allowed."""
    try:
        to_stage = Agreement.Stage(to_stage)
    except ValueError:
        raise ValidationError(_("“%(stage)s” is not a stage.") % {"stage": to_stage}, code="unknown_stage") from None

    # Race condition: another request (or the expiry task) may have moved this agreement since
    # the caller loaded it. Lock the row and judge the move against the stage stored now.
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    current = Agreement.Stage(locked.stage)
    if to_stage not in Agreement.TRANSITIONS[current]:
        raise ValidationError(
            _("An agreement cannot move from “%(from)s” to “%(to)s”.") % {"from": current.label, "to": to_stage.label},
            code="transition_not_allowed",
        )
    _check_change_date(on=on, previous_on=locked.stage_changed_on)
    if (to_stage == Agreement.Stage.SIGNED and evidence is None
            and not locked.documents.filter(kind=AgreementDocument.Kind.SIGNED).exists()):
        raise ValidationError(
            _("Attach the signed document or give the source article before recording the signing."),
            code="signing_without_evidence",
        )

    change = StageChange(agreement=locked, from_stage=current, to_stage=to_stage, changed_on=on,
                         recorded_by=by, note=note, evidence=evidence)
    change.full_clean()
    change.save()

    locked.stage = to_stage
    locked.stage_changed_on = on
    update_fields = ["stage", "stage_changed_on"]
    if to_stage == Agreement.Stage.SIGNED:
        locked.signed_on = on
        update_fields.append("signed_on")
    locked._history_user = by
    locked.save(update_fields=update_fields)
    _milestones_for_stage_create(agreement=locked, stage=to_stage, on=on)

    # Keep the caller's instance in step with the row.
    for field in update_fields:
        setattr(agreement, field, getattr(locked, field))
    return change


@transaction.atomic
def agreement_create(*, partnership, title, by, kind=Agreement.Kind.MOU, on=None, responsible_officer=None,
                     valid_from=None, valid_until=None, renews=None, notes=""):
    """A new agreement, proposed on `on` (default today), with its first StageChange and the
    milestones of the proposed stage."""
    agreement = Agreement(partnership=partnership, title=title, kind=kind, responsible_officer=responsible_officer,
                          valid_from=valid_from, valid_until=valid_until, renews=renews, notes=notes)
    return agreement_start(agreement=agreement, by=by, on=on)


@transaction.atomic
def agreement_start(*, agreement, by, on=None):
    """Saves a new agreement (built by a caller such as the admin form) as proposed on `on`,
    with its first StageChange and the milestones of the proposed stage."""
    on = on or timezone.localdate()
    _check_change_date(on=on, previous_on=None)
    agreement.stage, agreement.stage_changed_on = Agreement.Stage.PROPOSED, on
    agreement.full_clean()
    agreement._history_user = by
    agreement.save()
    StageChange.objects.create(agreement=agreement, from_stage="", to_stage=Agreement.Stage.PROPOSED,
                               changed_on=on, recorded_by=by)
    _milestones_for_stage_create(agreement=agreement, stage=Agreement.Stage.PROPOSED, on=on)
    return agreement


@transaction.atomic
def agreement_renew(*, agreement, by, title=None, valid_from=None, valid_until=None):
    """A proposed successor of a signed (or expired) agreement, linked through `renews`."""
    renewable = Agreement.BINDING_STAGES | {Agreement.Stage.EXPIRED}
    if agreement.stage not in renewable:
        raise ValidationError(_("Only a signed, in-force or expired agreement can be renewed."),
                              code="not_renewable")
    renewal = agreement_create(
        partnership=agreement.partnership, kind=agreement.kind, by=by,
        title=title or _("%(title)s (renewal)") % {"title": agreement.title},
        responsible_officer=agreement.responsible_officer, valid_from=valid_from, valid_until=valid_until,
        renews=agreement,
    )
    renewal.areas.set(agreement.areas.all())
    return renewal


def agreements_expire(*, today):
    """Signed or in-force agreements whose validity ended before `today` become expired, each
    in its own transaction so one refusal does not hold back the others. Returns their ids."""
    expired = []
    candidates = Agreement.objects.filter(stage__in=Agreement.BINDING_STAGES, valid_until__lt=today)
    for agreement in candidates.only("pk", "valid_until", "stage_changed_on"):
        on = agreement.valid_until + datetime.timedelta(days=1)  # the first day it no longer holds
        if agreement.stage_changed_on and on < agreement.stage_changed_on:
            on = agreement.stage_changed_on
        try:
            agreement_advance(agreement=agreement, to_stage=Agreement.Stage.EXPIRED, on=min(on, today), by=None,
                              note=EXPIRY_NOTE)
        except ValidationError:
            continue  # moved on meanwhile (e.g. terminated): nothing to expire
        expired.append(agreement.pk)
    return expired


@transaction.atomic
def milestone_complete(*, milestone, on, by):
    """Mark a milestone done on `on`; done milestones are never reminded again."""
    # Race condition: re-read under lock, someone may have cancelled or completed it.
    locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if locked.status == Milestone.Status.CANCELLED:
        raise ValidationError(_("A cancelled milestone cannot be completed."), code="cancelled")
    if on > timezone.localdate():
        raise ValidationError(_("A milestone cannot be completed in the future."), code="future_date")
    if locked.status != Milestone.Status.DONE:
        locked.status = Milestone.Status.DONE
        locked.completed_on = on
        locked._history_user = by
        locked.full_clean()
        locked.save(update_fields=["status", "completed_on"])
    milestone.status, milestone.completed_on = locked.status, locked.completed_on
    return locked


@transaction.atomic
def milestone_snooze(*, milestone, until, by):
    """No reminders about `milestone` before `until`."""
    locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if locked.status != Milestone.Status.PENDING:
        raise ValidationError(_("Only a pending milestone can be snoozed."), code="not_pending")
    if until <= timezone.localdate():
        raise ValidationError(_("Snooze until a day after today."), code="past_date")
    locked.snoozed_until = until
    locked._history_user = by
    locked.save(update_fields=["snoozed_until"])
    milestone.snoozed_until = until
    return locked


@transaction.atomic
def partnerships_refresh_activity(*, partnership_ids):
    """Recompute the stored Partnership.last_activity_on of these partnerships from their
    meetings, the articles about those meetings, their agreements' stage changes and
    established_on. Derived data only: called from partnerships/signals.py and seed_scale."""
    from partnerships.selectors import partnerships_with_last_activity

    ids = sorted({pk for pk in partnership_ids if pk is not None})
    if not ids:
        return 0
    # Race condition: two transactions adding activity to one partnership would each compute
    # the latest date without the other's uncommitted row, and the later write would win.
    # Lock the rows first (in pk order, against deadlocks); the recompute below is a new
    # statement, so under READ COMMITTED it sees whatever the lock holder committed.
    list(Partnership.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    rows = [Partnership(pk=pk, last_activity_on=on) for pk, on in
            partnerships_with_last_activity().filter(pk__in=ids).values_list("pk", "activity_on")]
    Partnership.objects.bulk_update(rows, ["last_activity_on"], batch_size=500)
    data_changed()  # bulk_update sends no signal
    return len(rows)
