#!/bin/sh
# Pre-seeds @vscode/ripgrep's download cache with Debian's /usr/bin/rg, because its postinstall
# otherwise downloads rg from api.github.com, which these machines cannot reach.
# Usage: seed-ripgrep-cache.sh <code-server version>
# Writes ${TMPDIR:-/tmp}/vscode-ripgrep-cache-<pkgver>/ripgrep-<release>-x86_64-unknown-linux-musl.tar.gz;
# point TMPDIR at a throwaway folder (test-integration.sh does) so nothing is left in /tmp.
set -eu
CS_VERSION="${1:?usage: seed-ripgrep-cache.sh <code-server version>}"
RG=$(command -v rg) || { echo 'seed-ripgrep-cache: rg not found (apt-get install ripgrep)' >&2; exit 1; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# The @vscode/ripgrep version is pinned by code-server's bundled VS Code, and the rg release by that package.
( cd "$W" && npm pack --silent "code-server@$CS_VERSION" >/dev/null && tar xzf code-server-*.tgz package/lib/vscode/npm-shrinkwrap.json )
RG_PKG=$(node -e "const l=require(process.argv[1]);console.log(l.packages['node_modules/@vscode/ripgrep'].version)" "$W/package/lib/vscode/npm-shrinkwrap.json")
( cd "$W" && npm pack --silent "@vscode/ripgrep@$RG_PKG" >/dev/null && mkdir rg && tar xzf vscode-ripgrep-*.tgz -C rg )
RG_REL=$(sed -n "s/^const VERSION = '\(.*\)';/\1/p" "$W/rg/package/lib/postinstall.js")
[ -n "$RG_REL" ] || { echo "seed-ripgrep-cache: no VERSION in @vscode/ripgrep@$RG_PKG postinstall.js" >&2; exit 1; }
DIR="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_PKG"
mkdir -p "$DIR"
tar czf "$DIR/ripgrep-$RG_REL-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$RG")" rg
echo "seeded $DIR/ripgrep-$RG_REL-x86_64-unknown-linux-musl.tar.gz"
