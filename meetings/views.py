"""Dashboard pages for meetings, source articles and people."""
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from dashboard.ical import meeting_event, new_calendar
from dashboard.lists import Column, FilteredListView
from meetings import selectors
from meetings.filters import MeetingFilterSet, PersonFilterSet, SourceArticleFilterSet
from meetings.models import Meeting, Person, SourceArticle
from ops.changelists import EstimatedCountPaginator


def _partners(obj):
    return "; ".join(p.partner_locality.name_vi for p in obj.partnerships.all())


class MeetingListView(FilteredListView):
    # Tens of thousands of rows: unfiltered, counted from the planner\'s estimate ("about").
    paginator_class = EstimatedCountPaginator
    filterset_class = MeetingFilterSet
    template_name = "meetings/meeting_list.html"
    page_title = gettext_lazy("Meetings")
    csv_name = "meetings"
    csv_columns = [
        Column(gettext_lazy("Date"), "display_date"),
        Column(gettext_lazy("Title"), "title"),
        Column(gettext_lazy("Kind"), "get_kind_display"),
        Column(gettext_lazy("Partners"), _partners),
        Column(gettext_lazy("Place"), "place"),
        Column(gettext_lazy("Areas"), lambda m: "; ".join(a.name_vi for a in m.areas.all())),
        Column(gettext_lazy("Participants"), "participant_count"),
        Column(gettext_lazy("Articles"), "article_count"),
    ]

    def base_queryset(self):
        return selectors.meeting_list()

    @property
    def sort_annotations(self):
        return selectors.meeting_sort_annotations()

    def annotate_rows(self, rows):
        selectors.meeting_list_counts(rows)


class MeetingDetailView(LoginRequiredMixin, TemplateView):
    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        try:
            meeting = selectors.meeting_detail(self.kwargs["pk"])
        except Meeting.DoesNotExist:
            raise Http404 from None
        participations = list(meeting.participations.all())
        return super().get_context_data(
            meeting=meeting,
            hanoi_side=[p for p in participations if p.side == "hanoi"],
            partner_side=[p for p in participations if p.side != "hanoi"],
            **kwargs,
        )


@login_required
def meeting_ics(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("locality"), pk=pk)
    calendar = new_calendar(meeting.title)
    calendar.add_component(meeting_event(meeting, url=request.build_absolute_uri(
        reverse("meetings:meeting_detail", args=[meeting.pk]))))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


class SourceArticleListView(FilteredListView):
    # Tens of thousands of rows: unfiltered, counted from the planner\'s estimate ("about").
    paginator_class = EstimatedCountPaginator
    filterset_class = SourceArticleFilterSet
    template_name = "meetings/sourcearticle_list.html"
    page_title = gettext_lazy("Articles")
    csv_name = "articles"
    csv_columns = [
        Column(gettext_lazy("Published on"), "published_on"),
        Column(gettext_lazy("Title"), "title"),
        Column(gettext_lazy("Publisher"), "publisher"),
        Column(gettext_lazy("Language"), "get_language_display"),
        Column(gettext_lazy("Review"), "get_review_status_display"),
        Column(gettext_lazy("Meetings"), "meeting_count"),
        Column(gettext_lazy("URL"), "url"),
    ]

    def base_queryset(self):
        return selectors.article_list()

    def annotate_rows(self, rows):
        selectors.article_list_counts(rows)


class SourceArticleDetailView(LoginRequiredMixin, TemplateView):
    template_name = "meetings/sourcearticle_detail.html"

    def get_context_data(self, **kwargs):
        try:
            article = selectors.article_detail(self.kwargs["pk"])
        except SourceArticle.DoesNotExist:
            raise Http404 from None
        return super().get_context_data(article=article, **kwargs)


class PersonListView(FilteredListView):
    filterset_class = PersonFilterSet
    template_name = "meetings/person_list.html"
    page_title = gettext_lazy("People")
    csv_name = "people"
    csv_columns = [
        Column(gettext_lazy("Full name"), "full_name"),
        Column(gettext_lazy("Country"), lambda p: p.country.name if p.country else ""),
        Column(gettext_lazy("Current title"), "current_title"),
        Column(gettext_lazy("Meetings"), "meeting_count"),
        Column(gettext_lazy("First met"), "first_met_on"),
        Column(gettext_lazy("Last met"), "last_met_on"),
    ]

    def base_queryset(self):
        return selectors.person_list()

    @property
    def sort_annotations(self):
        return selectors.person_sort_annotations()

    def annotate_rows(self, rows):
        selectors.person_list_counts(rows)


class PersonDetailView(LoginRequiredMixin, TemplateView):
    template_name = "meetings/person_detail.html"

    def get_context_data(self, **kwargs):
        try:
            person = selectors.person_detail(self.kwargs["pk"])
        except Person.DoesNotExist:
            raise Http404 from None
        return super().get_context_data(person=person, **kwargs)
