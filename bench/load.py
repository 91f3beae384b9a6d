"""Throughput under load: gunicorn (2 workers) on this machine's database, driven by wrk from a
second process at 16 connections, for four dashboard pages, each beside a bare Django view
served by the same server in the same run (the ratio is the figure that counts).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python manage.py seed_scale --meetings 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/load.py [--seconds 10]

The server runs as in production: the page cache in Redis (BENCH_CACHE_URL, default
redis://127.0.0.1:6379/5, emptied first), so after the first request a page is served from the
cache until the data changes (one request per page before its run renders it); nothing is written
during the run. ``--no-page-cache`` measures every request rendered afresh. Needs Debian's wrk (installed here when missing and run as root)."""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

import _setup
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count

from partnerships.models import Locality

PORT = int(os.environ.get("BENCH_PORT", "8765"))
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/5")
BASE = f"http://127.0.0.1:{PORT}"


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL)
        return
    sys.exit("wrk is not installed: apt-get install wrk")


def session_cookie():
    user = _setup.bench_user()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def empty_page_cache():
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()


def start_server(page_cache):
    env = dict(os.environ, BENCH_ENDPOINTS="1", DEBUG="0", CACHE_URL=CACHE_URL,
               PAGE_CACHE_SECONDS="600" if page_cache else "0")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", "2", "--bind",
         f"127.0.0.1:{PORT}", "--log-level", "warning"], cwd=_setup.ROOT, env=env, start_new_session=True)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{BASE}/bench/bare", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start")


def run_wrk(url, seconds, cookie):
    output = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-H", f"Cookie: {cookie}", url],
                            capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return round(value * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)

    errors = 0
    for pattern in [r"Non-2xx or 3xx responses:\s+(\d+)", r"Socket errors: connect (\d+), read (\d+), "
                                                           r"write (\d+), timeout (\d+)"]:
        match = re.search(pattern, output)
        if match:
            errors += sum(int(g) for g in match.groups())
    return {"rps": rps, "p50_ms": latency("50"), "p99_ms": latency("99"), "errors": errors}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--no-page-cache", action="store_true", help="render every request afresh")
    args = parser.parse_args()
    ensure_wrk()
    partner = (Locality.objects.filter(is_hanoi_side=False).annotate(n=Count("partnerships__meetings"))
               .order_by("-n").first())
    pages = [("overview", "/"), ("partner timeline", f"/partners/{partner.pk}/" if partner else "/partners/"),
             ("meetings filtered", "/meetings/?kind=reception&date_from=2020-01-01"),
             ("search", "/search/?q=nguyen%20van")]
    cookie = session_cookie()
    empty_page_cache()
    server = start_server(page_cache=not args.no_page_cache)
    rows = []
    try:
        for name, path in pages:
            bare = run_wrk(f"{BASE}/bench/bare", args.seconds, cookie)
            # The user's first view, outside the measure: with the page cache, the run measures
            # the pages as served until the next write (--no-page-cache: every one rendered).
            request = urllib.request.Request(f"{BASE}{path}", headers={"Cookie": cookie})
            urllib.request.urlopen(request, timeout=30).read()
            page = run_wrk(f"{BASE}{path}", args.seconds, cookie)
            row = {"page": name, "path": path, "page_cache": not args.no_page_cache, **page, "bare_rps": bare["rps"],
                   "ratio": round(page["rps"] / bare["rps"], 3) if bare["rps"] else None}
            print(json.dumps(row, ensure_ascii=False), flush=True)
            rows.append(row)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    print()
    _setup.print_table(rows, ["page", "rps", "p50_ms", "p99_ms", "errors", "bare_rps", "ratio"])


if __name__ == "__main__":
    main()
