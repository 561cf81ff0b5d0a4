package provider

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

func TestLimitSDKLogs(t *testing.T) {
	unset := "<unset>"
	for _, tc := range []struct {
		name                                      string
		consent, tfLog, framework, proto, dataDir string
		wantFramework, wantProto, wantDataDir     string
	}{
		// Without consent, neither SDK logger runs, whatever was asked.
		{"no levels", "", "", "", "", "", "OFF", "OFF", unset},
		{"TF_LOG=trace", "", "TRACE", "", "", "", "OFF", "OFF", unset},
		{"explicit SDK levels", "", "TRACE", "TRACE", "DEBUG", "", "OFF", "OFF", unset},
		{"protocol data files", "", "TRACE", "", "", "/tmp/x", "OFF", "OFF", unset},
		{"consent is exactly 1", "yes", "TRACE", "", "", "/tmp/x", "OFF", "OFF", unset},
		// With consent, the TF_LOG* variables apply as they are...
		{"consent, TF_LOG", "1", "TRACE", "", "", "/tmp/x", "", "", "/tmp/x"},
		{"consent, explicit levels", "1", "TRACE", "DEBUG", "WARN", "", "DEBUG", "WARN", unset},
		// ...except that the framework never guesses TRACE when no level is set.
		{"consent, no levels", "1", "", "", "", "", "OFF", "", unset},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvLogLeadData, tc.consent)
			t.Setenv("TF_LOG", tc.tfLog)
			t.Setenv("TF_LOG_SDK", "")
			t.Setenv("TF_LOG_PROVIDER", "")
			t.Setenv(EnvProviderLogLevel, "")
			t.Setenv(EnvFrameworkLogLevel, tc.framework)
			t.Setenv(EnvProtocolLogLevel, tc.proto)
			t.Setenv(EnvProtocolDataDir, tc.dataDir)
			if tc.dataDir == "" {
				_ = os.Unsetenv(EnvProtocolDataDir)
			}
			LimitSDKLogs()
			for name, want := range map[string]string{EnvFrameworkLogLevel: tc.wantFramework, EnvProtocolLogLevel: tc.wantProto, EnvProtocolDataDir: tc.wantDataDir} {
				got, set := os.LookupEnv(name)
				if !set {
					got = unset
				}
				if got != want {
					t.Errorf("%s: got %q, want %q", name, got, want)
				}
			}
		})
	}
}

// The provider's own logger is off only when no variable asks the CLI to
// log providers: the CLI would drop every line.
func TestLimitSDKLogs_providerLevel(t *testing.T) {
	for _, tc := range []struct {
		name, tfLog, providers, ours, want string
	}{
		{"no levels", "", "", "", "OFF"},
		{"blank TF_LOG", " ", "", "", "OFF"},
		{"TF_LOG", "DEBUG", "", "", ""},
		{"TF_LOG_PROVIDER", "", "TRACE", "", ""},
		{"our own level", "", "", "WARN", "WARN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("TF_LOG", tc.tfLog)
			t.Setenv("TF_LOG_PROVIDER", tc.providers)
			t.Setenv(EnvProviderLogLevel, tc.ours)
			LimitSDKLogs()
			if got := os.Getenv(EnvProviderLogLevel); got != tc.want {
				t.Errorf("%s = %q, want %q", EnvProviderLogLevel, got, tc.want)
			}
		})
	}
}

func TestErrorLogFields_leaveOutTheAPIsWords(t *testing.T) {
	err := fmt.Errorf("listing leads: %w", &leadterra.APIError{StatusCode: 422, Code: "validation_failed", Message: "ann@example.com is invalid",
		Items: []leadterra.ErrorItem{{Index: 0, Email: "ann@example.com", Message: "email ann@example.com is not valid"}}, Method: "GET", Path: "/v1/campaigns/c/leads", RequestID: "req_1"})
	fields := errorLogFields(err)
	if got := fmt.Sprint(fields); strings.Contains(got, "ann@example.com") || fields["http_status"] != 422 || fields["error_code"] != "validation_failed" {
		t.Fatalf("fields %v", got)
	}
}
