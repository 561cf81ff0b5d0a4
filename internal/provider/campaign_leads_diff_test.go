package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

func lm(email, first string, custom map[string]string) leadModel {
	l := leadModel{
		Email: types.StringValue(email), FirstName: types.StringNull(), LastName: types.StringNull(),
		Company: types.StringNull(), JobTitle: types.StringNull(), CustomFields: types.MapNull(types.StringType),
	}
	if first != "" {
		l.FirstName = types.StringValue(first)
	}
	if custom != nil {
		l.CustomFields = mapValue(custom)
	}
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

func TestCampaignLeadsDiff_refreshComparesOnlyManagedFields(t *testing.T) {
	prior := lm("Ann@X.io", "Ann", map[string]string{"tier": "gold"})
	api := leadterra.Lead{Email: "ann@x.io", FirstName: "Annie", Company: "Set elsewhere", CustomFields: map[string]string{"tier": "silver", "other": "x"}}
	got := refreshLead(prior, api)
	if got.Email.ValueString() != "Ann@X.io" {
		t.Fatal("the configured casing stays: the API matches addresses case-insensitively")
	}
	if got.FirstName.ValueString() != "Annie" || !got.Company.IsNull() {
		t.Fatalf("drift in a managed field shows; unmanaged fields stay null: %+v", got)
	}
	if cf := stringMap(got.CustomFields); len(cf) != 1 || cf["tier"] != "silver" {
		t.Fatalf("only managed custom fields are read: %v", cf)
	}
	// A field the listing leaves empty is "not reported", not drift.
	if got := refreshLead(prior, leadterra.Lead{Email: "ann@x.io"}); !got.equal(prior) {
		t.Fatalf("an empty listing value must not be drift: %+v", got)
	}
}

func TestCampaignLeadsDiff_importKeepsOnlyValues(t *testing.T) {
	got := leadFromAPI(leadterra.Lead{Email: "a@x.io", FirstName: "A", CustomFields: map[string]string{"k": "v", "cleared": ""}})
	if !got.LastName.IsNull() || got.FirstName.ValueString() != "A" {
		t.Fatalf("%+v", got)
	}
	if cf := stringMap(got.CustomFields); len(cf) != 1 || cf["k"] != "v" {
		t.Fatalf("empty custom fields are absent ones: %v", cf)
	}
	if got := leadFromAPI(leadterra.Lead{Email: "a@x.io", CustomFields: map[string]string{}}); !got.CustomFields.IsNull() {
		t.Fatal("no custom fields: null, as in a configuration that sets none")
	}
}

func TestCampaignLeadsBatches_rejectedLeadsNamed(t *testing.T) {
	batch := []leadModel{lm("a@x.io", "", nil), lm("jose@bücher.example", "", nil)}
	// The item shape is undocumented: an index alone must still name the lead.
	got := rejectedLeads([]leadterra.ErrorItem{{Index: 1, Field: "email", Message: "invalid address"}, {Index: -1, Email: "z@x.io", Code: "bad"}, {Index: 1, Message: "too long"}}, batch)
	want := "  - jose@bücher.example: invalid address (field email); too long\n  - z@x.io: bad"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if got := rejectedLeads(nil, batch); !strings.Contains(got, "did not say which") || !strings.Contains(got, "- a@x.io") {
		t.Fatalf("no items: the batch is listed: %s", got)
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

func TestCampaignLeadsBatches_bulletListIsBounded(t *testing.T) {
	var items []string
	for i := range 25 {
		items = append(items, fmt.Sprintf("l%d@x.io", i))
	}
	got := bulletList(items)
	if strings.Count(got, "\n  - ") != 19 || !strings.HasSuffix(got, "\n  … and 5 more") {
		t.Fatalf("%s", got)
	}
}

func TestCampaignLeadsPlan_customFieldNames(t *testing.T) {
	v := customFieldName()
	for name, wantErr := range map[string]string{
		"use_case": "", "Tier2": "", "_x": "",
		"1st": "not a plain identifier", "use-case": "not a plain identifier", "": "not a plain identifier", "tier.level": "not a plain identifier",
		"email": "standard lead field", "firstName": "first_name attribute", "first_name": "first_name attribute",
		"JOB_TITLE": "job_title attribute", "customFields": "custom-field container",
	} {
		resp := &validator.StringResponse{}
		v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("custom_fields").AtMapKey(name), ConfigValue: types.StringValue(name)}, resp)
		switch {
		case wantErr == "" && resp.Diagnostics.HasError():
			t.Errorf("%q: unexpected %v", name, resp.Diagnostics)
		case wantErr != "" && (!resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), wantErr)):
			t.Errorf("%q: want an error mentioning %q, got %v", name, wantErr, resp.Diagnostics)
		}
	}
}

func TestCampaignLeadsSetType_linearChecksAgree(t *testing.T) {
	ctx := context.Background()
	a, b := lm("a@x.io", "A", map[string]string{"k": "v"}), lm("b@x.io", "", nil)
	set := func(leads ...leadModel) linearSetValue {
		var diags diag.Diagnostics
		return leadsSet(ctx, leads, &diags)
	}
	if !set(a, b).Equal(set(b, a)) || set(a, b).Equal(set(a)) || set(a, b).Equal(set(a, lm("b@x.io", "B", nil))) {
		t.Fatal("set equality must ignore order and see every difference")
	}
	if eq, _ := set(a, b).SetSemanticEquals(ctx, set(b, a)); !eq {
		t.Fatal("an unchanged set is semantically equal")
	}
	typ := newLinearSetType(leadObjectType)
	tfv, err := set(a, b).ToTerraformValue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := typ.Validate(ctx, tfv, path.Root("leads")); d.HasError() {
		t.Fatal(d)
	}
	var elems []tftypes.Value
	_ = tfv.As(&elems)
	dup := tftypes.NewValue(tfv.Type(), append(elems, elems[0]))
	if d := typ.Validate(ctx, dup, path.Root("leads")); !d.HasError() {
		t.Fatal("a duplicate element must be refused")
	}
	v, err := typ.ValueFromTerraform(ctx, tfv)
	if err != nil || !v.(linearSetValue).Equal(set(a, b)) {
		t.Fatalf("round trip: %v %v", v, err)
	}
	var _ attr.Value = v
}
