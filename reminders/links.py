"""Where a reminder points on the dashboard. All paths in one place, so that moving a page
only needs a change here."""
from django.conf import settings

DASHBOARD_PATHS = {
    "agreement": "/agreements/{id}/",
    "partner": "/partners/{id}/",  # the partner locality's page
    "my_milestones": "/milestones/?mine=1",
}


def dashboard_url(page, object_id=None):
    """Absolute URL (from settings.SITE_URL) of a dashboard page, e.g. dashboard_url("agreement", 7)."""
    return settings.SITE_URL + DASHBOARD_PATHS[page].format(id=object_id)
