#!/usr/bin/env bash
# Builds the pinned, MPL-licensed CLIs that the acceptance tests, the demo and
# the docs generator use, into ./bin of this repository:
#
#   bin/terraform  Terraform 1.5.7 (the last MPL release), via go install
#   bin/tofu       OpenTofu 1.12.6, built from its module source
#
# Nothing on PATH is used or changed. A CLI that is already in ./bin at the
# pinned version is left alone, so re-running this is cheap.
#
# Usage: scripts/install-clis.sh [terraform] [tofu]   (default: both)
set -euo pipefail

TERRAFORM_VERSION="${TERRAFORM_VERSION:-1.5.7}"
TOFU_VERSION="${TOFU_VERSION:-1.12.6}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${ROOT}/bin"

# A missing TF_CLI_CONFIG_FILE makes tofu print a warning on stdout.
unset TF_CLI_CONFIG_FILE TOFU_CLI_CONFIG_FILE
export CHECKPOINT_DISABLE=1

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'install-clis: error: %s\n' "$*" >&2; exit 1; }

command -v go >/dev/null 2>&1 || die "go is not on PATH"
mkdir -p "${BIN}"

TMP=""
cleanup() {
  if [[ -n "${TMP}" && -d "${TMP}" ]]; then
    chmod -R u+w "${TMP}" 2>/dev/null || true
    rm -rf "${TMP}"
  fi
}
trap cleanup EXIT
TMP="$(mktemp -d "${TMPDIR:-/tmp}/leadterra-clis.XXXXXX")"

# has_version BINARY EXPECTED_FIRST_LINE: true when BINARY exists, runs, and
# the first line of `BINARY version` is exactly EXPECTED_FIRST_LINE.
has_version() {
  local bin="$1" want="$2" out
  [[ -x "${bin}" ]] || return 1
  # Capture everything first: piping into `head` could SIGPIPE the CLI and,
  # under pipefail, turn a good binary into a "wrong version".
  out="$("${bin}" version 2>/dev/null)" || return 1
  [[ "${out%%$'\n'*}" == "${want}" ]]
}

install_terraform() {
  local want="Terraform v${TERRAFORM_VERSION}"
  if has_version "${BIN}/terraform" "${want}"; then
    log "bin/terraform is already ${want}; skipping"
    return 0
  fi
  log "building ${want} into bin/terraform (go install, takes a few minutes)"
  local start=${SECONDS}
  # Build into a scratch GOBIN, then move into place, so an interrupted
  # build never leaves a half-written bin/terraform behind. Run from the
  # scratch dir so this repository's go.mod is not involved.
  mkdir -p "${TMP}/terraform-bin"
  (cd "${TMP}" && GOFLAGS='' GOBIN="${TMP}/terraform-bin" \
    go install "github.com/hashicorp/terraform@v${TERRAFORM_VERSION}") \
    || die "go install github.com/hashicorp/terraform@v${TERRAFORM_VERSION} failed"
  mv -f "${TMP}/terraform-bin/terraform" "${BIN}/terraform"
  has_version "${BIN}/terraform" "${want}" \
    || die "bin/terraform does not report '${want}': $("${BIN}/terraform" version 2>&1 | sed -n 1p)"
  log "bin/terraform: ${want} (built in $((SECONDS - start))s)"
}

install_tofu() {
  local want="OpenTofu v${TOFU_VERSION}"
  if has_version "${BIN}/tofu" "${want}"; then
    log "bin/tofu is already ${want}; skipping"
    return 0
  fi
  log "building ${want} into bin/tofu (from module source, takes a few minutes)"
  local start=${SECONDS} dir
  # `go install github.com/opentofu/opentofu/cmd/tofu@...` is refused because
  # OpenTofu's go.mod has a replace directive, so build from a writable copy
  # of the module source instead.
  dir="$(cd "${TMP}" && GOFLAGS='' go mod download -json "github.com/opentofu/opentofu@v${TOFU_VERSION}" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')" \
    || die "go mod download github.com/opentofu/opentofu@v${TOFU_VERSION} failed"
  [[ -n "${dir}" && -d "${dir}" ]] || die "could not locate the OpenTofu v${TOFU_VERSION} module source"
  cp -R "${dir}" "${TMP}/opentofu"
  chmod -R u+w "${TMP}/opentofu"
  (cd "${TMP}/opentofu" && GOFLAGS='' go build \
    -ldflags "-X github.com/opentofu/opentofu/version.dev=no" \
    -o "${TMP}/tofu" ./cmd/tofu) \
    || die "building OpenTofu v${TOFU_VERSION} failed"
  mv -f "${TMP}/tofu" "${BIN}/tofu"
  has_version "${BIN}/tofu" "${want}" \
    || die "bin/tofu does not report '${want}': $("${BIN}/tofu" version 2>&1 | sed -n 1p)"
  log "bin/tofu: ${want} (built in $((SECONDS - start))s)"
}

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(terraform tofu)
for t in "${targets[@]}"; do
  case "${t}" in
    terraform) install_terraform ;;
    tofu) install_tofu ;;
    *) die "unknown CLI '${t}' (expected: terraform, tofu)" ;;
  esac
done
