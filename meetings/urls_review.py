"""Article ingestion and review, included under "articles/" (namespace "ingestion")."""
from django.urls import path

from meetings import review_views

app_name = "ingestion"

urlpatterns = [
    path("new/", review_views.ArticleAddView.as_view(), name="article_add"),
    path("review/", review_views.review_queue, name="queue"),
    path("<int:pk>/review/", review_views.ArticleReviewView.as_view(), name="article_review"),
]
