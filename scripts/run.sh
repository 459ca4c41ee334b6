#!/usr/bin/env bash
# The main job: set up, import the originals into their catalogs, prefill them offline, create a demo
# admin and serve the review UI on http://127.0.0.1:5000 (SQLite database, offline engines: the translation
# memory, then Apertium for the languages its installed pairs serve).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
tms=.venv/bin/tms
$tms update                       # originals/*.md -> locales/ (idempotent, msgmerge-like)
$tms prefill --engine "${TMS_ENGINE:-memory,apertium}"   # memory first, then Apertium (es, fr from en)
$tms user add admin --role admin --generate-password --if-missing
$tms status
exec $tms serve --host "${TMS_HOST:-127.0.0.1}" --port "${TMS_PORT:-5000}"
