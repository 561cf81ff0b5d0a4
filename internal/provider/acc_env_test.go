package provider

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// Live mode: the same acceptance suites against a real API (or a standalone
// sandbox process posing as one).
const (
	envLive = "LEADTERRA_ACC_LIVE"
	// envAllowLiveKey must hold this exact phrase before a live run accepts a
	// key that is not an sk_test_ key: production keys send real email.
	envAllowLiveKey     = "LEADTERRA_ACC_ALLOW_LIVE_KEY"
	testKeyPrefix       = "sk_test_"
	allowLiveKeyPhrase  = "real-email-may-be-sent"
	testResourcePrefix  = "tf-acc-"
	testLeadEmailDomain = "example.com"
)

var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"leadterra": ServerFactory(New("test")),
}

// testEnv is where one acceptance test runs: an in-process sandbox with keys
// of every role, or (live mode) the API named by the environment.
type testEnv struct {
	Live           bool
	BaseURL        string
	Key            string
	ReadOnlyKey    string
	NoAccessKey    string
	NoWorkspaceKey string
	Sandbox        *sandbox.Server
}

type envOption func(*sandbox.Options)

func withDocumentedOnly() envOption { return func(o *sandbox.Options) { o.DocumentedOnly = true } }

func withStyle(s sandbox.Style) envOption { return func(o *sandbox.Options) { o.Style = s } }

// apiMode is one of the two APIs the provider must work on: the full one
// (every route the guides show) or only the routes the API reference
// documents, where the provider falls back and warns.
type apiMode struct {
	name       string // the subtest's name
	documented bool
}

// apiModes are run as subtests "full" and "documented", each with
// env := mode.env(t).
var apiModes = []apiMode{{name: "full"}, {name: "documented", documented: true}}

// env starts a sandbox serving the mode's API, with extra options after the
// mode's own. A live API is one fixed mode, so live runs skip the test.
func (m apiMode) env(t *testing.T, extra ...envOption) *testEnv {
	t.Helper()
	var opts []envOption
	if m.documented {
		opts = append(opts, withDocumentedOnly())
	}
	env := newTestEnv(t, append(opts, extra...)...)
	env.requireSandbox(t)
	return env
}

// newTestEnv starts a sandbox for t, or returns the live environment.
func newTestEnv(t *testing.T, opts ...envOption) *testEnv {
	t.Helper()
	live, err := liveMode(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	if live {
		env, err := liveEnv(os.Getenv)
		if err != nil {
			t.Fatal(err)
		}
		return env
	}
	env := &testEnv{
		Key:            randomKey("sk_test_acc_"),
		ReadOnlyKey:    randomKey("sk_test_ro_"),
		NoAccessKey:    randomKey("sk_test_none_"),
		NoWorkspaceKey: randomKey("sk_test_nows_"),
	}
	o := sandbox.Options{
		Keys: []string{env.Key}, ReadOnlyKeys: []string{env.ReadOnlyKey},
		NoAccessKeys: []string{env.NoAccessKey}, NoWorkspaceKeys: []string{env.NoWorkspaceKey},
		Seed: true,
	}
	for _, opt := range opts {
		opt(&o)
	}
	env.Sandbox = sandbox.New(o)
	srv := httptest.NewServer(env.Sandbox)
	t.Cleanup(srv.Close)
	env.BaseURL = srv.URL
	return env
}

// liveMode reads LEADTERRA_ACC_LIVE: "1" is live, "" and "0" the sandbox.
// Anything else is an error, not a silent sandbox run that looks like a
// passing live one.
func liveMode(getenv func(string) string) (bool, error) {
	switch v := getenv(envLive); v {
	case "1":
		return true, nil
	case "", "0":
		return false, nil
	default:
		return false, fmt.Errorf("%s=%q: set it to 1 to run the acceptance tests against the API named by %s and %s, or to 0 or nothing for the in-process sandbox", envLive, v, EnvBaseURL, EnvAPIKey)
	}
}

// liveEnv reads the live-mode settings. Only an sk_test_ key runs unless the
// override phrase is set: an allow-list, so that a production key of any
// shape (sk_live_ or one the docs do not name) is refused.
func liveEnv(getenv func(string) string) (*testEnv, error) {
	key := strings.TrimSpace(getenv(EnvAPIKey))
	if key == "" {
		return nil, fmt.Errorf("%s=1 needs %s (an %s key)", envLive, EnvAPIKey, testKeyPrefix)
	}
	if !strings.HasPrefix(key, testKeyPrefix) && getenv(envAllowLiveKey) != allowLiveKeyPhrase {
		return nil, fmt.Errorf("refusing to run acceptance tests with a key that does not start with %s: they create and start campaigns, and a production workspace would send real email. Use an %s key, or set %s=%s if you really mean it", testKeyPrefix, testKeyPrefix, envAllowLiveKey, allowLiveKeyPhrase)
	}
	base := getenv(EnvBaseURL)
	if base == "" {
		base = "https://app.leadterra.co"
	}
	return &testEnv{Live: true, BaseURL: base, Key: key}, nil
}

// requireSandbox skips tests that need sandbox-only powers (response
// variants, faults, out-of-band edits, keys of other roles).
func (e *testEnv) requireSandbox(t *testing.T) {
	t.Helper()
	if e.Live {
		t.Skip("needs the in-process sandbox (response variants, out-of-band edits or restricted keys); skipped in live mode")
	}
}

// providerConfig is a provider block using key.
func (e *testEnv) providerConfig(key string) string {
	return fmt.Sprintf("provider \"leadterra\" {\n  api_key  = %q\n  base_url = %q\n}\n", key, e.BaseURL)
}

// config joins the provider block (with the env's full-access key) and body.
func (e *testEnv) config(body string) string { return e.providerConfig(e.Key) + body }

// configWithKey is config with another key (401 and 403 paths).
func (e *testEnv) configWithKey(key, body string) string { return e.providerConfig(key) + body }

func randomKey(prefix string) string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

func TestLiveEnvAllowsOnlyTestKeys(t *testing.T) {
	for _, key := range []string{"sk_live_abc", "sk_abc", "pk_test_abc", "SK_TEST_abc", " sk_live_sk_test_"} {
		env := map[string]string{envLive: "1", EnvAPIKey: key}
		if _, err := liveEnv(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("key %q: want a refusal, got %v", key, err)
		}
		env[envAllowLiveKey] = "yes"
		if _, err := liveEnv(func(k string) string { return env[k] }); err == nil {
			t.Errorf("key %q: a vague override must not unlock it", key)
		}
		env[envAllowLiveKey] = allowLiveKeyPhrase
		if _, err := liveEnv(func(k string) string { return env[k] }); err != nil {
			t.Errorf("key %q: the exact override phrase must unlock it: %v", key, err)
		}
	}
	env := map[string]string{envLive: "1", EnvAPIKey: "sk_test_abc\n"}
	got, err := liveEnv(func(k string) string { return env[k] })
	if err != nil || got.Key != "sk_test_abc" || got.BaseURL != "https://app.leadterra.co" {
		t.Fatalf("sk_test_ key: got %+v, %v", got, err)
	}
	if _, err := liveEnv(func(string) string { return "" }); err == nil {
		t.Fatal("live mode without a key must fail")
	}
}

func TestLiveModeValues(t *testing.T) {
	for v, want := range map[string]bool{"": false, "0": false, "1": true} {
		if got, err := liveMode(func(string) string { return v }); err != nil || got != want {
			t.Errorf("%s=%q: got %v, %v; want %v", envLive, v, got, err, want)
		}
	}
	for _, v := range []string{"true", "yes", "2", " 1", "on"} {
		if _, err := liveMode(func(string) string { return v }); err == nil || !strings.Contains(err.Error(), "set it to 1") {
			t.Errorf("%s=%q must be an error, got %v", envLive, v, err)
		}
	}
}

// errorRe matches phrases in order, anywhere in a CLI error, whatever line
// wrapping the CLI applied (a space in a phrase matches any whitespace).
func errorRe(phrases ...string) *regexp.Regexp {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		words := strings.Fields(p)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		parts[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, `.*`))
}

func regexpMust(s string) *regexp.Regexp { return regexp.MustCompile(s) }

// stateTimeRe matches a timestamp as the provider writes it to state:
// RFC 3339, UTC, whole seconds (whatever precision the API sent).
var stateTimeRe = regexpMust(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

// onSandbox wraps a PreConfig that edits the sandbox out of band. The
// testing framework runs PreConfig even for a step its SkipFunc skips, so in
// live mode the edit must not happen at all.
func onSandbox(env *testEnv, edit func(*sandbox.Server)) func() {
	return func() {
		if env.Sandbox != nil {
			edit(env.Sandbox)
		}
	}
}

// sandboxOnly is onSandbox for edits that reach the sandbox another way
// (through the client).
func sandboxOnly(env *testEnv, edit func()) func() {
	return onSandbox(env, func(*sandbox.Server) { edit() })
}
