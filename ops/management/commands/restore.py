"""Restores an archive written by `backup` into an empty, migrated database."""
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dashboard.content_cache import data_changed

from .backup import EXCLUDED

# Rows that migrations create themselves (groups, standard areas) may be present in an empty database.
CREATED_BY_MIGRATIONS = {"auth.group", "partnerships.cooperationarea"}


class Command(BaseCommand):
    help = "Loads ARCHIVE (written by backup) into an empty database and puts the files back under MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        if not Path(archive).is_file():
            raise CommandError(f"No such archive: {archive}")
        self._ensure_empty()
        media = Path(settings.MEDIA_ROOT)
        with tempfile.TemporaryDirectory() as workdir, tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            names = {m.name for m in members}
            if "data.json" not in names:
                raise CommandError("This is not a backup archive: data.json is missing.")
            for member in members:
                path = PurePosixPath(member.name)
                if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
                    raise CommandError(f"Unsafe entry in the archive: {member.name}")
            tar.extractall(workdir, filter="data")
            with transaction.atomic():
                call_command("loaddata", str(Path(workdir) / "data.json"), verbosity=0)
                data_changed()  # loaddata's saves are raw: the page cache does not count them
            restored = 0
            for source in (Path(workdir) / "media").rglob("*") if (Path(workdir) / "media").exists() else []:
                if source.is_file():
                    target = media / source.relative_to(Path(workdir) / "media")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(source.read_bytes())
                    restored += 1
        self.stdout.write(f"Restored the data and {restored} files from {archive}.")

    def _ensure_empty(self):
        for model in apps.get_models():
            label = model._meta.label_lower
            if label in CREATED_BY_MIGRATIONS or label.split(".")[0] in EXCLUDED or label in EXCLUDED:
                continue
            if model._default_manager.exists():
                raise CommandError(f"The database is not empty ({model._meta.label} has rows): restore needs an "
                                   "empty, migrated database.")
