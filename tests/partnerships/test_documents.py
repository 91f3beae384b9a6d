"""Agreement documents: only office formats whose bytes match their extension, a size
limit, and downloads only for signed-in staff, never from a public URL."""
import io
import zipfile

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.validators import validate_document_size, validate_document_type
from tests.factories import PDF_BYTES, AgreementDocumentFactory

pytestmark = pytest.mark.django_db


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name), data)
    return buffer.getvalue()


DOCX = _zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])
ODT = _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office/>")])


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("name,content", [
    ("ban-ky.pdf", PDF_BYTES),
    ("ban-ky.PDF", PDF_BYTES),
    ("du-thao.docx", DOCX),
    ("du-thao.odt", ODT),
    ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
    ("anh.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF"),
    ("anh.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
])
def test_allowed_types_pass(name, content):
    validate_document_type(SimpleUploadedFile(name, content))


@pytest.mark.parametrize("name,content,message", [
    ("virus.exe", b"MZ\x90\0", "Only these file types are accepted"),
    ("ban-ky.pdf", b"MZ\x90\0 renamed executable", "does not match its .pdf extension"),
    ("du-thao.docx", ODT, "does not match its .docx extension"),
    ("du-thao.odt", DOCX, "does not match its .odt extension"),
    ("anh.png", b"\xff\xd8\xff\xe0", "does not match its .png extension"),
    ("khong-duoi", PDF_BYTES, "Only these file types are accepted"),
])
def test_wrong_types_are_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_document_type(SimpleUploadedFile(name, content))


def test_size_limit_comes_from_settings(settings):
    settings.MAX_UPLOAD_MB = 1
    validate_document_size(SimpleUploadedFile("a.pdf", PDF_BYTES + b"\0" * (1024 * 1024 - len(PDF_BYTES))))
    with pytest.raises(ValidationError, match="the limit is 1 MB"):
        validate_document_size(SimpleUploadedFile("a.pdf", PDF_BYTES + b"\0" * 1024 * 1024))


def test_model_validation_runs_both_checks():
    document = AgreementDocumentFactory.build(file=ContentFile(b"MZ", name="x.pdf"))
    document.agreement.partnership.hanoi_locality.save()
    with pytest.raises(ValidationError) as refused:
        document.full_clean(exclude=["agreement"])
    assert "file" in refused.value.message_dict


def test_files_live_under_media_root_and_are_not_public(client):
    document = AgreementDocumentFactory()
    assert document.file.path.startswith(str(settings.MEDIA_ROOT))
    assert document.file.name.startswith("agreements/")
    response = client.get(document.file.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_users_are_sent_to_the_login(client):
    document = AgreementDocumentFactory()
    response = client.get(f"/documents/{document.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_staff_download_the_file_as_an_attachment(client, staff_user):
    document = AgreementDocumentFactory()
    client.force_login(staff_user)
    response = client.get(f"/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_missing_documents_and_files_are_404(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/documents/999999/").status_code == 404
    document = AgreementDocumentFactory()
    document.file.storage.delete(document.file.name)
    assert client.get(f"/documents/{document.pk}/").status_code == 404
