"""python manage.py extract_article PATH [--url URL] [--published YYYY-MM-DD]

Prints the extracted draft as JSON (fixed keys, see meetings.extraction.draft.CLI_KEYS).
Writes nothing to the database.  Exit status 2 with a one-line message on bad input.
"""
import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Extract a draft meeting event from a news article file and print it as JSON."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--url", default=None)
        parser.add_argument("--published", default=None, help="publication date, YYYY-MM-DD")

    def handle(self, *args, **opts):
        from meetings.extraction import extract
        from meetings.extraction.django_gazetteer import gazetteer_entries_from_db
        from meetings.extraction.inputs import ArticleInputError, read_article
        from meetings.extraction.places import Gazetteer

        published = None
        if opts["published"]:
            try:
                if len(opts["published"]) != 10:
                    raise ValueError
                published = dt.date.fromisoformat(opts["published"])
            except ValueError:
                raise CommandError(f"bad --published date {opts['published']!r}: use YYYY-MM-DD", returncode=2)
        try:
            text = read_article(opts["path"])
        except ArticleInputError as exc:
            raise CommandError(str(exc), returncode=2)
        extra = gazetteer_entries_from_db()
        gaz = Gazetteer(extra=extra) if extra else None
        draft = extract(text, url=opts["url"], published=published, gazetteer=gaz)
        if not draft.is_article:
            raise CommandError("not an article: no article text left after removing page boilerplate", returncode=2)
        self.stdout.write(json.dumps(draft.to_json_dict(), ensure_ascii=False, indent=2))
