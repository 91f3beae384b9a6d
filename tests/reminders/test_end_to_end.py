"""End to end, for real: PostgreSQL, a Redis broker, a `celery -A config worker` process
and an SMTP server. The scan is queued with .delay(); the worker claims the digest,
queues send_digest to itself and delivers the e-mail to the SMTP server."""
import datetime
import email
import email.policy
import os
import subprocess
import sys
import tempfile
import time
import uuid
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from config.celery import app as celery_app
from reminders.models import Digest
from reminders.tasks import scan_reminders
from tests.factories import MilestoneFactory, StaffProfileFactory, UserFactory
from tests.services import require

BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
WAIT_SECONDS = 60


def _redis_unreachable():
    try:
        import redis
        redis.Redis.from_url(BROKER_URL, socket_connect_timeout=1, socket_timeout=1).ping()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def _database_url():
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_the_digest_through_redis(smtp_server, record_property):
    require(connection.vendor == "postgresql",
            "needs PostgreSQL shared with the worker process (run with DATABASE_URL=postgres://…)")
    problem = _redis_unreachable()
    require(problem is None, f"needs a Redis broker at {BROKER_URL} (set CELERY_BROKER_URL): {problem}")

    today = timezone.localdate()
    officer = StaffProfileFactory(user=UserFactory(email="officer@hanoi.example"), language="en").user
    MilestoneFactory(title="Gửi dự thảo MoU", owner=officer, due_on=today + datetime.timedelta(days=7))
    MilestoneFactory(title="Báo cáo quá hạn", owner=officer, due_on=today - datetime.timedelta(days=2))

    queue = f"e2e-reminders-{uuid.uuid4().hex[:12]}"  # no stray message from another run can land here
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_TASK_ALWAYS_EAGER": "false",  # the worker queues send_digest for real
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
        "SITE_URL": "https://doingoai.hanoi.example",
        "CONN_MAX_AGE": "0",
    }
    log = tempfile.NamedTemporaryFile("w+", prefix="celery-e2e-", suffix=".log", delete=False)
    started = time.monotonic()
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--concurrency=1",
         "--loglevel=INFO", "-Q", queue, "-n", f"{queue}@%h", "--without-mingle", "--without-gossip"],
        cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url", "task_default_queue")}
    try:
        celery_app.conf.update(task_always_eager=False, broker_url=BROKER_URL, task_default_queue=queue)
        scan_reminders.delay(today.isoformat())
        deadline = time.monotonic() + WAIT_SECONDS
        while not smtp_server.handler.messages and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
        elapsed = time.monotonic() - started
        log.seek(0)
        assert smtp_server.handler.messages, f"no e-mail within {WAIT_SECONDS}s; worker log:\n{log.read()[-4000:]}"
    finally:
        celery_app.conf.update(saved)
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        try:
            import redis
            redis.Redis.from_url(BROKER_URL).delete(queue)
        except Exception:
            pass
        log.close()
        if os.environ.get("E2E_SHOW_LOG"):
            print(open(log.name).read()[-3000:])
        os.unlink(log.name)

    record_property("end_to_end_seconds", round(elapsed, 1))
    print(f"\nend to end: e-mail received {elapsed:.1f}s after starting the worker")
    [envelope] = smtp_server.handler.messages
    assert envelope.rcpt_tos == ["officer@hanoi.example"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["Subject"] == f"Reminders for {today:%d/%m/%Y}: 2 items"
    text = message.get_body(("plain",)).get_content()
    assert text.index("Báo cáo quá hạn") < text.index("Gửi dự thảo MoU")  # overdue first
    assert "https://doingoai.hanoi.example/milestones/?mine=1" in text
    digest = Digest.objects.get()
    assert (digest.user, digest.day, digest.status, digest.attempts) == (officer, today, Digest.Status.SENT, 1)
