#!/usr/bin/env bash
# Check that the system programs a make target needs are installed; say exactly how to get them.
# Usage: scripts/check-system.sh COMMAND... (python3, node, npm, chromium, pdftotext, wrk, nginx)
set -u
missing=()
packages=()
for command in "$@"; do
  if ! command -v "$command" >/dev/null 2>&1 && ! [ -x "/usr/sbin/$command" ]; then
    missing+=("$command")
    case "$command" in
      chromium) packages+=(chromium) ;;
      pdftotext|pdfinfo) packages+=(poppler-utils) ;;
      wrk) packages+=(wrk) ;;
      nginx) packages+=(nginx) ;;
      node|npm) packages+=(nodejs npm) ;;
      python3) packages+=(python3 python3-venv) ;;
      *) packages+=("$command") ;;
    esac
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "error: missing system programs: ${missing[*]}" >&2
  echo "       on Debian or Ubuntu install them with:" >&2
  echo "         sudo apt-get update && sudo apt-get install -y $(printf '%s\n' "${packages[@]}" | sort -u | tr '\n' ' ')" >&2
  exit 1
fi
