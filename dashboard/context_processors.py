"""Values every dashboard page needs: the search query and what the user may do."""
from staff.roles import EDIT_AGREEMENTS, EDIT_MILESTONES, REVIEW_ARTICLES


def dashboard(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"search_q": ""}
    return {
        "search_q": request.GET.get("q", "") if request.resolver_match and
        request.resolver_match.view_name == "dashboard:search" else "",
        "can_edit_agreements": user.has_perm(EDIT_AGREEMENTS),
        "can_edit_milestones": user.has_perm(EDIT_MILESTONES),
        "can_review_articles": user.has_perm(REVIEW_ARTICLES),
    }
