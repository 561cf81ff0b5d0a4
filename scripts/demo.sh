#!/usr/bin/env bash
# make demo: runs examples/demo against a throwaway local Leadterra sandbox.
#
#   1. builds the provider and the sandbox into a temp dir;
#   2. starts the sandbox on a free loopback port (-addr 127.0.0.1:0) and reads
#      LEADTERRA_BASE_URL / LEADTERRA_API_KEY from the env file it writes;
#   3. writes a temp CLI config whose dev_overrides point both
#      registry.terraform.io/leadterra/leadterra and
#      registry.opentofu.org/leadterra/leadterra at that build (no init needed);
#   4. in a temp copy of examples/demo: apply -auto-approve, output, destroy.
#
# Whatever happens, the sandbox is stopped and the temp dir removed on exit.
#
# Environment:
#   DEMO_CLI=terraform|tofu   which pinned CLI from ./bin to use (default terraform)
#   DEMO_WAIT=30              seconds to wait for the sandbox to come up
#   DEMO_KEEP=1               keep the temp dir (state, logs) for inspection
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLI_NAME="${DEMO_CLI:-terraform}"
WAIT_SECS="${DEMO_WAIT:-30}"

log() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'demo: error: %s\n' "$*" >&2; exit 1; }

case "${CLI_NAME}" in
  terraform | tofu) ;;
  *) die "DEMO_CLI must be 'terraform' or 'tofu' (got '${CLI_NAME}')" ;;
esac
CLI="${ROOT}/bin/${CLI_NAME}"
[[ -x "${CLI}" ]] || die "${CLI} not found: run 'make tools' first (the demo never uses a ${CLI_NAME} from PATH)"
[[ -f "${ROOT}/examples/demo/main.tf" ]] || die "examples/demo/main.tf not found"
command -v go >/dev/null 2>&1 || die "go is not on PATH"

# Nothing from the caller's CLI configuration may leak in.
unset TF_CLI_CONFIG_FILE TOFU_CLI_CONFIG_FILE TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_WORKSPACE
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0

TMP="$(mktemp -d "${TMPDIR:-/tmp}/leadterra-demo.XXXXXX")"
SANDBOX_PID=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "${SANDBOX_PID}" ]] && kill -0 "${SANDBOX_PID}" 2>/dev/null; then
    kill -TERM "${SANDBOX_PID}" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "${SANDBOX_PID}" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "${SANDBOX_PID}" 2>/dev/null; then
      echo "demo: sandbox did not stop on SIGTERM; killing it" >&2
      kill -KILL "${SANDBOX_PID}" 2>/dev/null || true
    fi
    wait "${SANDBOX_PID}" 2>/dev/null || true
  fi
  if [[ "${DEMO_KEEP:-}" == "1" ]]; then
    echo "demo: kept ${TMP}" >&2
  else
    rm -rf "${TMP}"
  fi
  if [[ ${rc} -ne 0 ]]; then
    echo "demo: FAILED (exit ${rc})" >&2
  fi
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PLUGIN_DIR="${TMP}/providers"
WORK="${TMP}/work"
ENV_FILE="${TMP}/sandbox.env"
SANDBOX_LOG="${TMP}/sandbox.log"
mkdir -p "${PLUGIN_DIR}" "${WORK}"

log "Building the provider and the sandbox"
(cd "${ROOT}" && go build -ldflags "-X main.version=demo" -o "${PLUGIN_DIR}/terraform-provider-leadterra" .)
(cd "${ROOT}" && go build -o "${TMP}/leadterra-sandbox" ./cmd/leadterra-sandbox)

log "Starting the sandbox on a free loopback port"
"${TMP}/leadterra-sandbox" -addr 127.0.0.1:0 -env-file "${ENV_FILE}" >"${SANDBOX_LOG}" 2>&1 &
SANDBOX_PID=$!

deadline=$((SECONDS + WAIT_SECS))
until [[ -s "${ENV_FILE}" ]] && grep -q '^LEADTERRA_BASE_URL=' "${ENV_FILE}" \
  && grep -q '^LEADTERRA_API_KEY=' "${ENV_FILE}"; do
  if ! kill -0 "${SANDBOX_PID}" 2>/dev/null; then
    cat "${SANDBOX_LOG}" >&2 || true
    SANDBOX_PID=""
    die "the sandbox exited before it was ready (its log is above)"
  fi
  if ((SECONDS >= deadline)); then
    cat "${SANDBOX_LOG}" >&2 || true
    die "the sandbox did not write ${ENV_FILE} within ${WAIT_SECS}s (its log is above)"
  fi
  sleep 0.2
done

# Read only the two expected keys; never eval the file.
LEADTERRA_BASE_URL=""
LEADTERRA_API_KEY=""
while IFS='=' read -r key value; do
  case "${key}" in
    LEADTERRA_BASE_URL) LEADTERRA_BASE_URL="${value}" ;;
    LEADTERRA_API_KEY) LEADTERRA_API_KEY="${value}" ;;
  esac
done <"${ENV_FILE}"
[[ -n "${LEADTERRA_BASE_URL}" && -n "${LEADTERRA_API_KEY}" ]] || die "${ENV_FILE} lacks LEADTERRA_BASE_URL or LEADTERRA_API_KEY"
export LEADTERRA_BASE_URL LEADTERRA_API_KEY
echo "sandbox pid ${SANDBOX_PID} at ${LEADTERRA_BASE_URL}" >&2

cat >"${TMP}/cli.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "registry.terraform.io/leadterra/leadterra" = "${PLUGIN_DIR}"
    "registry.opentofu.org/leadterra/leadterra" = "${PLUGIN_DIR}"
  }
  direct {}
}
TFRC
export TF_CLI_CONFIG_FILE="${TMP}/cli.tfrc"

cp -R "${ROOT}/examples/demo/." "${WORK}/"
rm -rf "${WORK}/.terraform" "${WORK}/.terraform.lock.hcl" "${WORK}"/terraform.tfstate*
cd "${WORK}"

# Colours on a terminal, plain text in logs.
COLOR=()
[[ -t 1 ]] || COLOR=(-no-color)

log "$("${CLI}" version | sed -n 1p): apply (dev_overrides in effect, so no init)"
"${CLI}" apply -auto-approve "${COLOR[@]}"

log "Outputs (real values read from the sandbox)"
"${CLI}" output "${COLOR[@]}"

log "Destroy"
"${CLI}" destroy -auto-approve "${COLOR[@]}"

log "Demo finished: the sandbox is being stopped and ${TMP} removed"
