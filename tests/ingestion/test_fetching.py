"""Fetching an article by URL: a real local HTTP server on 127.0.0.1, allowed only through
INGEST_URL_ALLOWLIST; private, loopback, link-local and mixed answers refused, redirects checked."""
import http.server
import socket
import threading
import time

import pytest
from django.core.exceptions import ValidationError

from meetings.fetching import fetch_url, resolve_checked
from meetings.ingestion import article_ingest
from meetings.models import SourceArticle
from tests.ingestion import articles as A

pytestmark = pytest.mark.django_db


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        port = self.server.server_address[1]
        page = A.HTML_PAGE.encode("utf-8")
        routes = {
            "/bai-viet.html": lambda: self._send(200, page, [("Content-Type", "text/html; charset=utf-8")]),
            "/bai-viet.txt": lambda: self._send(200, A.VI_VIENTIANE.encode("utf-8"),
                                                [("Content-Type", "text/plain; charset=utf-8")]),
            "/moved": lambda: self._send(302, headers=[("Location", "/bai-viet.html")]),
            "/to-localhost": lambda: self._send(302, headers=[("Location", f"http://localhost:{port}/bai-viet.html")]),
            "/to-metadata": lambda: self._send(301, headers=[("Location", "http://169.254.169.254/latest/meta-data")]),
            "/loop": lambda: self._send(302, headers=[("Location", "/loop")]),
            "/image.png": lambda: self._send(200, b"\x89PNG\r\n\x1a\n", [("Content-Type", "image/png")]),
            "/missing": lambda: self._send(404, b"not here", [("Content-Type", "text/html")]),
        }
        if self.path == "/slow":
            time.sleep(2)
            return self._send(200, page, [("Content-Type", "text/html")])
        if self.path == "/endless":  # no Content-Length: the cap must hold while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(2000):
                    self.wfile.write(b"Ha Noi tiep doan dai bieu. " * 400)
            except OSError:
                pass
            return None
        return routes.get(self.path, lambda: self._send(404))()


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allow_local(settings):
    settings.INGEST_URL_ALLOWLIST = ["127.0.0.1"]
    settings.INGEST_FETCH_TIMEOUT = 1.0


def test_fetch_from_an_allowed_local_server(server, allow_local, editor):
    article, created = article_ingest(url=f"{server}/bai-viet.html", by=editor)
    assert created
    assert article.url == f"{server}/bai-viet.html"
    assert article.retrieved_at is not None
    assert "Rudi Hartono" in article.clean_text
    assert "analytics" not in article.clean_text


def test_fetch_through_the_page(server, allow_local, editor_client):
    response = editor_client.post("/articles/new/", {"url": f"{server}/bai-viet.txt", "published": "2025-03-12"})
    assert response.status_code == 302
    article = SourceArticle.objects.get()
    assert article.draft["event_date"] == "2025-03-12"
    # the same address again: the existing article, not a copy (and no second fetch)
    response = editor_client.post("/articles/new/", {"url": f"{server}/bai-viet.txt"})
    assert response.status_code == 302 and SourceArticle.objects.count() == 1


def test_a_redirect_on_the_same_allowed_host_is_followed(server, allow_local):
    page = fetch_url(f"{server}/moved")
    assert page.final_url == f"{server}/bai-viet.html"
    assert page.content_type == "text/html" and page.charset == "utf-8"


def test_loopback_refused_without_the_allow_list(server, editor_client, settings):
    settings.INGEST_URL_ALLOWLIST = []
    response = editor_client.post("/articles/new/", {"url": f"{server}/bai-viet.html"})
    assert response.status_code == 400
    assert "points inside a private network" in response.content.decode()
    assert SourceArticle.objects.count() == 0


@pytest.mark.parametrize("path", ["/to-localhost", "/to-metadata"])
def test_a_redirect_to_a_private_address_is_refused(server, allow_local, path):
    with pytest.raises(ValidationError) as caught:
        fetch_url(server + path)
    assert caught.value.code == "private_address"


@pytest.mark.parametrize("url", [
    "http://10.0.0.8/tin-tuc", "http://192.168.1.1/", "http://172.16.5.4/", "http://169.254.169.254/latest/meta-data",
    "http://[::1]/", "http://0.0.0.0/", "http://224.0.0.1/", "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/",
    "http://240.0.0.1/",
])
def test_private_and_special_addresses_are_refused(url):
    with pytest.raises(ValidationError) as caught:
        fetch_url(url)
    assert caught.value.code == "private_address"


def test_every_resolved_address_is_checked(monkeypatch):
    answers = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 80)),
               (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", 80))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: answers)
    with pytest.raises(ValidationError) as caught:
        resolve_checked("news.example.com", 80)
    assert caught.value.code == "private_address"
    answers.pop()
    assert resolve_checked("news.example.com", 80) == ["93.184.215.14"]


@pytest.mark.parametrize(("path", "code"), [
    ("/loop", "too_many_redirects"), ("/image.png", "content_type"), ("/missing", "http_status"),
    ("/slow", "unreachable"), ("/endless", "too_large"),
])
def test_fetch_refusals(server, allow_local, settings, path, code):
    settings.INGEST_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as caught:
        fetch_url(server + path)
    assert caught.value.code == code


def test_other_schemes_and_credentials_are_refused():
    for url, code in [("ftp://example.com/a", "scheme"), ("file:///etc/passwd", "scheme"),
                      ("http://user:pw@example.com/", "credentials")]:
        with pytest.raises(ValidationError) as caught:
            fetch_url(url)
        assert caught.value.code == code


@pytest.fixture
def tls_server(tmp_path):
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("needs openssl to make a certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{httpd.server_address[1]}", cert
    httpd.shutdown()
    httpd.server_close()


def test_https_certificates_are_verified(tls_server, allow_local, monkeypatch):
    import ssl

    url, cert = tls_server
    with pytest.raises(ValidationError) as caught:
        fetch_url(f"{url}/bai-viet.html")
    assert caught.value.code == "unreachable"  # a self-signed certificate is not trusted
    # trusted, the same server answers over TLS
    default_context = ssl.create_default_context
    monkeypatch.setattr(ssl, "create_default_context", lambda: default_context(cafile=str(cert)))
    assert b"Rudi Hartono" in fetch_url(f"{url}/bai-viet.html").content
