# Source this (bash): makes sure the Tesseract CLI with Vietnamese is there for the OCR tests.
# Installs Debian's tesseract-ocr and tesseract-ocr-vie when missing and we are root with apt-get;
# otherwise the OCR tests skip (a line on stderr says so).

_ocr_say() { echo "[tesseract] $*" >&2; }

_ocr_ready() { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; }

_ocr_install() {
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
    _ocr_say "installing tesseract-ocr and tesseract-ocr-vie from the system packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-vie >/dev/null
}

if _ocr_ready || { _ocr_install && _ocr_ready; }; then
    _ocr_say "tesseract with vie available: OCR tests run"
else
    _ocr_say "no tesseract with vie: the OCR tests will skip"
fi
