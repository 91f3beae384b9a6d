"""Checks on uploaded agreement documents: a size limit and a short list of office formats,
recognised by their extension AND their first bytes, so a renamed executable is refused."""
import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Word .doc (OLE compound file)
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _zip_has(file, name):
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            return name in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(0)


def _is_docx(head, file):
    return head.startswith(ZIP_MAGIC) and _zip_has(file, "word/document.xml")


def _is_odt(head, file):
    # An ODF package stores an uncompressed "mimetype" entry first, so its value sits at byte 38.
    return head.startswith(ZIP_MAGIC) and ODT_MIMETYPE in head[:128]


# extension -> check of the file's first bytes
ALLOWED_DOCUMENT_TYPES = {
    "pdf": lambda head, file: head.startswith(b"%PDF-"),
    "docx": _is_docx,
    "doc": lambda head, file: head.startswith(OLE_MAGIC),
    "odt": _is_odt,
    "jpg": lambda head, file: head.startswith(b"\xff\xd8\xff"),
    "jpeg": lambda head, file: head.startswith(b"\xff\xd8\xff"),
    "png": lambda head, file: head.startswith(b"\x89PNG\r\n\x1a\n"),
}


def max_upload_bytes():
    return getattr(settings, "MAX_UPLOAD_MB", 20) * 1024 * 1024


def validate_document_size(file):
    if file.size is not None and file.size > max_upload_bytes():
        raise ValidationError(
            _("The file is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": file.size / 1024 / 1024, "limit": getattr(settings, "MAX_UPLOAD_MB", 20)},
            code="file_too_large",
        )


def validate_document_type(file):
    extension = os.path.splitext(file.name or "")[1].lower().lstrip(".")
    check = ALLOWED_DOCUMENT_TYPES.get(extension)
    allowed = ", ".join(sorted(ALLOWED_DOCUMENT_TYPES))
    if check is None:
        raise ValidationError(_("Only these file types are accepted: %(allowed)s.") % {"allowed": allowed},
                              code="file_type")
    file.seek(0)
    head = file.read(256)
    file.seek(0)
    if not check(head, file):
        raise ValidationError(_("The file's content does not match its .%(extension)s extension.")
                              % {"extension": extension}, code="file_content")
