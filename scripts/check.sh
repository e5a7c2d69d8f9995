#!/usr/bin/env bash
# `npm test`'s first step: type-check and lint at the same time. Each is single-threaded, so on two cores
# running them side by side halves the wait before jest starts. Both always run; either failing fails.
# The type-check is incremental (its state in node_modules/.cache), so an unchanged tree re-checks in seconds.
set -uo pipefail
cd "$(dirname "$0")/.."
tsc --noEmit --incremental --tsBuildInfoFile node_modules/.cache/ml-lab-kit/tsconfig.tsbuildinfo &
build=$!
eslint .
lint=$?
wait "$build"
exit $(( $? || lint ))
