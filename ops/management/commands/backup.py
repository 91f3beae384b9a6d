"""Exports everything (all rows and the uploaded files) into one .tar.gz archive."""
import io
import json
import tarfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by migrate on the target; the rest is data.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


class Command(BaseCommand):
    help = "Writes the data and the uploaded files into ARCHIVE (.tar.gz); restore reads it back."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        data = io.StringIO()
        call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDED, stdout=data,
                     indent=None)
        payload = data.getvalue().encode("utf-8")
        media = Path(settings.MEDIA_ROOT)
        files = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
        manifest = {"format": 1, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "rows": len(json.loads(payload)),
                    "files": len(files)}
        with tarfile.open(archive, "w:gz") as tar:
            for name, content in [("manifest.json", json.dumps(manifest).encode()), ("data.json", payload)]:
                info = tarfile.TarInfo(name)
                info.size, info.mtime = len(content), int(time.time())
                tar.addfile(info, io.BytesIO(content))
            for path in files:
                tar.add(path, arcname=f"media/{path.relative_to(media).as_posix()}")
        self.stdout.write(f"Backed up {manifest['rows']} rows and {manifest['files']} files to {archive}.")
