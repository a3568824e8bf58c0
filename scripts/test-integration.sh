#!/usr/bin/env bash
# Runs the integration suite (out/test/integration/index.js) in a real VS Code: code-server + headless Chromium.
# See ../shared/docs/real-vscode-tests.md (the shared docs beside this checkout) for why this is code-server and not
# @vscode/test-electron.
#
#   bash scripts/test-integration.sh                 install code-server if missing, then run the suite
#   bash scripts/test-integration.sh --install-only  only install (used by .ci/run to time the phases apart)
#
# Build first (npm run test:integration does): node esbuild.js && node esbuild.js --tests
# Environment:
#   SCREENSHOT_DIR             where `[vsx-snap] NAME` screenshots go (default .vscode-test/screenshots)
#   CIC_TEST_OUT_DIR           folder esbuild --tests wrote to (default out), so parallel runs can use --outdir=.out-NAME
#   CIC_INTEGRATION_TIMEOUT_MS whole-run timeout of the suite (default 900000); exit 2 when it expires
#   CHROMIUM                   browser binary (default /usr/bin/chromium)
#   CIC_TEST_*                 reach the extension host unchanged
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# code-server 4.100.3 bundles VS Code 1.100.3: engines.vscode must stay <= ^1.100.0, or the extension silently does not load.
CS_VERSION=4.100.3
CS_DIR=$ROOT/.vscode-test/code-server-$CS_VERSION
CS_BIN=$CS_DIR/node_modules/.bin/code-server
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
APT_PACKAGES=(chromium ripgrep libkrb5-dev build-essential python3 pkg-config)

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt_packages() {
	local missing=() p
	for p in "${APT_PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "test-integration: apt-get install ${missing[*]}"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_code_server() {
	mkdir -p "$ROOT/.vscode-test"
	# Several engineers share this checkout: one installer at a time, and the folder appears only when complete.
	exec 9>"$ROOT/.vscode-test/.install.lock"
	flock 9
	if [ -x "$CS_BIN" ]; then
		exec 9>&-
		return 0
	fi
	# Left by an install that was killed; safe to remove while holding the lock.
	rm -rf "$ROOT"/.vscode-test/.install-tmp.* "$CS_DIR"
	ensure_apt_packages
	local started=$SECONDS
	# Global, not local: the traps below may run after this function has returned.
	work=$(mktemp -d "$ROOT/.vscode-test/.install-tmp.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	trap 'rm -rf "$work"; exit 130' INT
	trap 'rm -rf "$work"; exit 143' TERM
	echo "test-integration: installing code-server $CS_VERSION into ${CS_DIR#"$ROOT"/} (1-2 minutes)"
	mkdir -p "$work/tmp" "$work/code-server"
	echo '{"private":true}' >"$work/code-server/package.json"
	(
		# A throwaway TMPDIR holds the ripgrep cache and npm's temp files, a throwaway npm cache the 100 MB of
		# downloads (including npx's node-gyp), so an install leaves nothing in /tmp or ~.
		export TMPDIR=$work/tmp npm_config_cache=$work/npm-cache
		sh scripts/seed-ripgrep-cache.sh "$CS_VERSION" >/dev/null
		# node-gyp would otherwise download Node's headers from nodejs.org, which these machines cannot reach.
		node_prefix=$(dirname "$(dirname "$(node -p process.execPath)")")
		if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_prefix/include/node/node.h" ]; then
			export npm_config_nodedir=$node_prefix
		fi
		cd "$work/code-server"
		# unsafe_perm: code-server's postinstall refuses root without it; yes: node-pty's postinstall runs
		# `npx node-gyp`, which the machine npmrc (yes=false) would cancel.
		npm_config_unsafe_perm=true npm_config_yes=true npm_config_update_notifier=false \
			npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" </dev/null >"$work/install.log" 2>&1 || {
			tail -n 40 "$work/install.log" >&2
			echo "test-integration: code-server install failed" >&2
			exit 1
		}
		# A smoke test; code-server writes a config and data dirs even for --version, so keep them in $work.
		HOME=$work/tmp XDG_CONFIG_HOME=$work/tmp XDG_DATA_HOME=$work/tmp \
			node_modules/.bin/code-server --config "$work/tmp/config.yaml" --version >/dev/null
	)
	mv "$work/code-server" "$CS_DIR"
	rm -rf "$work"
	trap - EXIT INT TERM
	echo "test-integration: code-server $CS_VERSION installed in $((SECONDS - started)) s"
	exec 9>&-
}

install_code_server
[ "${1:-}" = --install-only ] && exit 0
if [ ! -x "$CHROMIUM" ]; then
	ensure_apt_packages
fi

OUT_DIR=${CIC_TEST_OUT_DIR:-out}
TESTS_INDEX=$ROOT/$OUT_DIR/test/integration/index.js
if [ ! -f "$TESTS_INDEX" ]; then
	echo "test-integration: $OUT_DIR/test/integration/index.js is missing; build first: node esbuild.js && node esbuild.js --tests" >&2
	exit 1
fi
exec node scripts/run-web-tests.mjs \
	--codeServer="$CS_BIN" \
	--chromium="$CHROMIUM" \
	--extensionDevelopmentPath="$ROOT" \
	--extensionTestsPath="$TESTS_INDEX" \
	--screenshotDir="${SCREENSHOT_DIR:-$ROOT/.vscode-test/screenshots}" \
	--activationFile="$ROOT/.vscode-test/last-activation.json" \
	--timeout="${CIC_INTEGRATION_TIMEOUT_MS:-900000}"
