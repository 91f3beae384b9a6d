from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousFileOperation
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.utils._os import safe_join
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import broker_status, database_status


@never_cache
@require_GET
@transaction.non_atomic_requests  # ATOMIC_REQUESTS would connect first and 500 when the database is down
def healthz(request):
    """200 while the database answers: the dashboard works without the broker, so a broker
    outage is reported but does not take the app out of rotation."""
    status = {"database": database_status(), "broker": broker_status()}
    return JsonResponse(status, status=200 if status["database"] == "ok" else 503)


def bare(request):
    """The cheapest Django response this server can give: the yardstick of bench/load.py.
    Routed only when BENCH_ENDPOINTS is set."""
    return HttpResponse(b"ok", content_type="text/plain")


@login_required
@require_GET
def protected_media(request, path):
    """Uploaded files, for logged-in staff only, always as downloads (never rendered inline)."""
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except SuspiciousFileOperation:
        raise Http404 from None
    if not full_path.is_file():
        raise Http404
    return FileResponse(full_path.open("rb"), as_attachment=True, filename=full_path.name)
