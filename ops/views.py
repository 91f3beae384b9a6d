from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import broker_status, database_status


@never_cache
@require_GET
def healthz(request):
    """200 while the database answers: the dashboard works without the broker, so a broker
    outage is reported but does not take the app out of rotation."""
    status = {"database": database_status(), "broker": broker_status()}
    return JsonResponse(status, status=200 if status["database"] == "ok" else 503)


def bare(request):
    """The cheapest Django response this server can give: the yardstick of bench/load.py.
    Routed only when BENCH_ENDPOINTS is set."""
    return HttpResponse(b"ok", content_type="text/plain")
