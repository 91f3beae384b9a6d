"""Fetching an article page by URL for ingestion, without letting a URL reach inside our network.

Server-side request forgery is the hazard: a staff member (or a link they paste) could make the
server read an intranet page, a cloud metadata endpoint or a database port. So:

* only http and https, only the default ports or ones given in the URL;
* every address the host resolves to must be public (not private, loopback, link-local,
  reserved, multicast, unspecified, shared or IPv4-mapped versions of those) — unless the host
  name is in settings.INGEST_URL_ALLOWLIST;
* we connect to the address we checked (no second DNS lookup that could answer differently);
* redirects are followed by hand, at most MAX_REDIRECTS, and each new URL is checked again;
* a timeout on every socket operation plus an overall deadline, and a size cap
  (settings.INGEST_MAX_BYTES) enforced while reading, not after.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_REDIRECTS = 5
ACCEPTED_TYPES = ("text/html", "text/plain", "application/xhtml+xml")
USER_AGENT = "HanoiPartnershipTracker/1.0 (article ingestion)"
_CHUNK = 64 * 1024


@dataclass
class FetchedPage:
    url: str  # the URL asked for
    final_url: str  # after redirects
    content: bytes
    content_type: str
    charset: str | None


def _refuse(message, code):
    raise ValidationError(message, code=code)


def _address_is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    return not (address.is_private or address.is_loopback or address.is_link_local or address.is_reserved
                or address.is_multicast or address.is_unspecified or not address.is_global)


def _host_allowed(host: str) -> bool:
    allowed = {h.strip().lower().rstrip(".") for h in getattr(settings, "INGEST_URL_ALLOWLIST", []) if h.strip()}
    return host.lower().rstrip(".") in allowed


def resolve_checked(host: str, port: int) -> list[str]:
    """The addresses of `host` we may connect to; refuses if any of them is not public
    (one public address beside a private one is still a way in)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        _refuse(_("The address of this web site could not be found."), "unresolvable")
    addresses = []
    for info in infos:
        raw = info[4][0].split("%", 1)[0]  # drop an IPv6 zone id
        addresses.append(ipaddress.ip_address(raw))
    if not addresses:
        _refuse(_("The address of this web site could not be found."), "unresolvable")
    if not _host_allowed(host) and not all(_address_is_public(a) for a in addresses):
        _refuse(_("This address points inside a private network and cannot be fetched."), "private_address")
    return list(dict.fromkeys(str(a) for a in addresses))


def _split_url(url: str):
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        _refuse(_("This is not a valid web address."), "invalid_url")
    if parts.scheme not in ("http", "https"):
        _refuse(_("Only http and https addresses can be fetched."), "scheme")
    if not parts.hostname:
        _refuse(_("This is not a valid web address."), "invalid_url")
    if parts.username or parts.password:
        _refuse(_("Addresses with a user name or password cannot be fetched."), "credentials")
    port = port or (443 if parts.scheme == "https" else 80)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, parts.hostname, port, path


def _connect(scheme, host, port, addresses, timeout):
    last_error = None
    for address in addresses:
        try:
            sock = socket.create_connection((address, port), timeout=timeout)
        except OSError as error:
            last_error = error
            continue
        if scheme == "https":
            context = ssl.create_default_context()
            try:
                sock = context.wrap_socket(sock, server_hostname=host)
            except (ssl.SSLError, OSError) as error:
                sock.close()
                last_error = error
                continue
            conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=context)
        else:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
        conn.sock = sock  # connected to the checked address; http.client will not connect again
        return conn
    raise last_error or OSError("no address")


def _content_type(response):
    header = response.getheader("Content-Type") or ""
    message = http.client.HTTPMessage()
    message["Content-Type"] = header or "application/octet-stream"
    return message.get_content_type(), message.get_content_charset()


def fetch_url(url: str, *, max_bytes: int | None = None, timeout: float | None = None) -> FetchedPage:
    """GET `url` (following up to MAX_REDIRECTS redirects) and return its body, or refuse with
    a ValidationError whose message can be shown to the user."""
    max_bytes = max_bytes or settings.INGEST_MAX_BYTES
    timeout = timeout or getattr(settings, "INGEST_FETCH_TIMEOUT", 10.0)
    deadline = time.monotonic() + timeout * 3
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port, path = _split_url(current)
        addresses = resolve_checked(host, port)
        try:
            conn = _connect(scheme, host, port, addresses, timeout)
        except (OSError, ssl.SSLError):
            _refuse(_("The web site could not be reached."), "unreachable")
        try:
            try:
                conn.request("GET", path, headers={
                    "User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9",
                    "Accept-Encoding": "identity", "Connection": "close",
                })
                response = conn.getresponse()
            except (OSError, http.client.HTTPException):
                _refuse(_("The web site did not answer in time or sent an invalid answer."), "unreachable")
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    _refuse(_("The web site sent a redirect without an address."), "bad_redirect")
                current = urljoin(current, location.strip())
                continue
            if response.status != 200:
                _refuse(_("The web site answered with error %(status)s.") % {"status": response.status},
                        "http_status")
            content_type, charset = _content_type(response)
            if content_type not in ACCEPTED_TYPES:
                _refuse(_("This address does not lead to a web page or a text (it is %(type)s).")
                        % {"type": content_type}, "content_type")
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                _refuse(_too_large_message(max_bytes), "too_large")
            body = bytearray()
            try:
                while True:
                    if time.monotonic() > deadline:
                        _refuse(_("The web site did not answer in time or sent an invalid answer."), "timeout")
                    chunk = response.read(_CHUNK)
                    if not chunk:
                        break
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        _refuse(_too_large_message(max_bytes), "too_large")
            except (OSError, http.client.HTTPException):
                _refuse(_("The web site did not answer in time or sent an invalid answer."), "unreachable")
            return FetchedPage(url=url, final_url=current, content=bytes(body), content_type=content_type,
                               charset=charset)
        finally:
            conn.close()
    _refuse(_("The web site redirected too many times."), "too_many_redirects")


def _too_large_message(max_bytes):
    return _("The article is larger than the limit of %(size)s MB.") % {"size": _megabytes(max_bytes)}


def _megabytes(size):
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 1 else f"{value:.2f}"
