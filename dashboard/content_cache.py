"""Rendered pages, kept in the cache until the data changes.

Every write to the data (a save, a delete, a many-to-many change, or a bulk write whose caller
calls ``data_changed()``) moves the *data generation*; a cached page is served only while the
generation it was rendered at is still the current one, so the first request after a write
renders afresh. A page is cached for one logged-in user (keyed by the user and the session's
authentication hash as the session holds them), in one language, on one day in Hanoi (overdue,
dormant and "this year" depend on it), for one path with its query string. CSRF tokens are
left as a placeholder in the cache and each response gets the requester's own. A request that
has messages to show is always rendered.

A cache hit reads the session and the cache, and nothing else: no user, no permission and no
data query, and no template. A login, a logout, a password change or a change of groups is a
write, so a session that lost its rights never reads a page rendered before.

The cache must be shared by every process that writes (web workers, Celery workers): the
page cache is on only when ``PAGE_CACHE_SECONDS`` is set, which the settings do when a Redis
cache is configured. When the cache cannot be reached pages are rendered as if nothing were
cached, and a write that could not be recorded is recorded before this process reads again.
"""
import hashlib
import logging
import time

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.utils import timezone, translation

log = logging.getLogger(__name__)

GENERATION_KEY = "content:generation"
# Rendered in place of the CSRF token and replaced by the requester's own token when served.
CSRF_PLACEHOLDER = "csrf-token-placeholder-7d1f0c"
_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()

# Writes that no page shows: sessions, login attempts, admin's log, reminder bookkeeping.
IGNORED_APPS = frozenset({"sessions", "axes", "admin", "contenttypes", "reminders"})

_bump_pending = False  # a bump failed (cache unreachable): retried before this process reads again


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def _new_generation():
    # Never a value used before, even after the cache lost its keys.
    return time.time_ns()


def _bump():
    global _bump_pending
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no generation yet, or it was evicted
            cache.set(GENERATION_KEY, _new_generation(), timeout=None)
        _bump_pending = False
    except Exception:  # the cache is down: this process keeps away from it until a bump succeeds
        _bump_pending = True
        log.warning("page cache: could not record a data change", exc_info=True)


def data_changed(using=None):
    """Makes every cached page stale: now, and again when the transaction commits, so that a
    page rendered between the write and the commit does not outlive it."""
    if not enabled():
        return
    _bump()
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and not any(entry[1] is _bump for entry in connection.run_on_commit):
        transaction.on_commit(_bump, using=using)


def model_changed(sender, raw=False, using=None, **kwargs):
    """Receiver of post_save, post_delete and m2m_changed for every model."""
    if raw or sender._meta.app_label in IGNORED_APPS:
        return
    if kwargs.get("action", "post_").startswith("pre_"):  # m2m_changed sends pre_ and post_
        return
    data_changed(using=using)


def page_key(request):
    """The cache key of this request's page, or None when it must be rendered."""
    if not enabled() or request.method != "GET":
        return None
    session = request.session
    user_id, user_hash = session.get(SESSION_KEY), session.get(HASH_SESSION_KEY)
    if not user_id or not user_hash:
        return None  # not logged in: the view answers (with the login page)
    if request.COOKIES.get(CookieStorage.cookie_name) or SessionStorage.session_key in session:
        return None  # messages to show once
    parts = [translation.get_language() or "", timezone.localdate().isoformat(), str(user_id), user_hash,
             request.get_full_path()]
    return "content:page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def lookup(key):
    """(the current generation, the cached page or None); (None, None) when the cache
    cannot be used."""
    if key is None:
        return None, None
    if _bump_pending:
        _bump()
        if _bump_pending:
            return None, None
    try:
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY)
        if current is None:
            cache.add(GENERATION_KEY, _new_generation(), timeout=None)
            return cache.get(GENERATION_KEY), None
    except Exception:
        log.warning("page cache: the cache cannot be reached", exc_info=True)
        return None, None
    generation, page = found.get(key, (None, None))
    return current, page if generation == current else None


def store(key, generation, page):
    try:
        cache.set(key, (generation, page), timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        log.warning("page cache: the cache cannot be reached", exc_info=True)


def _with_token(request, page):
    """The page (UTF-8 bytes: no decoding and encoding of a large page) with this requester's
    CSRF token in place of the placeholder."""
    return page.replace(_PLACEHOLDER_BYTES, get_token(request).encode())


def serve(request, page, content_type=None):
    if content_type:  # data (JSON): no template, so no CSRF token in it
        return HttpResponse(page, content_type=content_type)
    return HttpResponse(_with_token(request, page))


class CachedPageMixin:
    """For GET pages that show the data and write nothing: served from the cache until the
    data changes. First in the bases, before LoginRequiredMixin: a hit needs no user.

    A page is a TemplateResponse. A view that answers with data instead (a JsonResponse) names
    its ``data_content_type``: its 200 responses of exactly that type are kept as they are, and
    a hit is served with it."""

    data_content_type = None

    @transaction.non_atomic_requests  # read-only pages: no transaction to open for a cache hit
    def dispatch(self, request, *args, **kwargs):
        key = page_key(request)
        generation, page = lookup(key)
        if page is not None:
            return serve(request, page, self.data_content_type)
        response = super().dispatch(request, *args, **kwargs)
        if generation is None or response.status_code != 200:
            return response
        if self.data_content_type:
            if response.get("Content-Type") == self.data_content_type and not response.streaming:
                store(key, generation, response.content)
            return response
        if not isinstance(response, TemplateResponse):  # e.g. a CSV export: never kept
            return response
        response.context_data = {**(response.context_data or {}), "csrf_token": CSRF_PLACEHOLDER}
        page = response.render().content
        store(key, generation, page)
        response.content = _with_token(request, page)
        return response
