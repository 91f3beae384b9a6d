from django.core.management.base import BaseCommand

from partnerships.demo import DEMO_PASSWORD, DEMO_USERNAME, VIEWER_USERNAME, load_demo


class Command(BaseCommand):
    help = "Loads the facts of the seed articles and a few milestones around today. Safe to run twice."

    def handle(self, *args, **options):
        result = load_demo()
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {result.created} rows created."))
        else:
            self.stdout.write("Demo data already present: nothing changed.")
        self.stdout.write(f"Staff login: {DEMO_USERNAME} / {DEMO_PASSWORD} (editor and administrator); "
                          f"{VIEWER_USERNAME} / {DEMO_PASSWORD} (read only).")
