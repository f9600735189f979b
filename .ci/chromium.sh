# Source this (bash): makes sure Debian's chromium is there for the browser test of the web
# application (tests/web/test_e2e.py, driven by Playwright's Python package, which downloads no
# browser of its own). Installs it when missing and we are root with apt-get; otherwise that
# test skips (a line on stderr says so).

_chromium_say() { echo "[chromium] $*" >&2; }

_chromium_ready() { command -v chromium >/dev/null 2>&1; }

_chromium_install() {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
    _chromium_say "installing chromium from the system packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
}

if _chromium_ready || { _chromium_install && _chromium_ready; }; then
    _chromium_say "chromium available: the browser test runs"
else
    _chromium_say "no chromium: the browser test will skip"
fi
