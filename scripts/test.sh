#!/usr/bin/env bash
# `npm test [-- <jest options>]`: the whole suite with jest, type-check and lint included (test/code/check.test.ts),
# on a supported Node.js like CI (scripts/node24.sh: the machine's if it is 22.12+ or 24+, else Node.js 24,
# fetched once into node_modules/.cache). V8 gets one thread-pool thread per process: on two cores, jest's two workers and the type-check
# already use both, and background compile and GC threads only compete (about 5 s less, scripts/bench-test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node24.sh
use_node24 node_modules/.cache/node-24
NODE_OPTIONS="${NODE_OPTIONS:-} --v8-pool-size=1" exec node_modules/.bin/jest --ci "$@"
