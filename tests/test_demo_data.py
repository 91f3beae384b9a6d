import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from meetings.models import Meeting, Participation, SourceArticle
from partnerships.models import Agreement, Locality, Milestone, Partnership

pytestmark = pytest.mark.django_db


def _counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()
            if not model._meta.label.startswith(("sessions.", "admin."))}


def test_load_demo_twice_changes_nothing(capsys):
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first
    assert "nothing changed" in capsys.readouterr().out


def test_demo_holds_the_seed_facts():
    call_command("load_demo")
    vientiane = Locality.objects.get(name_en="Vientiane")
    assert vientiane.name_vi == "Viêng Chăn"
    assert Locality.objects.get(name_en="Chanthabuly").parent == vientiane
    assert Partnership.objects.filter(hanoi_locality__name_vi="Hoàn Kiếm", partner_locality=vientiane.children.get())

    la_mou = Agreement.objects.get(partnership__partner_locality__name_en="Los Angeles", kind=Agreement.Kind.MOU)
    assert la_mou.stage == Agreement.Stage.NEGOTIATING
    assert la_mou.stage_changes.filter(to_stage=Agreement.Stage.NEGOTIATING, changed_on__year=2018).exists()
    assert la_mou.target_signing_on.year == 2023

    plan = Agreement.objects.get(title__contains="2022–2025")
    assert (plan.valid_from.year, plan.valid_until.year) == (2022, 2025)

    # Seed 001 reports two receptions of the same ambassador by two leaders.
    article = SourceArticle.objects.get(title__startswith="Hà Nội mong muốn tăng cường")
    hosts = set(Participation.objects.filter(meeting__articles=article, role="host")
                .values_list("person__full_name", flat=True))
    assert hosts == {"Vương Đình Huệ", "Nguyễn Đức Chung"}

    visit = Meeting.objects.get(kind=Meeting.Kind.VISIT_ABROAD)
    assert visit.display_date == "14/08/2023"
    assert visit.participations.filter(person__full_name="Paul Krekorian", side="partner").exists()


def test_demo_milestones_are_due_soon_and_overdue():
    call_command("load_demo")
    pending = Milestone.objects.filter(status=Milestone.Status.PENDING)
    today = timezone.localdate()
    assert pending.filter(due_on__lt=today).exists()
    assert pending.filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=30)).exists()
