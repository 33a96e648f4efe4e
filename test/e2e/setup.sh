#!/usr/bin/env bash
# Installs what the workbench tests (test/e2e/workbench) need, on a machine that reaches only the npm
# registry and Debian's apt. Idempotent: a second run installs nothing and takes about a second.
#
#   - Debian packages libkrb5-dev, ripgrep, chromium (apt-get update runs once, only if one is missing);
#   - code-server (the real VS Code workbench served over HTTP), built once into .cache/code-server-<version>.
#
# The code-server steps follow ../shared/design/e2e-recipe.md: every npm install runs with scripts off, because
# several post-install scripts download binaries from outside the npm registry (ripgrep from GitHub,
# prebuilt argon2, Node headers). Native modules are then rebuilt from source against the local Node
# headers, and ripgrep is Debian's /usr/bin/rg.
#
# Environment: PLAN_AUDIT_CODE_SERVER_VERSION overrides the pinned version (the harness reads the same
# variable). The build log is kept in .cache/code-server-<version>.log.
set -euo pipefail

CODE_SERVER_VERSION="${PLAN_AUDIT_CODE_SERVER_VERSION:-4.100.3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.cache"
DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
MARKER="$DIR/.plan-audit-installed"
LOG="$CACHE/code-server-$CODE_SERVER_VERSION.log"
APT_PACKAGES=(libkrb5-dev ripgrep chromium)

started=$SECONDS
say() { echo "e2e setup: $*"; }

# --- Debian packages -------------------------------------------------------------------------------
missing=()
if ! command -v dpkg-query >/dev/null; then
  # Not Debian (a developer's own machine): the tools must be there already.
  command -v rg >/dev/null || { say "ripgrep (rg) is needed on PATH" >&2; exit 1; }
  say "not a Debian machine: skipping apt; the tests use \$PLAN_AUDIT_CHROMIUM or /usr/bin/chromium"
  APT_PACKAGES=()
fi
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  SUDO=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { say "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    SUDO=(sudo)
  fi
  say "apt-get install ${missing[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- code-server -----------------------------------------------------------------------------------
mkdir -p "$CACHE"
exec 9>"$DIR.lock"
flock 9 # two runs at once (an editor's test run and a terminal's) must not build into the same folder

if [[ -f "$MARKER" ]]; then
  say "code-server $CODE_SERVER_VERSION already installed in ${DIR#"$ROOT"/} ($((SECONDS - started)) s)"
  exit 0
fi

# Native builds must not download Node headers: point node-gyp at the headers next to this Node
# (Debian's nodejs puts them in /usr/include/node; official tarballs in <prefix>/include/node).
if [[ -z "${npm_config_nodedir:-}" ]]; then
  prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  if [[ -f "$prefix/include/node/common.gypi" ]]; then
    export npm_config_nodedir="$prefix"
  else
    say "warning: no Node headers in $prefix/include/node; node-gyp may try to download them" >&2
  fi
fi
export npm_config_yes=true            # node-pty's post-install runs `npx node-gyp`, which would prompt
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

say "installing code-server $CODE_SERVER_VERSION into ${DIR#"$ROOT"/} (log: ${LOG#"$ROOT"/})"
rm -rf "$DIR"   # a folder without the marker is a broken earlier attempt
mkdir -p "$DIR"
: >"$LOG"
run() { # run a step with its output in the log; on failure show the log's tail
  echo "+ (cd ${PWD#"$ROOT"/}) $*" >>"$LOG"
  if ! "$@" >>"$LOG" 2>&1; then
    say "failed: $*" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
}
step() { say "$1 ($((SECONDS - started)) s)"; }

cd "$DIR"
run npm init -y
step "npm install code-server@$CODE_SERVER_VERSION"
run npm install "code-server@$CODE_SERVER_VERSION" --ignore-scripts   # its post-install downloads ripgrep

cd node_modules/code-server/lib/vscode
step "npm install (VS Code's own dependencies)"
run npm install --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
step "rebuilding native modules"
run npm rebuild --ignore-scripts=false \
  @parcel/watcher @vscode/spdlog node-pty @vscode/deviceid native-watchdog @vscode/sqlite3
# build_from_source: kerberos would first try prebuild-install, which downloads from GitHub.
run env npm_config_build_from_source=true npm rebuild --ignore-scripts=false kerberos
ln -sfn node_modules node_modules.asar
(cd extensions && run npm install --omit=dev --ignore-scripts)

cd "$DIR"
step "rebuilding argon2 from source"
run env npm_config_build_from_source=true npm rebuild --ignore-scripts=false argon2

ENTRY="$DIR/node_modules/code-server/out/node/entry.js"
# code-server writes a default config and logs under the XDG folders (~/.config, ~/.local/share): keep
# them in a temporary folder.
xdg="$(mktemp -d)"
version="$(XDG_CONFIG_HOME="$xdg" XDG_DATA_HOME="$xdg" node "$ENTRY" --version 2>>"$LOG" | grep -m1 "^$CODE_SERVER_VERSION " || true)"
rm -rf "$xdg"
if [[ -z "$version" ]]; then
  say "code-server does not start: \`--version\` printed '$version'" >&2
  tail -n 40 "$LOG" >&2
  exit 1
fi
echo "$version" >"$MARKER"
say "code-server $version ready ($((SECONDS - started)) s)"
