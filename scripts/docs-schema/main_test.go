package main

import (
	"encoding/json"
	"testing"
)

func TestMergeRekeysAndAddsServedSchemas(t *testing.T) {
	served, err := servedSchemas()
	if err != nil {
		t.Fatal(err)
	}
	cli := `{"format_version":"1.0","provider_schemas":{"registry.opentofu.org/leadterra/leadterra":{"resource_schemas":{"leadterra_campaign":{}}}}}`
	out, err := merge([]byte(cli), served)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		FormatVersion string `json:"format_version"`
		Providers     map[string]struct {
			Resources map[string]any `json:"resource_schemas"`
			Lists     map[string]any `json:"list_resource_schemas"`
			Actions   map[string]any `json:"action_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	p, ok := doc.Providers[providerName]
	if !ok || len(doc.Providers) != 1 || doc.FormatVersion != "1.0" {
		t.Fatalf("provider not re-keyed to %q: %s", providerName, out)
	}
	for _, name := range []string{"leadterra_campaign", "leadterra_webhook"} {
		if p.Lists[name] == nil {
			t.Errorf("list resource %s missing", name)
		}
	}
	for _, name := range []string{"leadterra_campaign_start", "leadterra_campaign_pause", "leadterra_reply_assign"} {
		if p.Actions[name] == nil {
			t.Errorf("action %s missing", name)
		}
	}
	if p.Resources["leadterra_campaign"] == nil {
		t.Error("the CLI's resource schemas were lost")
	}
}

func TestMergeRefusesAnAmbiguousExport(t *testing.T) {
	cli := `{"provider_schemas":{"registry.opentofu.org/leadterra/leadterra":{},"registry.terraform.io/leadterra/leadterra":{}}}`
	if _, err := merge([]byte(cli), map[string]any{}); err == nil {
		t.Fatal("two leadterra providers: want an error")
	}
}
