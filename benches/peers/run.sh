#!/usr/bin/env bash
# Covenant against its Mesa port on examples/classroom.cov (see README.md here):
# makes a virtual environment with Mesa if there is none, builds Covenant's
# release binary if it is out of date, checks the port on Covenant's own draws,
# compares the outcome frequencies of 10,000 runs each, and times both on one
# thread.
#
#   bash benches/peers/run.sh
#
# PEERS_VENV      the virtual environment (default: target/peers-venv under the repository)
# PEERS_PYTHON    the Python that makes it (default: python3)
# PEERS_RUNS      runs per ensemble (default: 10000)
# PEERS_REPEATS   repetitions of each timing, whose median is quoted (default: 5)
# CARGO_TARGET_DIR  where cargo builds, as for cargo itself (default: target under the repository)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${PEERS_VENV:-$root/target/peers-venv}"
target="${CARGO_TARGET_DIR:-$root/target}"

if [ ! -x "$venv/bin/python" ]; then
    echo "making the virtual environment $venv" >&2
    "${PEERS_PYTHON:-python3}" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -r "$here/requirements.txt"
fi

# Incremental: nothing is rebuilt when the binary is up to date.
(cd "$root" && CARGO_TARGET_DIR="$target" cargo build --release --quiet)

exec "$venv/bin/python" "$here/compare.py" \
    --covenant "$target/release/covenant" \
    --case "$root/examples/classroom.cov" \
    --runs "${PEERS_RUNS:-10000}" \
    --repeats "${PEERS_REPEATS:-5}"
