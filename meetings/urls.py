from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/ics", views.meeting_ics, name="meeting_ics"),
    path("articles/", views.SourceArticleListView.as_view(), name="article_list"),
    path("articles/<int:pk>/", views.SourceArticleDetailView.as_view(), name="article_detail"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
]
