"""Dashboard pages for partners, agreements and milestones: selectors and FilterSets in,
workflow services for the writes, templates out."""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from dashboard.content_cache import CachedPageMixin
from dashboard.continents import continent_of
from dashboard.lists import Column, FilteredListView
from ops.changelists import EstimatedCountPaginator
from partnerships import list_selectors as selectors
from partnerships.filters import AgreementFilterSet, MilestoneFilterSet, PartnershipFilterSet
from partnerships.forms import AgreementAdvanceForm, MilestoneSnoozeForm, allowed_next_stages, default_snooze_until
from partnerships.models import Agreement, Locality, Milestone
from staff.roles import EDIT_AGREEMENTS, EDIT_MILESTONES


def _workflow():
    """The workflow services; imported late so the pages load while they are being written."""
    from partnerships import services

    return services


class PartnershipListView(FilteredListView):
    filterset_class = PartnershipFilterSet
    template_name = "partnerships/partnership_list.html"
    page_title = gettext_lazy("Partners")
    csv_name = "partners"
    csv_columns = [
        Column(gettext_lazy("Partner (Vietnamese)"), "partner_locality.name_vi"),
        Column(gettext_lazy("Partner (English)"), "partner_locality.name_en"),
        Column(gettext_lazy("Country"), lambda p: p.partner_locality.country.name),
        Column(gettext_lazy("Continent"), lambda p: continent_of(p.partner_locality.country)),
        Column(gettext_lazy("Hanoi side"), "hanoi_locality.name_vi"),
        Column(gettext_lazy("Level"), "get_level_display"),
        Column(gettext_lazy("Status"), "get_status_display"),
        Column(gettext_lazy("Established"), "established_on"),
        Column(gettext_lazy("Areas"), lambda p: "; ".join(a.name_vi for a in p.areas.all())),
        Column(gettext_lazy("Meetings"), "meeting_count"),
        Column(gettext_lazy("Last meeting"), "last_meeting_on"),
    ]

    def base_queryset(self):
        return selectors.partnership_list()

    @property
    def sort_annotations(self):
        return selectors.partnership_sort_annotations()

    def annotate_rows(self, rows):
        selectors.partnership_list_counts(rows)


class PartnerTimelineView(CachedPageMixin, LoginRequiredMixin, TemplateView):
    """A partner's page. The busiest partner has 740 entries of what happened and 310 people
    met: the page shows the newest ``TIMELINE_LIMIT`` entries and the latest ``PEOPLE_LIMIT``
    people, and ``?all=1`` shows everything. What is coming (planned meetings, the pending
    milestones due from today) is a short list of its own, at most ``UPCOMING_LIMIT`` of each,
    with links to the partner's meetings and milestones in their lists."""

    template_name = "partnerships/partner_detail.html"
    TIMELINE_LIMIT = 50
    PEOPLE_LIMIT = 20
    UPCOMING_LIMIT = 5

    def get_context_data(self, **kwargs):
        show_all = self.request.GET.get("all") == "1"
        try:
            timeline = selectors.partner_timeline(
                self.kwargs["pk"], limit=None if show_all else self.TIMELINE_LIMIT,
                people_limit=None if show_all else self.PEOPLE_LIMIT, upcoming_limit=self.UPCOMING_LIMIT)
        except Locality.DoesNotExist:
            raise Http404 from None
        return super().get_context_data(timeline=timeline, locality=timeline.locality, **kwargs)


class AgreementListView(FilteredListView):
    filterset_class = AgreementFilterSet
    template_name = "partnerships/agreement_list.html"
    page_title = gettext_lazy("Agreements")
    csv_name = "agreements"
    csv_columns = [
        Column(gettext_lazy("Title"), "title"),
        Column(gettext_lazy("Kind"), "get_kind_display"),
        Column(gettext_lazy("Partner"), "partnership.partner_locality.name_vi"),
        Column(gettext_lazy("Hanoi side"), "partnership.hanoi_locality.name_vi"),
        Column(gettext_lazy("Stage"), "get_stage_display"),
        Column(gettext_lazy("Stage changed on"), "stage_changed_on"),
        Column(gettext_lazy("Signed on"), "signed_on"),
        Column(gettext_lazy("Valid from"), "valid_from"),
        Column(gettext_lazy("Valid until"), "valid_until"),
        Column(gettext_lazy("Areas"), lambda a: "; ".join(x.name_vi for x in a.areas.all())),
    ]

    def base_queryset(self):
        return selectors.agreement_list(with_areas=self.request.GET.get("export") == "csv")


class AgreementBoardView(FilteredListView):
    """The pipeline: one column per stage, the filtered agreements as cards, at most
    COLUMN_LIMIT per column with a link to the rest in the table."""

    filterset_class = AgreementFilterSet
    template_name = "partnerships/agreement_board.html"
    page_title = gettext_lazy("Agreement pipeline")
    paginate_by = None
    csv_name = "agreements"
    csv_columns = AgreementListView.csv_columns
    COLUMN_LIMIT = 10

    def base_queryset(self):
        # Longest in their stage first; the (stage, stage_changed_on, title, id) index serves it.
        return selectors.agreement_list().order_by("stage_changed_on", "title", "id")

    def get_context_data(self, **kwargs):
        columns = selectors.agreement_board(self.object_list, per_stage=self.COLUMN_LIMIT)
        # object_list is the cards on the board, not every agreement the filters match.
        context = super().get_context_data(object_list=[card for column in columns for card in column], **kwargs)
        context["columns"] = [(column.stage, column) for column in columns]
        context["total"] = sum(column.total for column in columns)
        return context


class AgreementDetailView(LoginRequiredMixin, View):
    template_name = "partnerships/agreement_detail.html"

    def get_agreement(self):
        try:
            return selectors.agreement_detail(self.kwargs["pk"])
        except Agreement.DoesNotExist:
            raise Http404 from None

    def render(self, request, agreement, form, status=200):
        context = {
            "agreement": agreement,
            "form": form,
            "has_documents": selectors.agreement_documents_model() is not None,
            "can_advance": bool(allowed_next_stages(agreement)),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        agreement = self.get_agreement()
        form = AgreementAdvanceForm(agreement=agreement) if request.user.has_perm(EDIT_AGREEMENTS) else None
        return self.render(request, agreement, form)

    def post(self, request, pk):
        if not request.user.has_perm(EDIT_AGREEMENTS):
            raise PermissionDenied
        agreement = self.get_agreement()
        form = AgreementAdvanceForm(request.POST, agreement=agreement)
        if form.is_valid():
            try:
                _workflow().agreement_advance(
                    agreement=agreement, to_stage=form.cleaned_data["to_stage"], on=form.cleaned_data["on"],
                    by=request.user, note=form.cleaned_data["note"], evidence=form.cleaned_data["evidence"],
                )
            except ValidationError as error:
                form.add_service_error(error)
            except ImportError:
                form.add_error(None, _("The agreement workflow is not available yet."))
            else:
                messages.success(request, _("The stage was changed."))
                return redirect("partnerships:agreement_detail", pk=agreement.pk)
        return self.render(request, agreement, form, status=400)


class MilestoneListView(FilteredListView):
    # Tens of thousands of rows: unfiltered, counted from the planner\'s estimate ("about").
    paginator_class = EstimatedCountPaginator
    filterset_class = MilestoneFilterSet
    template_name = "partnerships/milestone_list.html"
    page_title = gettext_lazy("Milestones")
    csv_name = "milestones"
    csv_columns = [
        Column(gettext_lazy("Title"), "title"),
        Column(gettext_lazy("Due on"), "due_on"),
        Column(gettext_lazy("Status"), "get_status_display"),
        Column(gettext_lazy("Completed on"), "completed_on"),
        Column(gettext_lazy("Owner"), lambda m: m.owner.get_username() if m.owner else ""),
        Column(gettext_lazy("Agreement"), lambda m: m.agreement.title if m.agreement else ""),
        Column(gettext_lazy("Partner"), lambda m: (m.partnership or m.agreement.partnership).partner_locality.name_vi),
    ]

    def base_queryset(self):
        return selectors.milestone_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        context["snooze_default"] = default_snooze_until()
        context["mine"] = self.request.GET.get("mine") in ("1", "true", "True")
        return context


class MilestoneActionView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """POST-only actions on one milestone, for editors; anonymous users go to the login page,
    logged-in viewers get 403 and nothing changes."""

    permission_required = EDIT_MILESTONES
    http_method_names = ["post"]

    def back(self):
        target = self.request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(target, allowed_hosts={self.request.get_host()},
                                           require_https=self.request.is_secure()):
            return HttpResponseRedirect(target)
        return redirect(reverse("partnerships:milestone_list"))

    def post(self, request, pk):
        milestone = get_object_or_404(Milestone, pk=pk)
        try:
            self.act(milestone)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        except ImportError:
            messages.error(request, _("The agreement workflow is not available yet."))
        return self.back()


class MilestoneCompleteView(MilestoneActionView):
    def act(self, milestone):
        _workflow().milestone_complete(milestone=milestone, on=timezone.localdate(), by=self.request.user)
        messages.success(self.request, _("“%(title)s” is done.") % {"title": milestone.title})


class MilestoneSnoozeView(MilestoneActionView):
    def act(self, milestone):
        form = MilestoneSnoozeForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        until = form.cleaned_data["until"]
        _workflow().milestone_snooze(milestone=milestone, until=until, by=self.request.user)
        messages.success(self.request, _("“%(title)s” is snoozed until %(date)s.")
                         % {"title": milestone.title, "date": until.strftime("%d/%m/%Y")})
