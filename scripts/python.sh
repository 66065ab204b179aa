#!/usr/bin/env bash
# Prints a Python 3.11+ interpreter that has Jinja2 (codegen needs both): the one on PATH
# if it qualifies, else Debian's /usr/bin/python3 (python3-jinja2 from install-deps.sh).
for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null 2>&1 &&
        "$py" -c 'import sys, jinja2, tomllib; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        command -v "$py"
        exit 0
    fi
done
echo "no Python >= 3.11 with Jinja2 found (run scripts/install-deps.sh)" >&2
exit 1
