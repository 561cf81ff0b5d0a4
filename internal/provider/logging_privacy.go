package provider

import (
	"os"
	"strings"
)

// EnvFrameworkLogLevel is the plugin framework's own log level variable.
const EnvFrameworkLogLevel = "TF_LOG_SDK_FRAMEWORK"

// LimitFrameworkTraceLogs caps the plugin framework's own logs at DEBUG when
// TRACE logging is on and the user chose no level for the framework. At
// TRACE the framework logs the path of every attribute it validates, and a
// path into a set holds the whole element: every lead's email and name would
// reach the log. Setting TF_LOG_SDK_FRAMEWORK=TRACE explicitly opts back in.
func LimitFrameworkTraceLogs() {
	if os.Getenv(EnvFrameworkLogLevel) != "" {
		return
	}
	level := os.Getenv("TF_LOG_SDK")
	if level == "" {
		level = os.Getenv("TF_LOG")
	}
	switch strings.ToUpper(level) {
	case "", "OFF", "ERROR", "WARN", "INFO", "DEBUG":
		return
	}
	// TRACE, JSON, or any other value Terraform reads as TRACE.
	_ = os.Setenv(EnvFrameworkLogLevel, "DEBUG")
}
