"""Pages for adding an article, the queue of articles waiting for review, and the review that
turns an article's draft into meetings. Glue only: the rules live in meetings/ingestion.py."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from meetings.ingestion import (
    ConfirmRefused,
    article_confirm,
    article_dismiss,
    article_ingest,
    articles_awaiting_review,
    too_large_error,
)
from meetings.models import SourceArticle
from meetings.review_forms import (
    ArticleAddForm,
    MeetingFormSet,
    ParticipantFormSet,
    ReviewChoices,
    StageChangeFormSet,
    review_initial,
)
from staff.roles import REVIEW_ARTICLES

ADD_MEETING = "meetings.add_meeting"


# The add view reads the request body itself before the CSRF check, so that a paste larger than
# DATA_UPLOAD_MAX_MEMORY_SIZE gets a message on the form instead of a bare "400 Bad Request"
# (the CSRF middleware would read request.POST first and fail). Nothing is written on that path;
# every other POST goes through csrf_protect below.
@method_decorator(csrf_exempt, name="dispatch")
class ArticleAddView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = REVIEW_ARTICLES
    template_name = "meetings/article_add.html"

    def get(self, request):
        return self.render(ArticleAddForm())

    def post(self, request):
        try:
            request.POST, request.FILES  # noqa: B018 - parse the body now, inside the try
        except RequestDataTooBig:
            return self.render(ArticleAddForm(), status=413, errors=too_large_error().messages)
        return self.checked_post(request)

    @method_decorator(csrf_protect)
    def checked_post(self, request):
        form = ArticleAddForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form, status=400)
        data = form.cleaned_data
        try:
            article, created = article_ingest(text=data["text"] or None, upload=data["upload"], url=data["url"],
                                              published=data["published"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render(form, status=400)
        if created:
            messages.success(request, _("The article was added. Check the draft below and confirm it."))
            return redirect("ingestion:article_review", pk=article.pk)
        messages.info(request, _("This article is already in the tracker: here it is."))
        if article.review_status == SourceArticle.ReviewStatus.PENDING:
            return redirect("ingestion:article_review", pk=article.pk)
        return redirect("meetings:article_detail", pk=article.pk)

    def render(self, form, status=200, errors=()):
        return render(self.request, self.template_name,
                      {"form": form, "errors": errors, "page_title": _("Add an article")}, status=status)


@login_required
def review_queue(request):
    articles = articles_awaiting_review()
    return render(request, "meetings/article_queue.html", {
        "articles": articles, "page_title": _("Articles waiting for review"),
        "can_review": request.user.has_perms([REVIEW_ARTICLES, ADD_MEETING]),
    })


class ArticleReviewView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """GET: the cleaned text beside the pre-filled meeting forms. POST: confirm, dismiss or add
    a meeting form."""

    permission_required = (REVIEW_ARTICLES, ADD_MEETING)
    template_name = "meetings/article_review.html"

    def get(self, request, pk):
        article = get_object_or_404(SourceArticle, pk=pk)
        if article.review_status != SourceArticle.ReviewStatus.PENDING:
            return self.render(article, None, [])
        formset, nested = self.build(article)
        return self.render(article, formset, nested)

    def post(self, request, pk):
        article = get_object_or_404(SourceArticle, pk=pk)
        # "status" is what the article detail page's buttons send (meetings:article_review).
        if "dismiss" in request.POST or request.POST.get("status") == SourceArticle.ReviewStatus.DISMISSED:
            try:
                article_dismiss(article=article, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("meetings:article_detail", pk=article.pk)
            messages.success(request, _("The article was dismissed."))
            return redirect("ingestion:queue")
        if article.review_status != SourceArticle.ReviewStatus.PENDING:
            messages.info(request, _("This article has already been reviewed; nothing was changed."))
            return redirect("meetings:article_detail", pk=article.pk)

        data = request.POST.copy()
        if "meetings-TOTAL_FORMS" not in data:
            # Confirming means reviewing the draft: send the editor to the form.
            return redirect("ingestion:article_review", pk=article.pk)
        if "add_meeting" in data:
            try:
                total = int(data.get("meetings-TOTAL_FORMS", "0"))
            except ValueError:
                total = 0
            data["meetings-TOTAL_FORMS"] = str(total + 1)
            formset, nested = self.build(article, data)
            return self.render(article, formset, nested)

        formset, nested = self.build(article, data)
        if not self.all_valid(formset, nested):
            return self.render(article, formset, nested, status=400)
        specs, sources = [], []
        for form, people, stages in self.kept(formset, nested):
            participants = [spec for f in self.bound_forms(people) if (spec := f.to_spec())]
            stage_forms = [f for f in self.bound_forms(stages) if f.to_spec()]
            specs.append(form.to_spec(participants=participants, stage_changes=[f.to_spec() for f in stage_forms]))
            sources.append((form, stage_forms))
        try:
            created = article_confirm(article=article, meetings=specs, by=request.user)
        except ConfirmRefused as refused:
            if getattr(refused.error, "code", None) == "already_reviewed":
                messages.info(request, _("This article has already been reviewed; nothing was changed."))
                return redirect("meetings:article_detail", pk=article.pk)
            message = ValidationError(refused.error.messages)
            if refused.meeting is None:
                formset._non_form_errors = formset.error_class(refused.error.messages, error_class="nonform")
            else:
                form, stage_forms = sources[refused.meeting]
                if refused.part == "stage_changes" and refused.row is not None:
                    stage_forms[refused.row].add_error("to_stage", message)
                    form.add_error(None, _("A stage change was refused; nothing was saved."))
                else:
                    form.add_error(None, message)
            return self.render(article, formset, nested, status=400)
        messages.success(request, ngettext("%(count)d meeting was created from the article.",
                                           "%(count)d meetings were created from the article.",
                                           len(created)) % {"count": len(created)})
        return redirect("meetings:meeting_detail", pk=created[0].pk)

    # ------------------------------------------------------------------ helpers

    def build(self, article, data=None):
        choices = ReviewChoices()
        meetings, people, stages = review_initial(article, choices)
        formset = MeetingFormSet(data, prefix="meetings", initial=[initial for initial, _extras in meetings],
                                 choices=choices, form_extras=[extras for _initial, extras in meetings])
        nested = []
        for index, form in enumerate(formset.forms):
            nested.append((
                form,
                self.nested(ParticipantFormSet, data, f"{form.prefix}-people",
                            people[index] if index < len(people) else [], choices),
                self.nested(StageChangeFormSet, data, f"{form.prefix}-stages",
                            stages[index] if index < len(stages) else [], choices),
            ))
        return formset, nested

    @staticmethod
    def nested(formset_class, data, prefix, initial, choices):
        # A meeting form added on this page has no rows yet: its formsets start unbound.
        bound = data is not None and f"{prefix}-TOTAL_FORMS" in data
        return formset_class(data if bound else None, prefix=prefix, initial=initial, choices=choices)

    @staticmethod
    def bound_forms(formset):
        return formset.forms if formset.is_bound else []

    @staticmethod
    def kept(formset, nested):
        initial_count = formset.initial_form_count()
        for index, (form, people, stages) in enumerate(nested):
            if formset._should_delete_form(form):
                continue
            if index >= initial_count and not form.has_changed():
                continue  # an added meeting form left empty
            yield form, people, stages

    def all_valid(self, formset, nested):
        valid = formset.is_valid()
        for form, people, stages in self.kept(formset, nested):
            for sub in (people, stages):
                if sub.is_bound and not sub.is_valid():
                    valid = False
        return valid

    def render(self, article, formset, nested, status=200):
        draft = article.draft or {}
        evidence = draft.get("evidence") or {}
        return render(self.request, self.template_name, {
            "article": article, "formset": formset, "nested": nested, "page_title": _("Review an article"),
            "draft": draft, "evidence_people": [s for s in (evidence.get("hanoi_officials"),
                                                            evidence.get("foreign_officials")) if s],
            "meetings": article.meetings.order_by("date", "id") if formset is None else None,
            "queue_url": reverse("ingestion:queue"),
        }, status=status)
