"""Fixtures of the reliability tests. The reminder and dashboard fixtures are reused as they are
(imported here so pytest finds them); the private servers are started by the helpers below, on
free ports, and always stopped again, so the machine's shared Redis and PostgreSQL are never
touched."""
import glob
import os
import shutil
import subprocess
import time

from tests.dashboard.conftest import editor, editor_client, viewer, world  # noqa: F401
from tests.reminders.conftest import (  # noqa: F401
    RecordingHandler,
    eager_celery,
    free_port,
    smtp_server,
    smtp_settings,
)
from tests.services import port_open

WAIT_SECONDS = 30


def wait_until(predicate, *, timeout=WAIT_SECONDS, every=0.1, what="condition"):
    """Poll `predicate` until it is true; AssertionError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def stop_process(process, timeout=15):
    """Terminate a subprocess we started, then kill it if it does not stop in time."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


class PrivateRedis:
    """A throw-away redis-server on a free port, no persistence; start() and stop() may repeat."""

    BINARY = shutil.which("redis-server") or "/usr/bin/redis-server"

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [self.BINARY, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--protected-mode", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(lambda: port_open("127.0.0.1", self.port, timeout=0.2), what=f"redis on port {self.port}")

    def stop(self):
        stop_process(self.process)
        self.process = None
        wait_until(lambda: not port_open("127.0.0.1", self.port, timeout=0.2), what="redis to stop")


def postgres_bin():
    """The directory of Debian's PostgreSQL server binaries (initdb, pg_ctl), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


class PrivatePostgres:
    """A throw-away PostgreSQL cluster (initdb in `directory`, trust auth, a free port), run as the
    `postgres` OS user when we are root (the server refuses to run as root)."""

    def __init__(self, directory):
        self.bindir = postgres_bin()
        self.directory = directory
        self.data = os.path.join(directory, "data")
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0

    def _run(self, *args, timeout=60):
        command = [os.path.join(self.bindir, args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=timeout)

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def init(self):
        if self.as_postgres:
            shutil.chown(self.directory, "postgres", "postgres")
        os.chmod(self.directory, 0o700)
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")

    def start(self):
        # -k: the Unix socket in our own directory, not /var/run/postgresql of the shared server.
        self._run("pg_ctl", "-D", self.data, "-l", os.path.join(self.directory, "server.log"), "-w", "-t", "30",
                  "-o", f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} -c fsync=off", "start")

    def stop(self):
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "-t", "30", "stop")

    def running(self):
        return port_open("127.0.0.1", self.port, timeout=0.2)

    def log(self):
        try:
            with open(os.path.join(self.directory, "server.log")) as handle:
                return handle.read()[-3000:]
        except OSError:
            return ""


def point_celery(app, **conf):
    """Set Celery options in this process and drop the cached connection and producer pools, so
    the next publish uses the new broker. Returns the previous values, for point_celery(app, **saved)."""
    saved = {key: app.conf[key] for key in conf}
    app.conf.update(conf)
    app._pool = None
    app.amqp._producer_pool = None
    return saved


def start_worker(*, broker_url, queue, smtp_port, log):
    """A real `celery -A config worker` on `queue`, started as tests/reminders/test_end_to_end.py
    starts it (same command line and environment, the same test database)."""
    import sys

    from django.conf import settings

    from tests.reminders.test_end_to_end import _database_url

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "SITE_URL": "https://doingoai.hanoi.example",
        "CONN_MAX_AGE": "0",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--concurrency=1",
         "--loglevel=INFO", "-Q", queue, "-n", f"{queue}@%h", "--without-mingle", "--without-gossip"],
        cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
