"""Backup then restore into an empty database loses nothing: rows, Vietnamese text and files."""
import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from meetings.models import Meeting
from partnerships.models import Agreement, Locality

pytestmark = pytest.mark.django_db(transaction=True)


def _snapshot():
    counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()
              if m._meta.app_label not in {"contenttypes", "sessions", "admin"} and m._meta.label != "auth.Permission"}
    details = {
        "localities": sorted(Locality.objects.values_list("name_vi", "name_en", "parent__name_en")),
        "stages": sorted(Agreement.objects.values_list("title", "stage", "stage_changes__to_stage")),
        "participants": sorted(Meeting.objects.values_list("title", "participations__person__full_name",
                                                            "participations__title_at_time")),
    }
    return counts, details


def test_round_trip_loses_nothing(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo")
    evidence = settings.MEDIA_ROOT / "agreements" / "2023" / "bien-ban-ghi-nho.pdf"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"%PDF-1.4 signed copy")
    before = _snapshot()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))

    call_command("flush", "--no-input")
    for path in settings.MEDIA_ROOT.rglob("*"):
        if path.is_file():
            path.unlink()
    call_command("restore", str(archive))

    assert _snapshot() == before
    assert evidence.read_bytes() == b"%PDF-1.4 signed copy"
    assert Locality.objects.get(name_en="Vientiane").name_vi == "Viêng Chăn"


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    call_command("load_demo")
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))


def test_restore_refuses_something_that_is_not_a_backup(tmp_path):
    import tarfile

    archive = tmp_path / "other.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(__file__, arcname="notes.txt")
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(archive))
