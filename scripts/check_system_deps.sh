#!/usr/bin/env bash
# Check (and where possible install) the Debian packages Z+V Portaal needs outside Python.
#
# Usage: scripts/check_system_deps.sh [--runtime-only]
#
#   runtime (required):  graphviz (dot), libpango-1.0-0 + libpangoft2-1.0-0 (WeasyPrint),
#                        fonts-dejavu-core (fonts for WeasyPrint)
#   tests:               chromium (/usr/bin/chromium, Playwright e2e), poppler-utils (pdftotext),
#                        nodejs + npm (Node.js 20+: the test OpenID Connect provider, tests/oidc_provider)
#
# Missing packages are installed with apt-get when apt-get exists and we are root or can use
# sudo without a password. Otherwise the exact install command is printed and
#   - a missing runtime package is an error (exit 1);
#   - a missing test package is a warning, except when CI=true: CI never skips tests, so there
#     it is an error too.
# Set ZV_NO_APT=1 to never run apt-get (only report).
set -euo pipefail

with_test_deps=1
if [[ "${1:-}" == "--runtime-only" ]]; then
    with_test_deps=0
fi

is_ci() {
    case "${CI:-}" in
        1 | true | TRUE | True | yes) return 0 ;;
        *) return 1 ;;
    esac
}

have_lib() {
    # $1: soname prefix, e.g. libpango-1.0
    if command -v ldconfig >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q "$1\.so"; then
        return 0
    fi
    if [[ -x /sbin/ldconfig ]] && /sbin/ldconfig -p 2>/dev/null | grep -q "$1\.so"; then
        return 0
    fi
    # Fallback for systems without ldconfig (e.g. macOS with Homebrew).
    local name="${1#lib}"
    python3 - "$name" <<'PY' >/dev/null 2>&1
import ctypes.util, sys
sys.exit(0 if ctypes.util.find_library(sys.argv[1]) else 1)
PY
}

have_dejavu() {
    [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] && return 0
    command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi dejavu
}

missing_runtime=()
missing_test=()

command -v dot >/dev/null 2>&1 || missing_runtime+=(graphviz)
have_lib libpango-1.0 || missing_runtime+=(libpango-1.0-0)
have_lib libpangoft2-1.0 || missing_runtime+=(libpangoft2-1.0-0)
have_dejavu || missing_runtime+=(fonts-dejavu-core)
if [[ $with_test_deps == 1 ]]; then
    [[ -x /usr/bin/chromium ]] || missing_test+=(chromium)
    command -v pdftotext >/dev/null 2>&1 || missing_test+=(poppler-utils)
    command -v node >/dev/null 2>&1 || missing_test+=(nodejs)
    command -v npm >/dev/null 2>&1 || missing_test+=(npm)
fi

missing=(${missing_runtime[@]+"${missing_runtime[@]}"} ${missing_test[@]+"${missing_test[@]}"})
if [[ ${#missing[@]} -eq 0 ]]; then
    echo "System packages: all present."
    exit 0
fi

echo "System packages missing: ${missing[*]}"

apt_prefix=()
can_apt=0
if [[ "${ZV_NO_APT:-}" != "1" ]] && command -v apt-get >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]]; then
        can_apt=1
    elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
        can_apt=1
        apt_prefix=(sudo -n)
    fi
fi

if [[ $can_apt == 1 ]]; then
    echo "Installing with apt-get: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    ${apt_prefix[@]+"${apt_prefix[@]}"} apt-get update -q
    ${apt_prefix[@]+"${apt_prefix[@]}"} apt-get install -y -q --no-install-recommends "${missing[@]}"
    # Re-run the checks without installing, so a package that did not provide what we look
    # for is still reported.
    exec env ZV_NO_APT=1 "$0" "$@"
fi

echo
echo "Install them with:"
echo "    sudo apt-get install --no-install-recommends ${missing[*]}"
echo

status=0
if [[ ${#missing_runtime[@]} -gt 0 ]]; then
    echo "ERROR: required for the application: ${missing_runtime[*]}" >&2
    status=1
fi
if [[ ${#missing_test[@]} -gt 0 ]]; then
    if is_ci; then
        echo "ERROR: CI=true and test packages are missing: ${missing_test[*]}" >&2
        status=1
    else
        echo "WARNING: test packages missing (${missing_test[*]}); browser/PDF tests will be skipped." >&2
    fi
fi
exit $status
