"""Sessions kept in the database and read from the cache (Django's ``cached_db``), where a cache
that does not answer costs only the cache.

Django's own ``cached_db`` fails the request when Redis cannot be reached after a database read
or on logout. Here every cache call is guarded, and a session stays in the cache for at most
``SESSION_CACHE_SECONDS``: should a logout's cache delete fail, the logged-out session is
forgotten by the cache within that time (the database row is gone at once). With the page
cache, a page served again needs no database query at all."""
import logging

from django.conf import settings
from django.contrib.sessions.backends import cached_db

log = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    cache_key_prefix = "hn.session."

    def _cache_seconds(self, expiry_age):
        return max(0, min(expiry_age, settings.SESSION_CACHE_SECONDS))

    def _guarded(self, operation, *args):
        try:
            return operation(*args)
        except Exception:
            log.warning("sessions: the cache cannot be reached", exc_info=True)
            return None

    def load(self):
        data = self._guarded(self._cache.get, self.cache_key)
        if data is None:
            stored = self._get_session_from_db()
            if stored is None:
                return {}
            data = self.decode(stored.session_data)
            self._guarded(self._cache.set, self.cache_key, data,
                          self._cache_seconds(self.get_expiry_age(expiry=stored.expire_date)))
        return data

    def exists(self, session_key):
        if session_key and self._guarded(self._cache.has_key, self.cache_key_prefix + session_key):
            return True
        return super(cached_db.SessionStore, self).exists(session_key)

    def save(self, must_create=False):
        super(cached_db.SessionStore, self).save(must_create)
        self._guarded(self._cache.set, self.cache_key, self._session, self._cache_seconds(self.get_expiry_age()))

    def delete(self, session_key=None):
        super(cached_db.SessionStore, self).delete(session_key)
        session_key = session_key or self.session_key
        if session_key is not None:
            self._guarded(self._cache.delete, self.cache_key_prefix + session_key)
