#!/usr/bin/env bash
# make generate: regenerates docs/ with tfplugindocs.
#
# tfplugindocs cannot run a local CLI build of the provider, so:
#   1. build the provider into a temp dir;
#   2. `bin/tofu providers schema -json` in a temp dir holding a minimal
#      configuration that declares the provider, under a temp CLI config whose
#      dev_overrides point at that build (no init needed);
#   3. scripts/docs-schema renames the schema's key
#      (registry.opentofu.org/leadterra/leadterra) to `leadterra`, the key
#      tfplugindocs looks up, and adds the list resource and action schemas,
#      which no pinned CLI exports;
#   4. `go tool tfplugindocs generate --providers-schema ...` into docs/,
#      then `tfplugindocs validate`.
#
# Environment: DOCS_CLI=tofu|terraform (default tofu), which pinned CLI in
# ./bin exports the schema; it is built on demand by scripts/install-clis.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLI_NAME="${DOCS_CLI:-tofu}"
PROVIDER_NAME="leadterra"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'gen-docs: error: %s\n' "$*" >&2; exit 1; }

case "${CLI_NAME}" in
  terraform | tofu) ;;
  *) die "DOCS_CLI must be 'terraform' or 'tofu' (got '${CLI_NAME}')" ;;
esac
[[ -f "${ROOT}/main.go" ]] || die "main.go not found: the provider cannot be built yet"

unset TF_CLI_CONFIG_FILE TOFU_CLI_CONFIG_FILE TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_WORKSPACE
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0

TMP="$(mktemp -d "${TMPDIR:-/tmp}/leadterra-docs.XXXXXX")"
trap 'rm -rf "${TMP}"' EXIT

"${ROOT}/scripts/install-clis.sh" "${CLI_NAME}"
CLI="${ROOT}/bin/${CLI_NAME}"

log "Building the provider"
mkdir -p "${TMP}/providers" "${TMP}/work"
(cd "${ROOT}" && go build -o "${TMP}/providers/terraform-provider-${PROVIDER_NAME}" .)

cat >"${TMP}/cli.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "registry.terraform.io/leadterra/leadterra" = "${TMP}/providers"
    "registry.opentofu.org/leadterra/leadterra" = "${TMP}/providers"
  }
  direct {}
}
TFRC
cat >"${TMP}/work/main.tf" <<'HCL'
terraform {
  required_providers {
    leadterra = {
      source = "leadterra/leadterra"
    }
  }
}
HCL

log "Exporting the provider schema with $("${CLI}" version | sed -n 1p)"
if ! (cd "${TMP}/work" && TF_CLI_CONFIG_FILE="${TMP}/cli.tfrc" "${CLI}" providers schema -json \
  >"${TMP}/schema.raw" 2>"${TMP}/schema.err"); then
  cat "${TMP}/schema.err" >&2
  die "'${CLI_NAME} providers schema -json' failed"
fi
# The JSON document is one line; drop anything else a CLI may print around it.
grep '^{' "${TMP}/schema.raw" >"${TMP}/schema.cli.json" || {
  cat "${TMP}/schema.raw" "${TMP}/schema.err" >&2
  die "no JSON in the output of '${CLI_NAME} providers schema -json'"
}

# Re-key the provider's entry to "leadterra" (the key tfplugindocs looks
# up) and add the list resource and action schemas, which no pinned CLI
# exports (scripts/docs-schema).
log "Re-keying the schema; adding list resource and action schemas"
cd "${ROOT}"
go run ./scripts/docs-schema "${TMP}/schema.cli.json" "${TMP}/schema.json"

log "Generating docs/ with tfplugindocs"
go tool tfplugindocs generate \
  --provider-name "${PROVIDER_NAME}" \
  --rendered-provider-name "Leadterra" \
  --providers-schema "${TMP}/schema.json"

log "Validating docs/"
# validate logs every file it looks at; show that only when it fails.
if ! go tool tfplugindocs validate \
  --provider-name "${PROVIDER_NAME}" \
  --providers-schema "${TMP}/schema.json" >"${TMP}/validate.log" 2>&1; then
  cat "${TMP}/validate.log" >&2
  die "tfplugindocs validate found problems in docs/ (above)"
fi

log "docs/ regenerated"
