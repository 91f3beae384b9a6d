"""The daily beat schedule and the task names it points to."""
import os
import subprocess
import sys

from celery.schedules import crontab
from django.conf import settings

from config.celery import app as celery_app
from reminders import tasks


def test_the_scan_runs_daily_at_the_configured_hanoi_time():
    entry = settings.CELERY_BEAT_SCHEDULE["reminders-daily-scan"]
    assert entry["task"] == tasks.scan_reminders.name == "reminders.tasks.scan_reminders"
    assert entry["schedule"] == crontab(hour=settings.REMINDER_SCAN_HOUR, minute=settings.REMINDER_SCAN_MINUTE)
    assert celery_app.conf.beat_schedule["reminders-daily-scan"]["task"] == entry["task"]
    assert celery_app.conf.timezone == "Asia/Ho_Chi_Minh"
    expiry = settings.CELERY_BEAT_SCHEDULE["agreements-daily-expiry"]
    assert expiry["task"] == tasks.expire_agreements.name


def test_every_scheduled_task_is_registered():
    celery_app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in celery_app.tasks


def test_the_time_comes_from_the_environment():
    code = ("import django; django.setup(); from django.conf import settings; "
            "s = settings.CELERY_BEAT_SCHEDULE['reminders-daily-scan']['schedule']; print(s.hour, s.minute)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "REMINDER_SCAN_HOUR": "6",
           "REMINDER_SCAN_MINUTE": "45"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=settings.BASE_DIR).stdout
    assert out.split() == ["{6}", "{45}"]
