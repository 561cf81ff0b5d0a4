package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// apiLogger forwards the client's body-free request logs to tflog and masks
// the key in messages and field values, in case an error ever echoes it.
type apiLogger struct {
	key string
}

func newAPILogger(key string) *apiLogger { return &apiLogger{key: key} }

func (l *apiLogger) mask(ctx context.Context) context.Context {
	if l.key == "" {
		return ctx
	}
	ctx = tflog.MaskMessageStrings(ctx, l.key)
	return tflog.MaskAllFieldValuesStrings(ctx, l.key)
}

func (l *apiLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(l.mask(ctx), msg, fields)
}

func (l *apiLogger) Warn(ctx context.Context, msg string, fields map[string]any) {
	tflog.Warn(l.mask(ctx), msg, fields)
}

// errorLogFields describes err for a log line without lead data
// (leadterra.LogFields).
func errorLogFields(err error) map[string]any { return leadterra.LogFields(err) }
