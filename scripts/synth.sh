#!/usr/bin/env bash
# `npm run synth [-- -c key=value ...]`: scripts/synth-all.ts on a Node.js the kit supports, like `npm test`
# (scripts/node24.sh: the machine's own when it is one, else Node.js 24 fetched once into node_modules/.cache), so the
# README's quick start works on a fresh machine whatever Node.js it has.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node24.sh
use_node24 node_modules/.cache/node-24
exec node_modules/.bin/tsx scripts/synth-all.ts "$@"
