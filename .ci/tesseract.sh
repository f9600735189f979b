# Kept for callers of the old name: the system packages (Tesseract with vie + osd, LibreOffice)
# are checked and installed by .ci/system-packages.sh.
source "$(dirname "${BASH_SOURCE[0]}")/system-packages.sh"
