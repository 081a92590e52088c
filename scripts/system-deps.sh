#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, if they are missing:
# chromium (browser tests through Playwright; Playwright's own browser download is not used) and
# poppler-utils (pdftotext/pdftoppm to read decision letters back). WeasyPrint's pango/harfbuzz and
# the DejaVu fonts are installed too, in case the machine lacks them.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b)
python3 -c "import venv, ensurepip" >/dev/null 2>&1 || need+=(python3-venv)
[ ${#need[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installerar Debianpaket: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
