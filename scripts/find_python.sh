#!/bin/sh
# Print the path of a Python interpreter of the minor version asked for
# (`find_python.sh 3.13`), installing one with pyenv when none is found.
#
# `make test` runs the suite at both ends of the declared range (Python 3.11 and
# 3.13), so it needs both interpreters on any machine. Looked for, in order: the
# version's command on PATH (a pyenv shim counts only if it really runs that
# version), pyenv's installed versions (newest patch release first), then
# `pyenv install` (builds the newest patch release), then Debian's package of
# that version where the distribution has one.
set -eu

version="$1"
command_name="python$version"

is_version() {
    [ -x "$1" ] || command -v "$1" >/dev/null 2>&1 || return 1
    "$1" -c "import sys; sys.exit(0 if '%d.%d' % sys.version_info[:2] == '$version' else 1)" \
        >/dev/null 2>&1
}

resolve() {
    "$1" -c "import sys; print(sys.executable)"
}

from_pyenv() {
    root="$1"
    for candidate in $(ls -d "$root"/versions/"$version".* 2>/dev/null | sort -t. -k3 -n -r); do
        if is_version "$candidate/bin/$command_name"; then
            echo "$candidate/bin/$command_name"
            return 0
        fi
    done
    return 1
}

if is_version "$command_name"; then
    resolve "$command_name"
    exit 0
fi

pyenv_root=""
if command -v pyenv >/dev/null 2>&1; then
    pyenv_root="$(pyenv root)"
elif [ -x "${PYENV_ROOT:-$HOME/.pyenv}/bin/pyenv" ]; then
    pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
fi

if [ -n "$pyenv_root" ]; then
    if from_pyenv "$pyenv_root"; then
        exit 0
    fi
    echo "Installing Python $version with pyenv (a few minutes)" >&2
    if "$pyenv_root/bin/pyenv" install --skip-existing "$version" >&2 && from_pyenv "$pyenv_root"; then
        exit 0
    fi
fi

if command -v apt-get >/dev/null 2>&1; then
    echo "Installing Python $version with apt" >&2
    apt-get update -qq >&2 || true
    if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$command_name" "$command_name-venv" >&2 \
        && is_version "/usr/bin/$command_name"; then
        echo "/usr/bin/$command_name"
        exit 0
    fi
fi

echo "No Python $version found or installable: install it with pyenv or your distribution," \
    "or name one with PYTHON_NEWEST=/path/to/python (or PYTHON_OLDEST)." >&2
exit 1
