#!/usr/bin/env bash
# make generate: regenerates docs/ with tfplugindocs.
#
# tfplugindocs cannot run a local CLI build of the provider, so:
#   1. build the provider into a temp dir;
#   2. `bin/tofu providers schema -json` in a temp dir holding a minimal
#      configuration that declares the provider, under a temp CLI config whose
#      dev_overrides point at that build (no init needed);
#   3. rename the schema's key (registry.opentofu.org/leadterra/leadterra) to
#      `leadterra`, the key tfplugindocs looks up;
#   4. add the list resource schemas, which no pinned CLI exports
#      (scripts/list-resource-schemas);
#   5. `go tool tfplugindocs generate --providers-schema ...` into docs/,
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

# Re-key ".provider_schemas[<host>/leadterra/leadterra]" to "leadterra".
if command -v python3 >/dev/null 2>&1; then
  python3 - "${TMP}/schema.cli.json" "${TMP}/schema.json" "${PROVIDER_NAME}" <<'PY'
import json, sys
src, dst, name = sys.argv[1:4]
with open(src) as f:
    doc = json.load(f)
schemas = doc.get("provider_schemas") or {}
keys = [k for k in schemas if k.endswith("/leadterra/" + name)]
if len(keys) != 1:
    sys.exit("gen-docs: expected one leadterra/%s schema, found keys: %s" % (name, sorted(schemas)))
doc["provider_schemas"] = {name: schemas[keys[0]]}
with open(dst, "w") as f:
    json.dump(doc, f)
PY
else
  sed -E "s#\"registry\.(terraform\.io|opentofu\.org)/leadterra/${PROVIDER_NAME}\":#\"${PROVIDER_NAME}\":#" \
    "${TMP}/schema.cli.json" >"${TMP}/schema.json"
  grep -q "\"${PROVIDER_NAME}\":{" "${TMP}/schema.json" || die "could not re-key the provider schema"
fi

# Neither pinned CLI exports list resource schemas (Terraform 1.5.7 predates
# them, OpenTofu has none): take them from the provider itself, unless the
# CLI already did.
log "Adding the list resource schemas"
(cd "${ROOT}" && go run ./scripts/list-resource-schemas) >"${TMP}/list.json"
if command -v python3 >/dev/null 2>&1; then
  python3 - "${TMP}/schema.json" "${TMP}/list.json" "${PROVIDER_NAME}" <<'PY'
import json, sys
path, lists, name = sys.argv[1:4]
with open(path) as f:
    doc = json.load(f)
with open(lists) as f:
    doc["provider_schemas"][name].setdefault("list_resource_schemas", json.load(f))
with open(path, "w") as f:
    json.dump(doc, f)
PY
else
  log "python3 not found: list resources are left out of docs/"
fi

cd "${ROOT}"
# No pinned CLI knows actions (Terraform >= 1.14), so their schemas are
# missing from the export: add them from the provider itself, in the same
# shape (internal/provider/docs_action_schemas_test.go).
log "Adding the action schemas"
command -v python3 >/dev/null 2>&1 || die "python3 is needed to add the action schemas"
LEADTERRA_ACTION_SCHEMAS_OUT="${TMP}/actions.json" env -u TF_ACC \
  go test ./internal/provider -run '^TestActionSchemasForDocs$' -count=1 >/dev/null
python3 - "${TMP}/schema.json" "${TMP}/actions.json" "${PROVIDER_NAME}" <<'PY'
import json, sys
schema, actions, name = sys.argv[1:4]
with open(schema) as f:
    doc = json.load(f)
with open(actions) as f:
    doc["provider_schemas"][name].setdefault("action_schemas", {}).update(json.load(f))
with open(schema, "w") as f:
    json.dump(doc, f)
PY

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
