import datetime
import socket
from zoneinfo import ZoneInfo

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.test.utils import CaptureQueriesContext  # noqa: F401  (re-exported for the tests)

from config.celery import app as celery_app

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def eager_celery():
    """Tasks run in-process here even when the shell exports a broker; the end-to-end test
    turns this off itself."""
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = True, True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = saved


@pytest.fixture
def travel():
    """travel(date) puts the clock at 08:00 in Hanoi on that day."""
    traveller = None

    def go(day):
        nonlocal traveller
        if traveller is not None:
            traveller.stop()
        traveller = time_machine.travel(datetime.datetime.combine(day, datetime.time(8, 0), HANOI), tick=False)
        traveller.start()

    yield go
    if traveller is not None:
        traveller.stop()


class RecordingHandler:
    """An SMTP server's handler that answers 451 to the first `refuse` DATA commands and
    keeps every message it accepts."""

    def __init__(self, refuse=0):
        self.refuse = refuse
        self.refused = 0
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        if self.refused < self.refuse:
            self.refused += 1
            return "451 4.3.0 Try again later"
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 (a free port); `.handler.refuse` sets how many DATA
    commands it refuses first."""
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    controller.handler = handler
    yield controller
    controller.stop()


@pytest.fixture
def smtp_settings(settings):
    """Returns point(port): send real SMTP to 127.0.0.1:port."""
    def point(port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 5
    return point
