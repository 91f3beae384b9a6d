from django.urls import path

from dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("map/points.json", views.MapPointsView.as_view(), name="map_points"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/calendar-token/", views.CalendarTokenResetView.as_view(), name="calendar_token_reset"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
