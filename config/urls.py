from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ops.views import bare, healthz, protected_media
from staff import views as staff_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("media/<path:path>", protected_media, name="protected_media"),
    path("i18n/setlang/", staff_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Article ingestion and review (issue 5); before meetings.urls so that its
    # articles/<id>/review/ page is the one served.
    path("articles/", include("meetings.urls_review")),
    path("documents/", include("partnerships.urls_documents")),
    path("reminders/", include("reminders.urls")),
    # The staff dashboard (issue 4): overview, search, calendar, then the domain pages.
    path("", include("dashboard.urls")),
    path("", include("partnerships.urls")),
    path("", include("meetings.urls")),
]

if settings.BENCH_ENDPOINTS:
    urlpatterns.append(path("bench/bare", bare))
