#!/usr/bin/env bash
# `make production`: the production serving path on one machine, in the foreground —
# the application server (deploy/app-server.sh: granian), the task worker and the scheduler,
# after the release steps (deploy/prepare-release.sh: catalogues, collectstatic, migrations,
# provisioning).
#
# The environment comes from .env.production (created on first use with a random SECRET_KEY,
# the SQLite database and plain HTTP on :8000, for a trial on this machine; edit it for a real
# server: PostgreSQL, Redis, the proxy, the hostnames — deploy/production.env.example). Media are
# served by the application unless CMS_SERVE_MEDIA=false (a proxy serves them).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
ENV_FILE=${ENV_FILE:-.env.production}
if [[ ! -f $ENV_FILE ]]; then
  secret=$($PY -c 'import secrets; print(secrets.token_urlsafe(60))')
  cat > "$ENV_FILE" <<ENV
DJANGO_SETTINGS_MODULE=cms.settings.production
SECRET_KEY=$secret
ALLOWED_HOSTS=.localhost,localhost,127.0.0.1
WAGTAILADMIN_BASE_URL=http://127.0.0.1:8000
DATABASE_URL=sqlite:///$PWD/db.production.sqlite3
CMS_SITE_DOMAIN=localhost:8000
CMS_SITE_SCHEME=http
SECURE_SSL_REDIRECT=false
SECURE_HSTS_SECONDS=0
CMS_SERVE_MEDIA=true
CMS_PROXY_COUNT=0
ENV
  echo "Wrote $ENV_FILE for a trial on this machine (plain HTTP, SQLite); edit it for a server."
fi
set -a
# shellcheck disable=SC1090
source "$ENV_FILE"
set +a
deploy/prepare-release.sh
mkdir -p .logs var
echo "Serving on ${WEB_HOST:-127.0.0.1}:${WEB_PORT:-8000}; worker and scheduler log to .logs/."
trap 'kill 0' INT TERM EXIT
$PY manage.py db_worker --no-reload >> .logs/worker.log 2>&1 &
$PY manage.py run_scheduler >> .logs/scheduler.log 2>&1 &
deploy/app-server.sh
