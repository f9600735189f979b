#!/usr/bin/env bash
# The system programs extractor calls: the Tesseract CLI with Vietnamese and orientation data
# (scanned PDFs) and LibreOffice headless (legacy .doc and .xls). Used by `make demo` / `make
# test` (the README's set-up) and by CI (.ci/run), run or sourced.
#
# Installs what is missing from Debian/Ubuntu packages when running as root with apt-get
# (--no-install-recommends, the -nogui LibreOffice packages: no desktop stack); otherwise prints
# the one command that installs them and goes on (the OCR and office tests then skip).

_sys_say() { echo "[system-packages] $*" >&2; }

_sys_missing() {
    local missing=()
    if ! command -v tesseract >/dev/null 2>&1; then
        missing+=(tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd)
    else
        local langs
        langs=$(tesseract --list-langs 2>/dev/null)
        grep -qx vie <<<"$langs" || missing+=(tesseract-ocr-vie)
        grep -qx osd <<<"$langs" || missing+=(tesseract-ocr-osd)
    fi
    command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 ||
        missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
    echo "${missing[@]}"
}

_sys_install() {
    local packages
    read -r -a packages <<<"$(_sys_missing)"
    if [ ${#packages[@]} -eq 0 ]; then
        _sys_say "tesseract (vie, osd) and LibreOffice available"
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        _sys_say "installing ${packages[*]}"
        local start=$SECONDS
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null ||
            _sys_say "apt-get failed: scanned PDFs, .doc and .xls files will not be read"
        _sys_say "done in $((SECONDS - start)) s"
    else
        _sys_say "missing system packages; install them with:"
        echo "    sudo apt-get install --no-install-recommends ${packages[*]}" >&2
        _sys_say "going on without them: scanned PDFs, .doc and .xls files are refused with a one-line error"
    fi
    return 0
}

_sys_install
