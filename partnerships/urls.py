from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("partners/", views.PartnershipListView.as_view(), name="partner_list"),
    path("partners/<int:pk>/", views.PartnerTimelineView.as_view(), name="partner_detail"),
    path("agreements/", views.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/board/", views.AgreementBoardView.as_view(), name="agreement_board"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement_detail"),
    path("milestones/", views.MilestoneListView.as_view(), name="milestone_list"),
    path("milestones/<int:pk>/done/", views.MilestoneCompleteView.as_view(), name="milestone_complete"),
    path("milestones/<int:pk>/snooze/", views.MilestoneSnoozeView.as_view(), name="milestone_snooze"),
]
