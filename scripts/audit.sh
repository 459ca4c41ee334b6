#!/usr/bin/env bash
# Audits the Python packages installed in .venv (tms's dependencies and the test tools, tms itself left out)
# for known vulnerabilities with pip-audit, against the advisories PyPI publishes for each release (the
# Python Packaging Advisory Database, through OSV). Exits 1 when a package has a known vulnerability.
#
# pip-audit runs from a virtualenv of its own (so it neither audits nor changes .venv). Where that cannot be
# installed, or the advisory service cannot be reached, the audit is skipped with a message and exit 0:
# a known-vulnerable release (jinja2 2.10) is looked up first, and only an answer that lists its advisories
# counts as a working service.
set -uo pipefail
cd "$(dirname "$0")/.."

tool="${XDG_CACHE_HOME:-$HOME/.cache}/tms/pip-audit"
skip() { echo "pip-audit: skipped: $*"; exit 0; }

if [[ ! -x $tool/bin/pip-audit ]]; then
  python3 -m venv "$tool" >/dev/null 2>&1 || skip "cannot make a virtualenv for it in $tool"
  "$tool/bin/python" -m pip install -q "pip-audit>=2.7" >/dev/null 2>&1 || skip "cannot install pip-audit (no package index reachable)"
fi
audit=("$tool/bin/pip-audit" --no-deps --disable-pip --progress-spinner off)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "jinja2==2.10" >"$work/canary.txt"
if ! "${audit[@]}" -r "$work/canary.txt" -f json 2>/dev/null | grep -q '"vulns": \[{'; then
  skip "its advisory service (PyPI's JSON API) cannot be reached from this machine"
fi

# name==version of every installed distribution; editable ones (tms itself) are not on PyPI
.venv/bin/python -m pip list --format=freeze --exclude-editable 2>/dev/null >"$work/installed.txt"
count=$(wc -l <"$work/installed.txt")
echo "pip-audit: checking $count packages installed in .venv against PyPI's advisories"
"${audit[@]}" -r "$work/installed.txt" --desc off
