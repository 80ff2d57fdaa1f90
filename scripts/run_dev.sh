#!/usr/bin/env bash
# Serve coopcare for development: the background-task worker and the web server together.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-8000}"
.venv/bin/python manage.py db_worker --interval 1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM
echo "coopcare is at http://127.0.0.1:${PORT} (demo accounts are listed in README.md)"
.venv/bin/python manage.py runserver "127.0.0.1:${PORT}"
