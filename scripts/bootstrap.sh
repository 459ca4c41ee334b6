#!/usr/bin/env bash
# Installs what tms needs on a fresh Debian machine: system packages, a virtualenv and the Python packages.
# Usage: scripts/bootstrap.sh [--browser]   (--browser, the mode of scripts/test.sh, also installs what the
# tests drive for real: Debian's chromium for the UI tests, PostgreSQL and Redis servers started by fixtures,
# Apertium's APy server)
set -euo pipefail
cd "$(dirname "$0")/.."

# Apertium and its English-Spanish and French-Spanish pairs: the offline engine the main job prefills with.
want=(gettext apertium apertium-eng-spa apertium-fr-es)
[[ "${1:-}" == "--browser" ]] && want+=(chromium fonts-noto-cjk postgresql redis-server apertium-apy)
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
stamp=.venv/.tms-installed
if [[ ! -f $stamp || pyproject.toml -nt $stamp ]]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  touch "$stamp"
fi
