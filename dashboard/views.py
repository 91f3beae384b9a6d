"""Cross-cutting pages: the overview (and its map's points), search, the private calendar feed
and the profile."""
import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from dashboard import selectors
from dashboard.content_cache import CachedPageMixin
from dashboard.ical import meeting_event, milestone_event, new_calendar
from meetings.selectors import meetings_for_calendar
from partnerships.models import Milestone
from staff.models import StaffProfile
from staff.services import calendar_token_reset, profile_for

FEED_PAST_DAYS = 30


class OverviewView(CachedPageMixin, LoginRequiredMixin, TemplateView):
    template_name = "dashboard/overview.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(today=today, **selectors.overview(user=self.request.user, today=today),
                                        **kwargs)


class MapPointsView(CachedPageMixin, LoginRequiredMixin, View):
    """The partner localities of the overview's map, as JSON for static/js/worldmap.js: a
    thousand points at scale are cheaper fetched apart (and kept in the page cache) than
    written into every overview."""

    data_content_type = "application/json"

    def get(self, request):
        # "/partners/{id}/": one reverse() for every point's timeline link.
        partner_url = reverse("partnerships:partner_detail", args=[0]).replace("/0/", "/{id}/")
        return JsonResponse({"partner_url": partner_url, "points": selectors.map_points()},
                            json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})


class SearchView(CachedPageMixin, LoginRequiredMixin, TemplateView):
    template_name = "dashboard/search.html"

    def get_context_data(self, **kwargs):
        q = self.request.GET.get("q", "").strip()[:200]
        return super().get_context_data(q=q, results=selectors.search(q), **kwargs)


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "dashboard/profile.html"

    def get_context_data(self, **kwargs):
        profile = profile_for(self.request.user)
        feed_url = self.request.build_absolute_uri(reverse("dashboard:calendar_feed", args=[profile.calendar_token]))
        return super().get_context_data(profile=profile, feed_url=feed_url, **kwargs)


class CalendarTokenResetView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        calendar_token_reset(user=request.user)
        messages.success(request, _("Your calendar address was changed. Subscribe again with the new one."))
        return redirect("dashboard:profile")


def calendar_feed(request, token):
    """The user's private feed: works without a session, the token is the key."""
    profile = StaffProfile.objects.select_related("user").filter(calendar_token=token, user__is_active=True).first()
    if profile is None:
        raise Http404
    today = timezone.localdate()
    calendar = new_calendar(_("Hanoi partnerships — %(user)s") % {"user": profile.user.get_username()})
    milestones = Milestone.objects.filter(owner=profile.user, status=Milestone.Status.PENDING).select_related(
        "agreement", "partnership__partner_locality", "partnership__hanoi_locality")
    for milestone in milestones:
        calendar.add_component(milestone_event(milestone, url=request.build_absolute_uri(
            reverse("partnerships:milestone_list") + "?mine=1")))
    for meeting in meetings_for_calendar(since=today - datetime.timedelta(days=FEED_PAST_DAYS)):
        calendar.add_component(meeting_event(meeting, url=request.build_absolute_uri(
            reverse("meetings:meeting_detail", args=[meeting.pk]))))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response
