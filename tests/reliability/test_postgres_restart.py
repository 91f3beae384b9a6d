"""PostgreSQL restarts under a running app server.

A private PostgreSQL cluster (initdb in a temporary directory, trust auth, a free port; the
machine's shared server is never touched) gets the migrated schema, a user and a session. The
app runs as in production (gunicorn, DEBUG off, collected static files) against it. With the
cluster stopped, /healthz answers 503 in JSON and a page answers a bare 5xx with no traceback;
started again, both recover without restarting the app (CONN_HEALTH_CHECKS drops the dead
persistent connection)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

import pytest
from django.conf import settings

from tests.reliability.conftest import PrivatePostgres, free_port, postgres_bin, stop_process, wait_until
from tests.services import port_open, require

SESSION_SCRIPT = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
user = get_user_model().objects.create_user("probe", "probe@hanoi.example", "not-used-here")
user.groups.add(Group.objects.get(name="editor"))
session = SessionStore()
session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print("SESSION=" + session.session_key)
"""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect to the login page must show as a 302, not as the login page


_OPENER = urllib.request.build_opener(_NoRedirect)


def _get(url, cookie=None, timeout=10):
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"} if cookie else {})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode(errors="replace")


def _manage(env, *args, timeout=180):
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, text=True,
                            capture_output=True, timeout=timeout)
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
    return result.stdout


@pytest.mark.services
def test_the_app_recovers_when_postgresql_restarts():
    require(postgres_bin() is not None, "needs Debian's PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb)")
    require(os.geteuid() != 0 or shutil.which("runuser") is not None, "needs runuser to run PostgreSQL as postgres")
    require(shutil.which("gunicorn", path=os.path.dirname(sys.executable)) is not None, "needs gunicorn in the venv")
    directory = tempfile.mkdtemp(prefix="pg-reliability-", dir="/tmp")  # postgres must be able to reach it
    cluster = PrivatePostgres(directory)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {key: value for key, value in os.environ.items()
           if key not in ("CELERY_BROKER_URL", "REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.base", "DEBUG": "0", "SECRET_KEY": "reliability-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false", "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false", "DATABASE_URL": cluster.url("tracker"), "CONN_MAX_AGE": "60",
        "STATIC_ROOT": os.path.join(directory, "static"), "LOG_LEVEL": "WARNING",
    })
    server = None
    log = open(os.path.join(directory, "gunicorn.log"), "w+")
    try:
        cluster.init()
        cluster.start()
        subprocess.run([os.path.join(cluster.bindir, "createdb"), "-h", "127.0.0.1", "-p", str(cluster.port),
                        "-U", "postgres", "tracker"], check=True, capture_output=True, timeout=30)
        _manage(env, "migrate", "--no-input")
        _manage(env, "collectstatic", "--no-input")
        session = _manage(env, "shell", "-c", SESSION_SCRIPT).split("SESSION=")[1].strip()

        server = subprocess.Popen(
            [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "config.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", "1", "--timeout", "30", "--graceful-timeout", "5"],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
        wait_until(lambda: server.poll() is None and port_open("127.0.0.1", port, timeout=0.2), timeout=30,
                   what="gunicorn")

        status, kind, body = _get(f"{base}/healthz")
        assert (status, json.loads(body)) == (200, {"database": "ok", "broker": "not configured"}), body
        status, _, body = _get(f"{base}/partners/", session)
        assert status == 200 and 'class="user"' in body and ">probe</a>" in body, (status, body[:500])
        _get(f"{base}/", session)  # the worker now holds a persistent connection (CONN_MAX_AGE)

        cluster.stop()
        assert not cluster.running()

        status, kind, body = _get(f"{base}/healthz")
        assert status == 503 and kind.startswith("application/json"), (status, kind, body[:500])
        assert json.loads(body)["database"] == "down"
        for path in ("/partners/", "/", "/admin/"):
            status, kind, body = _get(f"{base}{path}", session)
            assert 500 <= status < 600, (path, status)
            for leak in ("Traceback", "OperationalError", "psycopg", "File \"/", settings.BASE_DIR.name + "/"):
                assert leak not in body, (path, leak, body[:500])

        cluster.start()

        def healthy():
            status, _, body = _get(f"{base}/healthz")
            return status == 200 and json.loads(body)["database"] == "ok"
        wait_until(healthy, timeout=30, every=0.3, what="/healthz to recover")
        status, _, body = _get(f"{base}/partners/", session)
        assert status == 200 and 'class="user"' in body and ">probe</a>" in body, (status, body[:500])
        assert server.poll() is None  # the same gunicorn, never restarted
    finally:
        stop_process(server)
        log.seek(0)
        if os.environ.get("RELIABILITY_SHOW_LOG"):
            print(log.read()[-3000:])
        log.close()
        if os.path.exists(os.path.join(cluster.data, "postmaster.pid")):
            try:
                cluster.stop()
            except Exception:  # noqa: BLE001 — cleaning up; the assertion that failed matters more
                pass
        shutil.rmtree(directory, ignore_errors=True)
