"""Agreement documents are evidence: never served from a public media URL, only here to
signed-in staff, as a download."""
import os

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from partnerships.models import AgreementDocument


@login_required
def document_download(request, pk):
    document = get_object_or_404(AgreementDocument, pk=pk)
    if not document.file:
        raise Http404("No file")
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("File missing from storage") from None
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(document.file.name))
