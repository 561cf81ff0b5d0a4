package provider

import "os"

// EnvFrameworkLogLevel is the plugin framework's own log level variable.
const EnvFrameworkLogLevel = "TF_LOG_SDK_FRAMEWORK"

// LimitFrameworkTraceLogs caps the plugin framework's own logs at DEBUG
// unless the user chose a level for them. At TRACE the framework logs the
// path of every attribute it validates, and a path into a set holds the
// whole element: every lead's email and name would reach TF_LOG=trace
// output. Setting TF_LOG_SDK_FRAMEWORK=TRACE explicitly opts back in.
func LimitFrameworkTraceLogs() {
	if os.Getenv(EnvFrameworkLogLevel) == "" {
		_ = os.Setenv(EnvFrameworkLogLevel, "DEBUG")
	}
}
