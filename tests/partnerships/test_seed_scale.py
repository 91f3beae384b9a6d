"""seed_scale writes in bulk (no signals), so it rebuilds the stored last activity itself."""
import io

import pytest
from django.core.management import call_command

from partnerships.models import Partnership
from partnerships.selectors import partnerships_with_last_activity

pytestmark = pytest.mark.django_db


def test_seed_scale_fills_last_activity():
    out = io.StringIO()
    call_command("seed_scale", meetings=20, stdout=out)
    assert "last activity: " in out.getvalue() and "ANALYZE done" in out.getvalue()
    computed = dict(partnerships_with_last_activity().values_list("pk", "activity_on"))
    stored = dict(Partnership.objects.values_list("pk", "last_activity_on"))
    assert stored and stored == computed


def test_seed_scale_milestones_are_consistent():
    """Only the done milestones carry a date of completion, as the model's check requires."""
    from partnerships.models import Milestone

    call_command("seed_scale", meetings=50, stdout=io.StringIO())
    milestones = Milestone.objects.all()
    assert milestones.filter(status=Milestone.Status.PENDING).exists()
    assert not milestones.filter(status=Milestone.Status.PENDING, completed_on__isnull=False).exists()
    assert not milestones.filter(status=Milestone.Status.DONE, completed_on__isnull=True).exists()
