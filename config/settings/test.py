"""Test settings: the base settings with a throw-away key, fast hashing and no HTTPS."""
import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")

from .base import *  # noqa: E402,F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"  # noqa: F405

# Tasks run in-process in tests; the end-to-end test starts a real worker and turns this off itself.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)  # noqa: F405

# The page cache is on in tests (one process, memory cache), so every test of a page also
# checks that a write shows on the next request. tests/conftest.py empties it between tests.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)  # noqa: F405

# Static files from the app directories, looked up per request, as in development: a fresh clone
# has no collected staticfiles/ (WhiteNoise warned of it on every test client).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
