"""The agreement workflow: agreement_advance is the only way to change stage, it refuses
what the transitions table, the calendar and the evidence rules forbid, and a refusal
writes nothing. Expiry, renewal, milestone templates and milestone services."""
import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from partnerships.models import Agreement, Milestone, StageChange
from partnerships.services import (
    agreement_advance,
    agreement_create,
    agreement_renew,
    agreements_expire,
    milestone_complete,
    milestone_snooze,
)
from tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    MilestoneFactory,
    MilestoneTemplateFactory,
    SourceArticleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Stage = Agreement.Stage
TODAY = datetime.date(2025, 3, 10)
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def frozen_today():
    # 00:30 in Hanoi is still the previous day in UTC: localdate() must give the Hanoi day.
    with time_machine.travel(datetime.datetime(2025, 3, 10, 0, 30, tzinfo=HANOI), tick=False):
        yield


def _at(stage, *, on=datetime.date(2025, 1, 1), **kwargs):
    return AgreementFactory(stage=stage, stage_changed_on=on, **kwargs)


def _snapshot(agreement):
    row = Agreement.objects.get(pk=agreement.pk)
    return (row.stage, row.stage_changed_on, row.signed_on, StageChange.objects.count(), Milestone.objects.count())


def test_the_whole_life_of_an_agreement_is_recorded(staff_user):
    article = SourceArticleFactory()
    agreement = agreement_create(partnership=AgreementFactory().partnership, title="MoU giao thông", by=staff_user,
                                 on=datetime.date(2025, 1, 2), valid_until=datetime.date(2025, 3, 1))
    steps = [(Stage.NEGOTIATING, 5), (Stage.DRAFT_AGREED, 10), (Stage.NEGOTIATING, 12), (Stage.DRAFT_AGREED, 20),
             (Stage.APPROVED, 25), (Stage.SIGNED, 28), (Stage.IN_FORCE, 29)]
    for stage, day in steps:
        agreement_advance(agreement=agreement, to_stage=stage, on=datetime.date(2025, 1, day), by=staff_user,
                          evidence=article if stage == Stage.SIGNED else None)
    agreement.refresh_from_db()
    assert agreement.stage == Stage.IN_FORCE
    assert agreement.signed_on == datetime.date(2025, 1, 28)
    assert agreement.stage_changed_on == datetime.date(2025, 1, 29)
    history = list(agreement.stage_changes.values_list("from_stage", "to_stage"))
    assert history[0] == ("", Stage.PROPOSED)
    assert history[-1] == (Stage.SIGNED, Stage.IN_FORCE)
    assert len(history) == 1 + len(steps)
    assert agreement.stage_changes.get(to_stage=Stage.SIGNED).evidence == article

    assert agreements_expire(today=TODAY) == [agreement.pk]
    agreement.refresh_from_db()
    expiry = agreement.stage_changes.last()
    assert agreement.stage == Stage.EXPIRED
    assert (expiry.recorded_by, expiry.note, expiry.changed_on) == (None, "Validity ended", datetime.date(2025, 3, 2))


@pytest.mark.parametrize("stage", [s for s in Stage if s not in (Stage.EXPIRED, Stage.TERMINATED)])
def test_any_live_stage_can_be_terminated(stage, staff_user):
    agreement = _at(stage)
    agreement_advance(agreement=agreement, to_stage=Stage.TERMINATED, on=TODAY, by=staff_user, note="Hủy")
    assert Agreement.objects.get(pk=agreement.pk).stage == Stage.TERMINATED


def test_the_table_is_the_only_source_of_allowed_moves():
    assert Agreement.TRANSITIONS[Stage.DRAFT_AGREED] == {Stage.APPROVED, Stage.NEGOTIATING, Stage.TERMINATED}
    assert set(Agreement.TRANSITIONS) == set(Stage)
    assert all(Stage.TERMINATED in Agreement.TRANSITIONS[s] for s in Stage if s not in
               (Stage.EXPIRED, Stage.TERMINATED))


@pytest.mark.parametrize("current,target", [
    (Stage.PROPOSED, Stage.SIGNED),
    (Stage.PROPOSED, Stage.PROPOSED),
    (Stage.NEGOTIATING, Stage.APPROVED),
    (Stage.APPROVED, Stage.IN_FORCE),
    (Stage.IN_FORCE, Stage.SIGNED),
    (Stage.EXPIRED, Stage.IN_FORCE),
    (Stage.EXPIRED, Stage.TERMINATED),
    (Stage.TERMINATED, Stage.PROPOSED),
])
def test_a_move_not_in_the_table_is_refused_and_writes_nothing(current, target, staff_user):
    agreement = _at(current)
    MilestoneTemplateFactory(stage=target, offset_days=0)
    before = _snapshot(agreement)
    with pytest.raises(ValidationError) as refused:
        agreement_advance(agreement=agreement, to_stage=target, on=TODAY, by=staff_user,
                          evidence=SourceArticleFactory())
    assert refused.value.messages == [f"An agreement cannot move from “{current.label}” to “{target.label}”."]
    assert _snapshot(agreement) == before


def test_an_unknown_stage_is_refused(staff_user):
    agreement = _at(Stage.PROPOSED)
    with pytest.raises(ValidationError, match="is not a stage"):
        agreement_advance(agreement=agreement, to_stage="ratified", on=TODAY, by=staff_user)


def test_a_date_in_the_future_is_refused(staff_user):
    agreement = _at(Stage.PROPOSED)
    MilestoneTemplateFactory(stage=Stage.NEGOTIATING)
    before = _snapshot(agreement)
    with pytest.raises(ValidationError) as refused:
        agreement_advance(agreement=agreement, to_stage=Stage.NEGOTIATING, on=TODAY + datetime.timedelta(days=1),
                          by=staff_user)
    assert refused.value.messages == ["A stage change cannot be dated in the future (today is 10/03/2025)."]
    assert _snapshot(agreement) == before


def test_a_date_before_the_previous_stage_is_refused(staff_user):
    agreement = _at(Stage.NEGOTIATING, on=datetime.date(2025, 2, 1))
    MilestoneTemplateFactory(stage=Stage.DRAFT_AGREED)
    before = _snapshot(agreement)
    with pytest.raises(ValidationError) as refused:
        agreement_advance(agreement=agreement, to_stage=Stage.DRAFT_AGREED, on=datetime.date(2025, 1, 31),
                          by=staff_user)
    assert refused.value.messages == ["A stage change cannot be dated before the previous stage began (01/02/2025)."]
    assert _snapshot(agreement) == before


def test_the_same_day_as_the_previous_stage_is_fine(staff_user):
    agreement = _at(Stage.NEGOTIATING, on=TODAY)
    agreement_advance(agreement=agreement, to_stage=Stage.DRAFT_AGREED, on=TODAY, by=staff_user)
    assert agreement.stage == Stage.DRAFT_AGREED


def test_signing_without_evidence_is_refused(staff_user):
    agreement = _at(Stage.APPROVED)
    AgreementDocumentFactory(agreement=agreement, kind="draft")  # a draft is not evidence of signing
    MilestoneTemplateFactory(stage=Stage.SIGNED)
    before = _snapshot(agreement)
    with pytest.raises(ValidationError) as refused:
        agreement_advance(agreement=agreement, to_stage=Stage.SIGNED, on=TODAY, by=staff_user)
    assert refused.value.messages == [
        "Attach the signed document or give the source article before recording the signing."]
    assert _snapshot(agreement) == before


def test_a_signed_copy_is_evidence_enough(staff_user):
    agreement = _at(Stage.APPROVED)
    AgreementDocumentFactory(agreement=agreement)
    agreement_advance(agreement=agreement, to_stage=Stage.SIGNED, on=TODAY, by=staff_user)
    agreement.refresh_from_db()
    assert (agreement.stage, agreement.signed_on) == (Stage.SIGNED, TODAY)


def test_the_stage_is_rechecked_under_lock(staff_user):
    agreement = _at(Stage.PROPOSED)
    stale = Agreement.objects.get(pk=agreement.pk)
    agreement_advance(agreement=agreement, to_stage=Stage.TERMINATED, on=TODAY, by=staff_user)
    with pytest.raises(ValidationError, match="from “Terminated”"):
        agreement_advance(agreement=stale, to_stage=Stage.NEGOTIATING, on=TODAY, by=staff_user)
    assert StageChange.objects.filter(agreement=agreement).count() == 1


def test_entering_a_stage_creates_the_template_milestones(staff_user):
    officer, partnership_officer = UserFactory(), UserFactory()
    agreement = _at(Stage.APPROVED, kind=Agreement.Kind.MOU, responsible_officer=officer)
    AgreementDocumentFactory(agreement=agreement)
    MilestoneTemplateFactory(stage=Stage.SIGNED, agreement_kind="", title="Báo cáo UBND", offset_days=30)
    MilestoneTemplateFactory(stage=Stage.SIGNED, agreement_kind=Agreement.Kind.MOU, title="Công bố", offset_days=7)
    MilestoneTemplateFactory(stage=Stage.SIGNED, agreement_kind=Agreement.Kind.TWINNING, title="Không áp dụng")
    MilestoneTemplateFactory(stage=Stage.SIGNED, title="Đã tắt", active=False)
    MilestoneTemplateFactory(stage=Stage.IN_FORCE, title="Giai đoạn khác")
    agreement_advance(agreement=agreement, to_stage=Stage.SIGNED, on=datetime.date(2025, 3, 1), by=staff_user)
    created = {(m.title, m.due_on, m.owner) for m in agreement.milestones.all()}
    assert created == {("Báo cáo UBND", datetime.date(2025, 3, 31), officer),
                       ("Công bố", datetime.date(2025, 3, 8), officer)}

    # Without an officer on the agreement, the partnership's officer owns them.
    other = _at(Stage.PROPOSED, partnership=agreement.partnership)
    other.partnership.responsible_officer = partnership_officer
    other.partnership.save()
    MilestoneTemplateFactory(stage=Stage.NEGOTIATING, title="Gửi đề xuất", offset_days=14)
    agreement_advance(agreement=other, to_stage=Stage.NEGOTIATING, on=TODAY, by=staff_user)
    assert other.milestones.get().owner == partnership_officer


def test_a_new_agreement_gets_its_first_stage_and_milestones(partnership, staff_user):
    MilestoneTemplateFactory(stage=Stage.PROPOSED, title="Lập tờ trình", offset_days=10)
    agreement = agreement_create(partnership=partnership, title="Kế hoạch 2025-2027", kind=Agreement.Kind.PLAN,
                                 by=staff_user, responsible_officer=staff_user)
    change = agreement.stage_changes.get()
    assert (change.from_stage, change.to_stage, change.changed_on, change.recorded_by) == (
        "", Stage.PROPOSED, TODAY, staff_user)
    assert agreement.milestones.get().due_on == datetime.date(2025, 3, 20)


def test_expiry_leaves_alone_what_is_still_valid_or_not_binding():
    ends_today = _at(Stage.IN_FORCE, valid_until=TODAY)
    never_signed = _at(Stage.PROPOSED, valid_until=datetime.date(2024, 12, 31))
    already = _at(Stage.TERMINATED, valid_until=datetime.date(2024, 12, 31))
    ended = _at(Stage.SIGNED, on=datetime.date(2024, 1, 1), valid_until=datetime.date(2024, 12, 31))
    assert agreements_expire(today=TODAY) == [ended.pk]
    assert [Agreement.objects.get(pk=a.pk).stage for a in (ends_today, never_signed, already, ended)] == [
        Stage.IN_FORCE, Stage.PROPOSED, Stage.TERMINATED, Stage.EXPIRED]
    assert agreements_expire(today=TODAY) == []  # a second run changes nothing


def test_renewal_is_a_new_proposed_agreement_linked_to_the_old_one(staff_user):
    old = _at(Stage.IN_FORCE, valid_from=datetime.date(2020, 1, 1), valid_until=datetime.date(2025, 6, 30),
              responsible_officer=staff_user)
    renewal = agreement_renew(agreement=old, by=staff_user, valid_from=datetime.date(2025, 7, 1),
                              valid_until=datetime.date(2030, 6, 30))
    assert renewal.renews == old
    assert renewal.stage == Stage.PROPOSED
    assert renewal.title == f"{old.title} (renewal)"
    assert renewal.stage_changes.get().to_stage == Stage.PROPOSED
    assert Agreement.objects.get(pk=old.pk).stage == Stage.IN_FORCE


def test_an_unsigned_agreement_cannot_be_renewed(staff_user):
    with pytest.raises(ValidationError, match="Only a signed"):
        agreement_renew(agreement=_at(Stage.NEGOTIATING), by=staff_user)
    assert Agreement.objects.count() == 1


def test_milestone_complete_and_snooze(staff_user):
    milestone = MilestoneFactory(due_on=TODAY)
    milestone_snooze(milestone=milestone, until=TODAY + datetime.timedelta(days=3), by=staff_user)
    assert Milestone.objects.get(pk=milestone.pk).snoozed_until == datetime.date(2025, 3, 13)
    with pytest.raises(ValidationError, match="a day after today"):
        milestone_snooze(milestone=milestone, until=TODAY, by=staff_user)

    milestone_complete(milestone=milestone, on=TODAY, by=staff_user)
    milestone.refresh_from_db()
    assert (milestone.status, milestone.completed_on) == (Milestone.Status.DONE, TODAY)
    assert milestone.history.first().history_user == staff_user
    with pytest.raises(ValidationError, match="Only a pending"):
        milestone_snooze(milestone=milestone, until=TODAY + datetime.timedelta(days=3), by=staff_user)


def test_a_cancelled_milestone_cannot_be_completed(staff_user):
    milestone = MilestoneFactory(status=Milestone.Status.CANCELLED)
    with pytest.raises(ValidationError, match="cancelled milestone"):
        milestone_complete(milestone=milestone, on=TODAY, by=staff_user)
    assert Milestone.objects.get(pk=milestone.pk).status == Milestone.Status.CANCELLED
