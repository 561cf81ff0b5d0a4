package provider

import (
	"os"
	"testing"
)

func TestLimitFrameworkTraceLogs(t *testing.T) {
	for _, tc := range []struct {
		tfLog, sdk, framework, want string
	}{
		{"", "", "", "WARN"},      // no TRACE walk even when nothing is logged
		{"DEBUG", "", "", "INFO"}, // at DEBUG the framework logs attribute paths: lead emails
		{"warn", "", "", "WARN"},  // never more than the user asked for
		{"TRACE", "OFF", "", "OFF"},
		{"trace", "", "", "INFO"},
		{"JSON", "", "", "INFO"},
		{"", "TRACE", "", "INFO"},
		{"TRACE", "", "TRACE", "TRACE"}, // the user's explicit choice wins
	} {
		t.Setenv("TF_LOG", tc.tfLog)
		t.Setenv("TF_LOG_SDK", tc.sdk)
		t.Setenv(EnvFrameworkLogLevel, tc.framework)
		LimitFrameworkTraceLogs()
		if got := os.Getenv(EnvFrameworkLogLevel); got != tc.want {
			t.Errorf("TF_LOG=%q TF_LOG_SDK=%q %s=%q: got %q, want %q", tc.tfLog, tc.sdk, EnvFrameworkLogLevel, tc.framework, got, tc.want)
		}
	}
}
