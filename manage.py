#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    # Commands run without a configured SECRET_KEY get a throw-away one; the web server
    # (config.wsgi) and the Celery worker still refuse to start without it.
    os.environ.setdefault("ALLOW_EPHEMERAL_SECRET_KEY", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
