#!/usr/bin/env bash
# Install everything the system needs into project-local virtualenvs (idempotent, fast with uv).
#   .venv       Python 3.11: backend API, catalogue, search, tests
#   .venv-rasa  Python 3.10: Rasa server and action server (Rasa 3.6 pins old libraries)
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {  # $1 = version prefix, e.g. 3.11
  local v="$1" p
  if command -v pyenv >/dev/null 2>&1; then
    p=$(PYENV_VERSION="$(pyenv versions --bare | grep -E "^${v//./\\.}(\.|$)" | tail -1)" pyenv which python 2>/dev/null || true)
    [ -n "$p" ] && { echo "$p"; return; }
  fi
  for p in "python$v" python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c "import sys; sys.exit(0 if sys.version.startswith('$v') else 1)"; then
      command -v "$p"; return
    fi
  done
  echo "Python $v not found: install it (pyenv install $v) and retry" >&2
  return 1
}

if ! command -v uv >/dev/null 2>&1; then
  python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv
  export PATH="$HOME/.local/bin:$PATH"
fi

# Browser tests (web widget, staff pages) drive Debian's Chromium through Playwright; no browser is downloaded.
# The production profile puts nginx in front of the service instances.
SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $missing >/dev/null
fi

# Bot replies carry emoji (📄 💰 ⏱): without a colour emoji font the widget screenshots show empty boxes.
if [ ! -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get install -y -qq fonts-noto-color-emoji >/dev/null || echo "fonts-noto-color-emoji not installed (optional)" >&2
fi

PY311=$(find_python 3.11)
if [ ! -x .venv/bin/python ]; then
  uv venv --quiet -p "$PY311" .venv
fi
uv pip install --quiet -p .venv/bin/python -e '.[test]'
echo "installed: .venv ($(.venv/bin/python --version))"

PY310=$(find_python 3.10)
if [ ! -x .venv-rasa/bin/python ]; then
  uv venv --quiet -p "$PY310" .venv-rasa
fi
uv pip install --quiet -p .venv-rasa/bin/python -r requirements-rasa.txt
echo "installed: .venv-rasa ($(.venv-rasa/bin/python --version), rasa $(.venv-rasa/bin/python -c 'import rasa; print(rasa.__version__)' 2>/dev/null))"
