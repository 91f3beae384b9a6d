from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self):
        from django.db.backends.signals import connection_created

        from dashboard.search import install_sqlite_functions

        # SQLite has no unaccent(): give it the same folding as PostgreSQL's hn_fold().
        connection_created.connect(install_sqlite_functions, dispatch_uid="dashboard_sqlite_fold")
