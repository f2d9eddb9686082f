#!/usr/bin/env bash
# Set up Small Wins on a fresh Debian machine: system packages (voice, audio, sound conversion),
# a virtualenv in .venv, and the package with its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

echo "Small Wins setup: installing system packages (espeak-ng, PortAudio, sox, PulseAudio, Chromium, poppler-utils)..."
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3-venv espeak-ng sox libportaudio2 libsndfile1 alsa-utils \
    pulseaudio pulseaudio-utils libasound2-plugins chromium chromium-driver poppler-utils >/dev/null

python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || { echo "Small Wins needs Python 3.11 or newer (found $(python3 --version))." >&2; exit 1; }

echo "Small Wins setup: creating .venv and installing the pinned packages (requirements.lock)..."
[ -x .venv/bin/python ] || python3 -m venv .venv
# Every package, transitive ones included, at the version and hash the tests ran on; then the
# project itself, which adds nothing further (--no-deps). scripts/lock.sh refreshes the lock.
.venv/bin/python -m pip install -q --require-hashes -r requirements.lock
.venv/bin/python -m pip install -q --no-deps -e .
echo "Small Wins setup: done. Start with: .venv/bin/smallwins run"
