package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A nested attribute's error names the step and field in its text: the CLI
// shows only the resource's block for it.
func TestNestedErrorsNameTheirPath(t *testing.T) {
	step1 := path.Root("sequence_steps").AtListIndex(1)
	for _, tc := range []struct {
		v     validator.String
		at    path.Path
		value string
		want  string // start of the detail
	}{
		{PersonalizationTokens(), step1.AtName("subject"), "Hi {{firstName", "sequence_steps[1].subject: At byte 3: "},
		{PersonalizationTokens(), step1.AtName("body_html"), "<p>{{first name}}</p>", "sequence_steps[1].body_html: At byte 3: "},
		{PersonalizationTokens(), step1.AtName("subject"), "Hi {{firstname}}", "sequence_steps[1].subject: {{firstname}} is not a standard lead field"},
		{NotBlank(), step1.AtName("subject"), " ", "sequence_steps[1].subject: The value must not be empty"},
		{NotBlank(), step1.AtName("body_html"), "\xff", "sequence_steps[1].body_html: The value holds bytes"},
		// A top-level attribute is shown by the CLI itself.
		{NotBlank(), path.Root("name"), "", "The value must not be empty"},
	} {
		resp := &validator.StringResponse{}
		tc.v.ValidateString(context.Background(), validator.StringRequest{Path: tc.at, ConfigValue: types.StringValue(tc.value)}, resp)
		if len(resp.Diagnostics) != 1 || !strings.HasPrefix(resp.Diagnostics[0].Detail(), tc.want) {
			t.Errorf("%s = %q: got %v, want a detail starting %q", tc.at, tc.value, resp.Diagnostics, tc.want)
		}
	}
}
