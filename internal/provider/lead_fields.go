package provider

import (
	"slices"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// The fields of a lead in leads are the API's standard fields in snake case
// (first_name for firstName), and an optional "email" echoing the key;
// every other name is a custom field. The API's list
// (leadterra.StandardLeadFields) is the only one: everything here is
// derived from it.

// leadFieldsType is the type of one leads map element.
var leadFieldsType = types.MapType{ElemType: types.StringType}

// standardLeadFields are the names in leads of the standard fields other
// than email: first_name, last_name, company, job_title.
var standardLeadFields = func() []string {
	var out []string
	for _, api := range leadterra.StandardLeadFields {
		if api != "email" {
			out = append(out, snakeCase(api))
		}
	}
	return out
}()

func isStandardLeadField(name string) bool { return slices.Contains(standardLeadFields, name) }

// apiFieldName is how the API spells a standard field of leads; custom
// fields keep their name.
func apiFieldName(name string) string {
	if api, ok := apiFieldNames[name]; ok {
		return api
	}
	return name
}

var apiFieldNames = func() map[string]string {
	m := map[string]string{}
	for _, api := range leadterra.StandardLeadFields {
		m[snakeCase(api)] = api
	}
	return m
}()

func snakeCase(camel string) string {
	var b strings.Builder
	for _, r := range camel {
		if unicode.IsUpper(r) {
			b.WriteByte('_')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// reservedLeadKeys maps folded names to the field of leads that holds them:
// a custom field by such a name would shadow a standard field, which the
// API reads from the same top-level keys (one documented custom-field
// form); customfields is the wire format's own key.
var reservedLeadKeys = func() map[string]string {
	m := map[string]string{"customfields": "custom_fields"}
	for _, api := range leadterra.StandardLeadFields {
		m[leadterra.FoldName(api)] = snakeCase(api)
	}
	return m
}()

// standardFieldList is "email, first_name, last_name, company, job_title".
func standardFieldList() string {
	return "email, " + strings.Join(standardLeadFields, ", ")
}
