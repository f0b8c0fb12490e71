#!/usr/bin/env bash
# Everything a release needs before its servers start, in order, each step idempotent:
# catalogues compiled, static files collected (hashed, compressed: the application refuses to
# start without them), migrations, sites provisioned, the first administrator; with
# CMS_PAGE_FILES_DIR set, nginx's rules for readers' page files (reload nginx afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
$PY manage.py compile_catalogues
$PY manage.py collectstatic --no-input -v 0
$PY manage.py prepare_instance --no-input
$PY manage.py check --deploy
if [[ -n ${CMS_PAGE_FILES_DIR:-} ]]; then
  $PY manage.py page_files nginx
fi
