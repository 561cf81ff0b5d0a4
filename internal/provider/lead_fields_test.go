package provider

import (
	"maps"
	"slices"
	"testing"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// The names in leads are derived from the API's one list of fields.
func TestLeadFieldNames(t *testing.T) {
	if want := []string{"first_name", "last_name", "company", "job_title"}; !slices.Equal(standardLeadFields, want) {
		t.Errorf("standardLeadFields = %v, want %v", standardLeadFields, want)
	}
	for name, api := range map[string]string{"first_name": "firstName", "job_title": "jobTitle", "company": "company", "use_case": "use_case"} {
		if got := apiFieldName(name); got != api {
			t.Errorf("apiFieldName(%q) = %q, want %q", name, got, api)
		}
	}
	want := map[string]string{"email": "email", "firstname": "first_name", "lastname": "last_name", "company": "company", "jobtitle": "job_title", "customfields": "custom_fields"}
	if !maps.Equal(reservedLeadKeys, want) {
		t.Errorf("reservedLeadKeys = %v, want %v", reservedLeadKeys, want)
	}
	l := lm("Ann@X.io", "", map[string]string{"first_name": "Ann", "job_title": "CTO", "tier": "gold"})
	got := l.toAPI(nil)
	if got.FirstName != "Ann" || got.JobTitle != "CTO" || got.CustomFields["tier"] != "gold" || len(got.CustomFields) != 1 {
		t.Errorf("toAPI = %+v", got)
	}
	if apiField(leadterra.Lead{LastName: "Lee"}, "last_name") != "Lee" {
		t.Error("apiField does not read a standard field")
	}
	if !sameEmail("Ann@X.io", "ann@x.IO") || emailKey("Ann@X.io") != "ann@x.io" {
		t.Error("addresses are one ignoring case")
	}
}
