"""python manage.py evaluate_extraction DIR EXPECTED.json [--json]

Runs the extractor on each file of DIR named in EXPECTED.json and prints the accuracy per field
and overall (comparison rules: meetings.extraction.evaluation).  Always exits 0.
"""
import json

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Evaluate the article extractor against labelled articles."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("expected")
        parser.add_argument("--json", action="store_true", help="print the results as JSON")
        parser.add_argument("--verbose-misses", action="store_true", help="list each wrong field per file")

    def handle(self, *args, **opts):
        from meetings.extraction.evaluation import FIELDS, evaluate

        res = evaluate(opts["directory"], opts["expected"])
        if opts["json"]:
            self.stdout.write(json.dumps(res, ensure_ascii=False, indent=2, default=str))
            return
        self.stdout.write(f"{'field':<20} accuracy")
        for f in FIELDS:
            c = res["counts"][f]
            acc = res["fields"][f]
            shown = f"{acc * 100:5.1f}%" if acc is not None else "  n/a"
            self.stdout.write(f"{f:<20} {shown}  ({c['correct']}/{c['total']})")
        overall = res["overall"]
        self.stdout.write(f"{'overall':<20} {overall * 100:5.1f}%" if overall is not None else "overall n/a")
        if opts["verbose_misses"]:
            for name, misses in res["files"].items():
                for f, d in misses.items():
                    self.stdout.write(f"MISS {name} {f}: expected {d['expected']!r} got {d['got']!r}")
