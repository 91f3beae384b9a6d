from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from dashboard.content_cache import model_changed
        from dashboard.search import install_sqlite_functions

        # SQLite has no unaccent(): give it the same folding as PostgreSQL's hn_fold().
        connection_created.connect(install_sqlite_functions, dispatch_uid="dashboard_sqlite_fold")
        # Any write makes the cached page content stale (dashboard.content_cache).
        for name, signal in {"save": post_save, "delete": post_delete, "m2m": m2m_changed}.items():
            signal.connect(model_changed, dispatch_uid=f"dashboard_content_{name}")
