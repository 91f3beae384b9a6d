from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from dashboard.worldmap import render_svg


class Command(BaseCommand):
    help = "Write static/img/world.svg, the rough world outline behind the overview's partner map."

    def handle(self, *args, **options):
        target = Path(settings.BASE_DIR) / "static" / "img" / "world.svg"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_svg(), encoding="utf-8")
        self.stdout.write(f"Wrote {target} ({target.stat().st_size} bytes)")
