package provider

import (
	"errors"
	"maps"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

func lm(email, first string, custom map[string]string) leadModel {
	l := leadModel{Email: types.StringValue(email), Fields: map[string]string{}}
	if first != "" {
		l.Fields["first_name"] = first
	}
	maps.Copy(l.Fields, custom)
	return l
}

func emailsOf(leads []leadModel) string {
	out := make([]string, len(leads))
	for i, l := range leads {
		out[i] = l.Email.ValueString()
	}
	return strings.Join(out, " ")
}

func TestCampaignLeadsDiff_sendsOnlyWhatChanged(t *testing.T) {
	prior := []leadModel{lm("a@x.io", "A", nil), lm("b@x.io", "B", nil), lm("c@x.io", "C", nil), lm("d@x.io", "D", map[string]string{"k": "v"})}
	planned := []leadModel{
		lm("a@x.io", "A", nil),                         // unchanged
		lm("B@X.io", "B", nil),                         // same lead, new casing: sent
		lm("d@x.io", "D", map[string]string{"k": "w"}), // changed
		lm("e@x.io", "", nil),                          // new
	}
	d := diffLeads(prior, planned)
	if got := emailsOf(d.upsert); got != "B@X.io d@x.io e@x.io" {
		t.Fatalf("upsert %q", got)
	}
	if strings.Join(d.remove, " ") != "c@x.io" {
		t.Fatalf("remove %v", d.remove)
	}
	if d := diffLeads(prior, prior); len(d.upsert)+len(d.remove) != 0 {
		t.Fatalf("no change must send nothing: %+v", d)
	}
	// A new blank column, or an email column, changes nothing that is sent.
	echoed := []leadModel{lm("a@x.io", "A", map[string]string{"email": "a@x.io", "note": ""})}
	if d := diffLeads(prior[:1], echoed); len(d.upsert) != 0 {
		t.Fatalf("fields that are not sent must not resend the lead: %+v", d)
	}
	emptied := []leadModel{lm("a@x.io", "", nil)}
	if d := diffLeads(prior[:1], emptied); len(d.upsert) != 1 {
		t.Fatalf("a field emptied is a change: %+v", d)
	}
}

func TestCampaignLeadsDiff_droppedCustomFieldIsSentEmpty(t *testing.T) {
	prior := lm("a@x.io", "A", map[string]string{"keep": "1", "drop": "2"})
	got := lm("a@x.io", "A", map[string]string{"keep": "1"}).toAPI(&prior)
	if len(got.CustomFields) != 2 || got.CustomFields["drop"] != "" || got.CustomFields["keep"] != "1" {
		t.Fatalf("custom fields sent: %v", got.CustomFields)
	}
	if got := lm("a@x.io", "", nil).toAPI(nil); got.CustomFields != nil || got.FirstName != "" {
		t.Fatalf("an absent field is not sent: %+v", got)
	}
}

func TestCampaignLeadsDiff_emptyAndEmailFieldsAreNotSent(t *testing.T) {
	l := lm("a@x.io", "", map[string]string{"email": "A@x.io", "company": "", "note": ""})
	if got := l.toAPI(nil); got.CustomFields != nil || got.Company != "" || got.Email != "a@x.io" {
		t.Fatalf("empty fields mean not set, and email is the key: %+v", got)
	}
	prior := lm("a@x.io", "", map[string]string{"note": "was set"})
	if got := l.toAPI(&prior); len(got.CustomFields) != 1 || got.CustomFields["note"] != "" {
		t.Fatalf("a custom field emptied in configuration is sent empty: %v", got.CustomFields)
	}
}

func TestCampaignLeadsDiff_refreshComparesOnlyManagedFields(t *testing.T) {
	prior := lm("Ann@X.io", "Ann", map[string]string{"tier": "gold", "note": "", "email": "ann@x.io"})
	api := leadterra.Lead{Email: "ann@x.io", FirstName: "Annie", Company: "Set elsewhere", CustomFields: map[string]string{"tier": "silver", "other": "x", "note": "elsewhere"}}
	got := refreshLead(prior, api)
	if got.Email.ValueString() != "Ann@X.io" {
		t.Fatal("the configured casing stays: the API matches addresses case-insensitively")
	}
	want := map[string]string{"first_name": "Annie", "tier": "silver", "note": "", "email": "ann@x.io"}
	if !maps.Equal(got.Fields, want) {
		t.Fatalf("drift shows only in fields the configuration sets: got %v, want %v", got.Fields, want)
	}
	if prior.Fields["first_name"] != "Ann" {
		t.Fatal("refresh must not change the prior lead")
	}
	// A field the listing leaves empty is "not reported", not drift.
	if got := refreshLead(prior, leadterra.Lead{Email: "ann@x.io"}); !got.equal(prior) {
		t.Fatalf("an empty listing value must not be drift: %+v", got)
	}
}

func TestCampaignLeadsDiff_importKeepsOnlyValues(t *testing.T) {
	got := leadFromAPI(leadterra.Lead{Email: "a@x.io", FirstName: "A", CustomFields: map[string]string{"k": "v", "cleared": ""}})
	if want := map[string]string{"first_name": "A", "k": "v"}; !maps.Equal(got.Fields, want) {
		t.Fatalf("imported fields %v, want %v: empty values are absent ones", got.Fields, want)
	}
}

func TestCampaignLeadsDiff_unknownFieldCountsAsChanged(t *testing.T) {
	fields := func(v tftypes.Value) tftypes.Value {
		return tftypes.NewValue(leadsTF, map[string]tftypes.Value{"a@x.io": tftypes.NewValue(leadFieldsTF, map[string]tftypes.Value{"company": v})})
	}
	known, unknown := fields(str("X")), fields(tftypes.NewValue(tftypes.String, tftypes.UnknownValue))
	k, err := leadsOf(known)
	if err != nil {
		t.Fatal(err)
	}
	u, err := leadsOf(unknown)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffLeads(k, u); len(d.upsert) != 1 {
		t.Fatalf("a lead whose field is unknown until apply must be sent: %+v", d)
	}
	if round := leadsValue(k); !round.Equal(known) {
		t.Fatalf("leadsOf and leadsValue must round-trip: %v", round)
	}
	whole, err := leadsOf(tftypes.NewValue(leadsTF, map[string]tftypes.Value{"a@x.io": tftypes.NewValue(leadFieldsTF, tftypes.UnknownValue)}))
	if err != nil || len(whole) != 1 || !whole[0].unknown {
		t.Fatalf("a lead unknown as a whole must be marked unknown: %+v %v", whole, err)
	}
}

func TestCampaignLeadsBatches_failureDetail(t *testing.T) {
	err := &leadterra.APIError{StatusCode: 422, Code: "validation_failed", Message: "1 lead(s) failed validation", Method: "POST", Path: "/v1/campaigns/c/leads/bulk",
		Items: []leadterra.ErrorItem{{Index: 0, Message: "bad address"}}}
	d := upsertFailure(diagnostics.Op{Action: "enroll leads in", Object: `campaign "c"`}, err, []leadModel{lm("a@x.io", "", nil)}, 500)
	detail := d.Detail()
	for _, want := range []string{"Could not enroll leads in campaign \"c\"", "The API rejected these leads:\n  - a@x.io: bad address", "The 500 lead(s) of the earlier batches were sent"} {
		if !strings.Contains(detail, want) {
			t.Fatalf("missing %q in:\n%s", want, detail)
		}
	}
	if strings.Index(detail, "Request: POST") < strings.Index(detail, "rejected these leads") {
		t.Fatalf("the request reference stays last:\n%s", detail)
	}
	if strings.Count(detail, "bad address") != 1 {
		t.Fatalf("each reason once:\n%s", detail)
	}
	if d := upsertFailure(diagnostics.Op{Action: "x"}, errors.New("boom"), nil, 0); !strings.Contains(d.Detail(), "boom") {
		t.Fatal(d.Detail())
	}
}

func TestCampaignLeadsPlan_fieldChecks(t *testing.T) {
	for _, tc := range []struct {
		name, value, wantErr string
	}{
		{"first_name", "Ann", ""},
		{"use_case", "", ""},
		{"email", "ANN@x.io", ""},
		{"email", "bob@x.io", "must repeat it"},
		{"job_title", "  ", "only whitespace"},
		{"use-case", "x", "not a plain identifier"},
		{"1st", "x", "not a plain identifier"},
		{"firstName", "x", "spelling of the standard field first_name"},
		{"Email", "x", "spelling of the standard field email"},
		{"custom_fields", "x", "custom-field container"},
		{"note", "\xff", "not valid UTF-8"},
	} {
		var diags diag.Diagnostics
		validateLeadField("ann@x.io", tc.name, str(tc.value), nil, &diags)
		switch {
		case tc.wantErr == "" && diags.HasError():
			t.Errorf("%s=%q: unexpected %v", tc.name, tc.value, diags)
		case tc.wantErr != "" && (!diags.HasError() || !strings.Contains(diags[0].Detail(), tc.wantErr)):
			t.Errorf("%s=%q: want an error mentioning %q, got %v", tc.name, tc.value, tc.wantErr, diags)
		}
	}
}
