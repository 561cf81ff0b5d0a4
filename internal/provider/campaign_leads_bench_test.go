package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tfsdklog"
)

// BenchmarkCampaignLeadsPlan measures what the provider and the plugin
// framework spend on one plan of a leadterra_campaign_leads with n leads:
// validating the configuration, then planning a create and an update of one
// lead (no API call is involved). Terraform runs these several times per
// apply; a linear cost is what lets 10,000 leads simply work.
//
//	go test -run '^$' -bench CampaignLeadsPlan -benchtime 3x ./internal/provider
//
// TF_LOG_SDK_FRAMEWORK=TRACE shows the framework's quadratic trace path that
// LimitSDKLogs avoids.
func BenchmarkCampaignLeadsPlan(b *testing.B) {
	server, err := NewServer(New("bench")())
	if err != nil {
		b.Fatal(err)
	}
	// Logging set up as the plugin server does for each call, so that the
	// framework's own log level applies as it does under Terraform.
	ctx := tfsdklog.NewRootSDKLogger(tfsdklog.ContextWithTestLogging(context.Background(), b.Name()), tfsdklog.WithLevelFromEnv("TF_LOG_SDK"))
	schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	typ := schema.ResourceSchemas[campaignLeadsType].ValueType().(tftypes.Object)
	leadsT := typ.AttributeTypes["leads"].(tftypes.Map)
	object := func(attrs map[string]tftypes.Value) *tfprotov6.DynamicValue {
		dv := objectValue(b, typ, attrs)
		return &dv
	}
	leads := func(n, changed int) tftypes.Value {
		elems := make(map[string]tftypes.Value, n)
		for i := range n {
			first := fmt.Sprintf("Lead %d", i)
			if i == changed {
				first = "Changed"
			}
			elems[fmt.Sprintf("lead%05d@example.com", i)] = tftypes.NewValue(leadsT.ElementType, map[string]tftypes.Value{
				"first_name": str(first), "company": str(fmt.Sprintf("Company %d", i%97)), "segment": str("s1"),
			})
		}
		return tftypes.NewValue(leadsT, elems)
	}
	num := func(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	plan := func(prior, config *tfprotov6.DynamicValue) {
		resp, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
			TypeName: campaignLeadsType, PriorState: prior, ProposedNewState: config, Config: config,
		})
		if err != nil || hasError(resp.Diagnostics) {
			b.Fatalf("plan: %v %+v", err, resp.Diagnostics)
		}
	}
	for _, n := range []int{1000, 10000} {
		config := object(map[string]tftypes.Value{"campaign_id": str("camp_1"), "leads": leads(n, -1)})
		changed := object(map[string]tftypes.Value{"campaign_id": str("camp_1"), "leads": leads(n, n/2)})
		null, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
		if err != nil {
			b.Fatal(err)
		}
		state := object(map[string]tftypes.Value{
			"id": str("camp_1"), "campaign_id": str("camp_1"), "batch_size": num(DefaultLeadBatchSize), "leads": leads(n, -1),
			"enrolled_count": num(int64(n)), "updated_count": num(0), "skipped_count": num(0),
			"skipped_emails": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{}),
		})
		b.Run(fmt.Sprintf("validate/%d", n), func(b *testing.B) {
			for b.Loop() {
				resp, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: campaignLeadsType, Config: config})
				if err != nil || hasError(resp.Diagnostics) {
					b.Fatalf("validate: %v %+v", err, resp.Diagnostics)
				}
			}
		})
		b.Run(fmt.Sprintf("plan-create/%d", n), func(b *testing.B) {
			for b.Loop() {
				plan(&null, config)
			}
		})
		b.Run(fmt.Sprintf("plan-update-one/%d", n), func(b *testing.B) {
			for b.Loop() {
				plan(state, changed)
			}
		})
	}
}
