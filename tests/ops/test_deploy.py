"""The production settings pass Django's deployment checklist, and refuse to start without a key."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"} and not k.startswith(("SECURE_", "SESSION_COOKIE", "CSRF_COOKIE"))}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.base", **env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=120)


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="0",
                     SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="doingoai.hanoi.gov.vn")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_web_server_refuses_to_start_without_a_secret_key():
    environment = {k: v for k, v in os.environ.items()
                   if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "ALLOW_EPHEMERAL_SECRET_KEY"}}
    result = subprocess.run([sys.executable, "-c", "import config.wsgi"], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_command_line_tools_run_without_a_secret_key(tmp_path):
    article = tmp_path / "tin.txt"
    article.write_text("Hà Nội tiếp Đô trưởng Viêng Chăn\n\nChiều 4/10/2023, Chủ tịch UBND Thành phố Trần Sỹ Thanh "
                       "đã tiếp Đô trưởng Thủ đô Viêng Chăn Athsaphangthong Siphandone tại trụ sở Thành phố.\n",
                       encoding="utf-8")
    result = _manage("extract_article", str(article), DEBUG="0", SECRET_KEY="",
                     DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert result.returncode == 0, result.stderr
    assert '"event_date": "2023-10-04"' in result.stdout
