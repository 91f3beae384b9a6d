"""Redis (the Celery broker) goes down while the app runs, then comes back.

A private redis-server is started on a free port and stopped for real (the machine's shared
Redis is never touched). While it is down the dashboard and the admin work, /healthz keeps the
app in rotation and says the broker is down, and a reminder scan loses nothing: the command
refuses cleanly and claims nothing, and a scan run in-process keeps its digest unsent. Once
Redis is back a real worker catches up and the digest reaches an SMTP server exactly once."""
import email
import email.policy
import os
import signal
import tempfile
import time
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from config.celery import app as celery_app
from reminders.models import Digest
from reminders.tasks import scan_reminders
from tests.factories import UserFactory
from tests.reliability.conftest import PrivateRedis, point_celery, start_worker, stop_process, wait_until
from tests.services import require

WAIT_SECONDS = 60


@pytest.fixture
def private_redis():
    require(os.path.exists(PrivateRedis.BINARY),
            "needs Debian's redis-server (apt-get install redis-server) to start a private broker")
    redis = PrivateRedis()
    redis.start()
    yield redis
    stop_process(redis.process)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_app_works_without_redis_and_reminders_catch_up(private_redis, world, editor_client, smtp_server,
                                                            settings, caplog, monkeypatch):
    require(connection.vendor == "postgresql",
            "needs PostgreSQL shared with the worker process (run with DATABASE_URL=postgres://…)")
    today = timezone.localdate()
    queue = f"reliability-{uuid.uuid4().hex[:12]}"
    admin = Client()
    admin.force_login(UserFactory(username="root", is_superuser=True))
    settings.CELERY_TASK_ALWAYS_EAGER = False  # read by /healthz and by the send_reminders command
    # Celery's conf.broker_url prefers this variable (set in CI) over the configured value.
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    saved = point_celery(celery_app, task_always_eager=False, broker_url=private_redis.url,
                         task_default_queue=queue)
    worker = None
    log = tempfile.NamedTemporaryFile("w+", prefix="celery-reliability-", suffix=".log")
    try:
        assert Client().get("/healthz").json() == {"database": "ok", "broker": "ok"}

        private_redis.stop()

        # The web app does not need the broker: no page enqueues a task.
        for url in ("/", "/partners/", "/meetings/", "/milestones/", f"/agreements/{world['mou'].pk}/"):
            assert editor_client.get(url).status_code == 200, url
        assert admin.get("/admin/").status_code == 200
        assert admin.get(f"/admin/partnerships/agreement/{world['mou'].pk}/change/").status_code == 200
        started = time.monotonic()
        health = Client().get("/healthz")
        assert (health.status_code, health.json()) == (200, {"database": "ok", "broker": "down"})
        assert time.monotonic() - started < 10  # bounded: a load balancer's probe must not hang

        # The daily command cannot queue the scan: it says so and claims nothing.
        with pytest.raises(CommandError, match="broker"):
            call_command("send_reminders", date=today.isoformat())
        assert not Digest.objects.exists()

        # A scan that runs anyway (a worker already inside it when Redis went away) claims the
        # digest but cannot queue its sending: the digest stays unsent, nothing is marked sent.
        # (an earlier eager task may leave Celery thinking it runs inside one: allow the wait)
        claimed = scan_reminders.apply(args=[today.isoformat()]).get(disable_sync_subtasks=False)
        assert claimed and Digest.objects.filter(pk__in=claimed).count() == len(claimed)
        assert set(Digest.objects.values_list("status", "attempts", "sent_at")) == {(Digest.Status.PENDING, 0, None)}
        assert smtp_server.handler.messages == []
        scan_lines = [r.getMessage() for r in caplog.records if "task=scan_reminders" in r.getMessage()]
        assert [line for line in scan_lines if "outcome=broker_down" in line] == [
            f"task=scan_reminders outcome=broker_down first_unqueued_digest_id={min(claimed)} error=OperationalError"]
        assert any("outcome=ok" in line for line in scan_lines)

        # Redis is back: the next scan (as beat would queue it) reaches a real worker, which
        # re-queues the unsent digests and sends each one once.
        private_redis.start()
        wait_until(lambda: Client().get("/healthz").json()["broker"] == "ok", timeout=15, what="/healthz broker ok")
        worker = start_worker(broker_url=private_redis.url, queue=queue, smtp_port=smtp_server.port, log=log)
        scan_reminders.apply_async(args=[today.isoformat()], queue=queue)

        def delivered():
            assert worker.poll() is None, _tail(log)
            return len(smtp_server.handler.messages) >= len(claimed)

        try:
            wait_until(delivered, timeout=WAIT_SECONDS, every=0.2, what=f"{len(claimed)} e-mails")
        except AssertionError as exc:
            raise AssertionError(f"{exc}; worker log:\n{_tail(log)}") from None
        # A second scan finds nothing left to send.
        scan_reminders.apply_async(args=[today.isoformat()], queue=queue)
        wait_until(lambda: _tail(log).count("task=scan_reminders") >= 2, timeout=WAIT_SECONDS, every=0.2,
                   what="the second scan")
        time.sleep(1)
    finally:
        point_celery(celery_app, **saved)
        stop_process(worker)
        log_text = _tail(log)
        log.close()

    assert len(smtp_server.handler.messages) == len(claimed), log_text
    digests = list(Digest.objects.all())
    assert {(d.status, d.attempts) for d in digests} == {(Digest.Status.SENT, 1)}
    headers = sorted(email.message_from_bytes(m.content, policy=email.policy.default)["X-Reminder-Digest"]
                     for m in smtp_server.handler.messages)
    assert headers == sorted(str(pk) for pk in claimed)
    assert "task=scan_reminders" in log_text and "digests=0" in log_text


def _tail(log):
    log.flush()
    with open(log.name) as handle:
        return handle.read()[-4000:]


@pytest.mark.services
@pytest.mark.django_db
def test_pages_while_the_cache_redis_hangs_and_after(private_redis, world, editor_client, settings):
    """The page cache lives in Redis. Redis stops answering (the process is frozen, so it keeps
    its keys, as behind a broken network): pages are rendered without the cache, quickly, and a
    change saved meanwhile shows. Once Redis answers again the stale page it still holds is not
    served: the change missed by the cache is recorded first."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": private_redis.url,
                                   "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3}}}
    url = f"/partners/{world['vientiane'].pk}/"
    assert "Viêng Chăn" in editor_client.get(url).content.decode()
    assert "Viêng Chăn" in editor_client.get(url).content.decode()  # now from Redis

    private_redis.process.send_signal(signal.SIGSTOP)
    try:
        world["vientiane"].name_vi = "Viêng Chăn (đổi tên khi Redis treo)"
        world["vientiane"].save()
        started = time.monotonic()
        response = editor_client.get(url)
        assert response.status_code == 200
        assert "Viêng Chăn (đổi tên khi Redis treo)" in response.content.decode()
        assert time.monotonic() - started < 5
    finally:
        private_redis.process.send_signal(signal.SIGCONT)

    for _ in range(2):  # the first request records the missed change, the second may read the cache
        assert "Viêng Chăn (đổi tên khi Redis treo)" in editor_client.get(url).content.decode()


@pytest.mark.services
@pytest.mark.django_db
def test_sessions_in_redis_survive_it_hanging_and_a_logout_then_sticks(private_redis, world, editor, settings,
                                                                        django_assert_num_queries):
    """Sessions are read from Redis (ops.sessions) and pages from the page cache: a page seen
    again costs no database query at all. When Redis hangs, logging in, reading pages and
    logging out still work, and the logged-out session does not come back with Redis."""
    settings.CACHES = {"default": {"BACKEND": "ops.redis_cache.RedisCache", "LOCATION": private_redis.url,
                                   "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3}}}
    settings.SESSION_ENGINE = "ops.sessions"
    settings.SESSION_CACHE_SECONDS = 2
    url = f"/partners/{world['vientiane'].pk}/"
    client = Client()
    client.force_login(editor)
    assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        assert "Viêng Chăn" in client.get(url).content.decode()

    private_redis.process.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        assert "Viêng Chăn" in client.get(url).content.decode()  # the session from the database
        other = Client()
        other.force_login(editor)
        assert other.get("/").status_code == 200
        logged_out = client.cookies[settings.SESSION_COOKIE_NAME].value
        assert client.post("/accounts/logout/").status_code == 302  # its cache delete cannot happen
        assert time.monotonic() - started < 15
    finally:
        private_redis.process.send_signal(signal.SIGCONT)

    time.sleep(settings.SESSION_CACHE_SECONDS + 0.5)
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = logged_out
    response = stale.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert other.get(url).status_code == 200
