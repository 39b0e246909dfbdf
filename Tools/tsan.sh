#!/usr/bin/env bash
# The test suite under ThreadSanitizer: a run uses a thread a core with pipelines between them,
# datasets and tuning more. Any data race reported fails the script.
#
#   Tools/tsan.sh [--filter PATTERN]     (a separate build folder, .build-tsan; a clean build
#                                         takes several minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
swift test --sanitize=thread --build-path .build-tsan "$@" 2>&1 | tee .build-tsan.log | grep -E "✘|Test run with|WARNING: ThreadSanitizer" || true
if grep -q "WARNING: ThreadSanitizer" .build-tsan.log; then
    echo "tsan: data races reported (see .build-tsan.log)"
    exit 1
fi
grep -q "✔ Test run with" .build-tsan.log || { echo "tsan: the tests did not pass (see .build-tsan.log)"; exit 1; }
echo "tsan: no data race reported"
