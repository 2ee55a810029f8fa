#!/usr/bin/env bash
# Create .venv-ics/ (git-ignored): a Python venv with icalendar, the tests' second calendar parser
# (tests/helpers/ics_check.py), at the versions pinned in tests/helpers/ics_check.requirements.txt.
# Does nothing when the venv already holds exactly those pins, and rebuilds it when they change.
# .ci/run calls it; run it once by hand before `npm test`:   bash scripts/ics-venv.sh
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-ics
requirements=tests/helpers/ics_check.requirements.txt

if [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$venv/convene-requirements.txt"; then
  exit 0
fi
echo "# python3 -m venv $venv && pip install -r $requirements"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-cache-dir -r "$requirements"
# Written last: an interrupted install is redone on the next run.
cp "$requirements" "$venv/convene-requirements.txt"
