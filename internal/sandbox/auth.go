package sandbox

import (
	"net/http"
	"strings"
)

// DefaultKey is the full-access key used when Options names no key at all.
const DefaultKey = "sk_test_sandbox"

type keyRole int

const (
	roleFull keyRole = iota + 1
	roleReadOnly
	roleNoAccess
	roleNoWorkspace
)

// buildKeys maps each key to its role. A key listed twice gets the more
// restrictive role, so a test can never be accidentally over-privileged.
func buildKeys(opts Options) map[string]keyRole {
	keys := map[string]keyRole{}
	full := opts.Keys
	if len(opts.Keys)+len(opts.ReadOnlyKeys)+len(opts.NoAccessKeys)+len(opts.NoWorkspaceKeys) == 0 {
		full = []string{DefaultKey}
	}
	for role, list := range map[keyRole][]string{
		roleFull: full, roleReadOnly: opts.ReadOnlyKeys,
		roleNoAccess: opts.NoAccessKeys, roleNoWorkspace: opts.NoWorkspaceKeys,
	} {
		for _, k := range list {
			if k != "" && role > keys[k] {
				keys[k] = role
			}
		}
	}
	return keys
}

// bearerKey extracts the key from exactly one "Authorization: Bearer <key>"
// header. The key is not trimmed: the docs name stray whitespace and
// newlines as the usual cause of 401s, and the sandbox must reproduce that.
func bearerKey(h http.Header) (string, bool) {
	vals := h.Values("Authorization")
	if len(vals) != 1 {
		return "", false
	}
	scheme, key, ok := strings.Cut(vals[0], " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || key == "" {
		return "", false
	}
	return key, true
}

func isRead(method string) bool {
	return method == http.MethodGet || method == http.MethodHead || method == http.MethodOptions
}

// authorize runs before routing, in the documented order: 401, then the
// workspace check, then permissions.
func (c *reqCtx) authorize() *response {
	key, ok := bearerKey(c.r.Header)
	role := c.s.keys[key]
	var resp response
	switch {
	case !ok || role == 0:
		resp = c.fail(http.StatusUnauthorized, "authentication_failed", "Missing, malformed or invalid API key").
			withHeader("WWW-Authenticate", `Bearer realm="leadterra"`)
	case role == roleNoWorkspace:
		resp = c.fail(http.StatusNotFound, "workspace_not_found", "No workspace is associated with the provided API key")
	case role == roleNoAccess:
		resp = c.fail(http.StatusForbidden, "forbidden", "This API key does not have permission to access this workspace")
	case role == roleReadOnly && !isRead(c.r.Method):
		resp = c.fail(http.StatusForbidden, "forbidden", "This API key does not have permission to modify this workspace (read-only key)")
	default:
		c.apiKey = key
		return nil
	}
	return &resp
}
