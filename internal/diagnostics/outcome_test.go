package diagnostics

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

var lostTimeout = &leadterra.OutcomeUnknownError{Method: "POST", Path: "/v1/campaigns", Err: fmt.Errorf("client timeout: %w", context.DeadlineExceeded)}

// A lost create answer is never "try again later": that makes a second one.
func TestOutcomeUnknownNeverSaysTryAgainLater(t *testing.T) {
	d := FromError(Op{Action: "create", Object: `campaign "x"`}, lostTimeout)
	if !strings.Contains(d.Summary(), "may have been carried out") || strings.Contains(strings.ToLower(d.Detail()), "try again later") {
		t.Errorf("%s: %s", d.Summary(), d.Detail())
	}
}

func TestCreatedDiagnostics(t *testing.T) {
	c := Created{Kind: "campaign", Resource: "leadterra_campaign", Label: `named "Q3"`, IDPrefix: "camp_", ReadPath: "GET /v1/campaigns/:id",
		Since: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Until: time.Date(2026, 1, 2, 3, 5, 0, 0, time.UTC)}
	for _, tc := range []struct {
		d        diag.Diagnostic
		severity diag.Severity
		want     []string
	}{
		{MayHaveBeenCreated(c, "this Leadterra API offers no GET /v1/campaigns", lostTimeout), diag.SeverityError, []string{
			"The campaign may have been created", `named "Q3"`, "This Leadterra API offers no GET /v1/campaigns", "did not create it again",
			"between 2026-01-02 03:04:05 and 2026-01-02 03:05:01 UTC", "terraform import <address> camp_…", "leadterra_campaign.main", "GET /v1/campaigns/:id", "apply again"}},
		{SeveralCandidates(c, []string{"camp_1", "camp_2"}, lostTimeout), diag.SeverityError, []string{"2 candidates", "camp_1, camp_2", "adopted none and created none", "terraform import"}},
		{Adopted(c, "camp_7", lostTimeout), diag.SeverityWarning, []string{"Adopted campaign camp_7", "exactly one campaign", "terraform state rm"}},
	} {
		text := tc.d.Summary() + "\n" + tc.d.Detail()
		if tc.d.Severity() != tc.severity {
			t.Errorf("%s: severity %v", tc.d.Summary(), tc.d.Severity())
		}
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("%q lacks %q", text, w)
			}
		}
		if strings.Contains(strings.ToLower(text), "try again later") {
			t.Errorf("%q says try again later", text)
		}
	}
}
