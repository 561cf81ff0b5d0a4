package provider

import (
	"os"
	"strings"
)

// EnvFrameworkLogLevel is the plugin framework's own log level variable.
const EnvFrameworkLogLevel = "TF_LOG_SDK_FRAMEWORK"

// LimitFrameworkTraceLogs caps the plugin framework's own logs at INFO
// unless the user chose a level for the framework (TF_LOG_SDK_FRAMEWORK). It
// runs before the provider serves, for two reasons:
//
//   - Privacy: at DEBUG and TRACE the framework logs the path of the
//     attributes it visits, and a path into the leads map holds the lead's
//     email address.
//   - Speed: with no level of its own, the framework assumes TRACE might be
//     wanted and, for each value of a plan, walks a context chain that grows
//     with every value it visits (terraform-plugin-framework v1.19,
//     MarkComputedNilsAsUnknown and NullifyWriteOnlyAttributes). That is
//     quadratic in the size of the plan: minutes for 10,000 leads. An explicit
//     level above TRACE skips that walk.
//
// INFO, WARN, ERROR or OFF chosen through TF_LOG_SDK or TF_LOG is kept. With no
// level at all Terraform collects no logs, and WARN keeps the framework's
// warnings and errors for test runs, which print it to stderr.
func LimitFrameworkTraceLogs() {
	if os.Getenv(EnvFrameworkLogLevel) != "" {
		return
	}
	level := os.Getenv("TF_LOG_SDK")
	if level == "" {
		level = os.Getenv("TF_LOG")
	}
	level = strings.ToUpper(strings.TrimSpace(level))
	switch level {
	case "OFF", "ERROR", "WARN", "INFO":
	case "":
		level = "WARN"
	default:
		// DEBUG, TRACE, JSON, or any other value Terraform reads as TRACE.
		level = "INFO"
	}
	_ = os.Setenv(EnvFrameworkLogLevel, level)
}
