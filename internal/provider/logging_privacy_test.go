package provider

import (
	"os"
	"testing"
)

func TestLimitFrameworkTraceLogs(t *testing.T) {
	for _, tc := range []struct {
		tfLog, sdk, framework, want string
	}{
		{"", "", "", ""},
		{"DEBUG", "", "", ""},
		{"trace", "", "", "DEBUG"},
		{"JSON", "", "", "DEBUG"},
		{"", "TRACE", "", "DEBUG"},
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
