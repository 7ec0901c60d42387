# Shared by ./run and ./test: a virtual environment in .venv with Masthead and the checkout's
# test/bench helpers (testkit/), reinstalled only when the packaging files change, so the second
# run starts at once.

ensure_venv() {
  local extras="$1"
  local python="${PYTHON:-python3}"
  local stamp=".venv/.masthead-installed${extras}"
  local want
  want="$(cat pyproject.toml setup.py testkit/pyproject.toml | sha256sum | cut -d' ' -f1)"
  if [ ! -x .venv/bin/python ]; then
    echo "== creating .venv with $($python --version)"
    "$python" -m venv .venv
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "== installing masthead${extras} into .venv"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".${extras}"
    # The helpers tests and benchmarks share (testkit/pyproject.toml), importable by name.
    .venv/bin/python -m pip install --quiet -e ./testkit
    echo "$want" > "$stamp"
  fi
}

ensure_chromium() {
  # The browser tests drive Debian's Chromium; Playwright never downloads a browser here.
  if command -v chromium >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "!! chromium is not installed (sudo apt-get install chromium): browser tests will fail" >&2
  fi
}
