package diagnostics

import (
	"errors"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

func TestCreateFailedWithoutID(t *testing.T) {
	var diags diag.Diagnostics
	err := &leadterra.DecodeError{Method: "POST", Path: "/v1/campaigns", RequestID: "req_9", Err: leadterra.ErrCreateWithoutID}
	diags.Append(CreateFailed("campaign", `campaign "q3"`, "camp_…", err))
	if len(diags) != 1 {
		t.Fatalf("diagnostics: %v", diags)
	}
	d := diags[0]
	for _, want := range []string{`Could not create campaign "q3"`, "POST /v1/campaigns (request id req_9) succeeded", "without an id", "saved nothing to state",
		"The campaign may exist", "terraform import", "camp_…", "or delete it there", "second campaign"} {
		if !strings.Contains(d.Detail(), want) {
			t.Errorf("detail lacks %q:\n%s", want, d.Detail())
		}
	}
	if d.Summary() != "Leadterra answered the create without a campaign id" {
		t.Errorf("summary %q", d.Summary())
	}

	// Any other failure is described as usual.
	diags = nil
	diags.Append(CreateFailed("webhook", `webhook for "https://x.example/h"`, "wh_…", &leadterra.DecodeError{Method: "POST", Path: "/v1/webhooks", Err: errors.New("boom")}))
	if len(diags) != 1 || strings.Contains(diags[0].Detail(), "may exist") {
		t.Errorf("an ordinary error got the no-id advice: %v", diags)
	}
}
