#!/usr/bin/env bash
# Installs pinned Go developer tools into ./bin (not needed by `make test`):
#
#   golangci-lint  v2.15.0  (make lint)
#   goreleaser     v2.16.0  (make release-snapshot)
#
# A tool already in ./bin at the pinned module version is left alone.
#
# Usage: scripts/install-tools.sh [golangci-lint] [goreleaser]   (default: all)
set -euo pipefail

GOLANGCI_LINT_VERSION="${GOLANGCI_LINT_VERSION:-v2.15.0}"
GORELEASER_VERSION="${GORELEASER_VERSION:-v2.16.0}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${ROOT}/bin"
unset TF_CLI_CONFIG_FILE TOFU_CLI_CONFIG_FILE

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'install-tools: error: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null 2>&1 || die "go is not on PATH"
mkdir -p "${BIN}"

# install NAME MODULE PACKAGE VERSION
install() {
  local name="$1" module="$2" pkg="$3" version="$4"
  if [[ -x "${BIN}/${name}" ]] \
    && go version -m "${BIN}/${name}" 2>/dev/null | grep -Eq "^[[:space:]]+mod[[:space:]]+${module}[[:space:]]+${version}([[:space:]]|$)"; then
    log "bin/${name} is already ${version}; skipping"
    return 0
  fi
  log "installing ${name} ${version} into bin/"
  # Run outside this module so its go.mod/go.sum are never touched.
  (cd "${TMPDIR:-/tmp}" && GOFLAGS='' GOBIN="${BIN}" go install "${pkg}@${version}") \
    || die "go install ${pkg}@${version} failed"
}

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(golangci-lint goreleaser)
for t in "${targets[@]}"; do
  case "${t}" in
    golangci-lint)
      install golangci-lint github.com/golangci/golangci-lint/v2 \
        github.com/golangci/golangci-lint/v2/cmd/golangci-lint "${GOLANGCI_LINT_VERSION}" ;;
    goreleaser)
      install goreleaser github.com/goreleaser/goreleaser/v2 \
        github.com/goreleaser/goreleaser/v2 "${GORELEASER_VERSION}" ;;
    *) die "unknown tool '${t}' (expected: golangci-lint, goreleaser)" ;;
  esac
done
