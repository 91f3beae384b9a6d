#!/usr/bin/env bash
# The product on its embedded default: SQLite, e-mail on the console, Celery tasks in-process.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh requirements.txt
export DEBUG=${DEBUG:-1}
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py load_demo
address=${ADDRESS:-127.0.0.1:8000}
echo "Dashboard: http://$address/   (admin: http://$address/admin/)"
exec .venv/bin/python manage.py runserver "$address"
