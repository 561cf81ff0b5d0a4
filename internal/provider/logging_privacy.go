package provider

import (
	"log"
	"os"
	"strings"
)

// Log settings of the SDK libraries the provider is built on.
const (
	// EnvFrameworkLogLevel is the plugin framework's own log level variable.
	EnvFrameworkLogLevel = "TF_LOG_SDK_FRAMEWORK"
	// EnvProtocolLogLevel is terraform-plugin-go's protocol log level variable.
	EnvProtocolLogLevel = "TF_LOG_SDK_PROTO"
	// EnvProtocolDataDir makes terraform-plugin-go write every request and
	// response, values included, to files in that directory.
	EnvProtocolDataDir = "TF_LOG_SDK_PROTO_DATA_DIR"
	// EnvProviderLogLevel is the provider's own log level variable
	// (terraform-plugin-go: TF_LOG_PROVIDER_ and the address's name).
	EnvProviderLogLevel = "TF_LOG_PROVIDER_LEADTERRA"
	// EnvLogLeadData, set to exactly "1", lets the SDK libraries log as the
	// TF_LOG* variables ask, lead personal data included.
	EnvLogLeadData = "LEADTERRA_LOG_LEAD_DATA"
)

// LimitSDKLogs keeps lead personal data out of the logs of the libraries the
// provider is built on. It runs before the provider serves (they read these
// variables when they start logging a request). Unless EnvLogLeadData is "1":
//
//   - the protocol logger (terraform-plugin-go) is turned off: at ERROR and
//     WARN it logs every diagnostic's summary and detail, which name leads
//     for the user, and at TRACE the attribute paths, which in the leads map
//     hold email addresses;
//   - the framework logger is turned off: it logs attribute paths too;
//   - TF_LOG_SDK_PROTO_DATA_DIR is ignored: those files hold every value.
//
// These are process-wide variables, and a user may have set them to debug
// another provider: only a leadterra variable is consent. The provider's own
// logs (one line per API call, no body) keep the level TF_LOG asks for.
//
// Even with consent the framework gets an explicit level when no TF_LOG*
// variable asks for one: with none it assumes TRACE might be wanted and, for
// each value of a plan, walks a context chain that grows with every value it
// visits (terraform-plugin-framework v1.19, MarkComputedNilsAsUnknown and
// NullifyWriteOnlyAttributes), which is minutes for 10,000 leads.
//
// With no TF_LOG, TF_LOG_PROVIDER or EnvProviderLogLevel the CLI, whose
// environment the provider inherits, drops every line the provider logs,
// and the provider's logger, with no level, logs at TRACE: its level is set
// to OFF, rather than writing a JSON line per API call that the CLI parses
// only to throw away.
func LimitSDKLogs() {
	if blank("TF_LOG") && blank("TF_LOG_PROVIDER") && blank(EnvProviderLogLevel) {
		_ = os.Setenv(EnvProviderLogLevel, "OFF")
	}
	if os.Getenv(EnvLogLeadData) != "1" {
		if dir := os.Getenv(EnvProtocolDataDir); dir != "" {
			_ = os.Unsetenv(EnvProtocolDataDir)
			log.Printf("[WARN] terraform-provider-leadterra: ignoring %s: protocol data files hold lead personal data; set %s=1 to write them", EnvProtocolDataDir, EnvLogLeadData)
		}
		_ = os.Setenv(EnvProtocolLogLevel, "OFF")
		_ = os.Setenv(EnvFrameworkLogLevel, "OFF")
		return
	}
	if os.Getenv(EnvFrameworkLogLevel) == "" && os.Getenv("TF_LOG_SDK") == "" && blank("TF_LOG") {
		_ = os.Setenv(EnvFrameworkLogLevel, "OFF")
	}
}

func blank(name string) bool { return strings.TrimSpace(os.Getenv(name)) == "" }
