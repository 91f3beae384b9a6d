"""The thin tasks: ids and ISO dates in, services called."""
import datetime

import pytest

from partnerships.models import Agreement
from reminders.models import Digest
from reminders.services import digests_claim
from reminders.tasks import expire_agreements, scan_reminders
from tests.factories import AgreementFactory, MilestoneFactory, StaffProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 4, 23)


def test_expire_agreements_task_expires_as_a_system_change(travel):
    travel(DAY)
    agreement = AgreementFactory(stage=Agreement.Stage.IN_FORCE, stage_changed_on=datetime.date(2024, 1, 1),
                                 valid_until=datetime.date(2025, 4, 1))
    assert expire_agreements.delay().get() == [agreement.pk]
    agreement.refresh_from_db()
    change = agreement.stage_changes.get()
    assert (agreement.stage, change.recorded_by, change.note) == (Agreement.Stage.EXPIRED, None, "Validity ended")


def test_an_unsent_digest_is_dropped_when_its_user_turns_digests_off(mailoutbox, django_capture_on_commit_callbacks):
    profile = StaffProfileFactory(user=UserFactory(email="officer@hanoi.example"))
    MilestoneFactory(owner=profile.user, due_on=DAY)
    [digest_id] = digests_claim(today=DAY)  # claimed, never sent (say the worker died)
    profile.digests_enabled = False
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert scan_reminders.delay(DAY.isoformat()).get() == []
    assert mailoutbox == []
    assert Digest.objects.get(pk=digest_id).status == Digest.Status.PENDING


def test_unsent_digests_older_than_a_week_are_left_alone(mailoutbox, django_capture_on_commit_callbacks):
    user = StaffProfileFactory(user=UserFactory(email="officer@hanoi.example")).user
    MilestoneFactory(owner=user, due_on=DAY)
    [old] = digests_claim(today=DAY)
    with django_capture_on_commit_callbacks(execute=True):
        scan_reminders.delay((DAY + datetime.timedelta(days=8)).isoformat())
    assert Digest.objects.get(pk=old).status == Digest.Status.PENDING
    new = Digest.objects.get(day=DAY + datetime.timedelta(days=8))  # the milestone is overdue by now
    assert [m.extra_headers["X-Reminder-Digest"] for m in mailoutbox] == [str(new.pk)]
