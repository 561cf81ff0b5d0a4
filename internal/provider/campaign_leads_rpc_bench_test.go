package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tfsdklog"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// BenchmarkCampaignLeadsRPCs measures each call Terraform makes for a
// leadterra_campaign_leads of n leads (default 20,000; BENCH_LEADS sets it)
// during a plan and an apply, against the in-process sandbox:
//
//	go test -run '^$' -bench CampaignLeadsRPCs -benchmem -benchtime 5x ./internal/provider
//
// read includes the sandbox's lead listing (n/100 pages), apply-one one
// bulk request: what remains is the provider's and the framework's share.
func BenchmarkCampaignLeadsRPCs(b *testing.B) {
	n := 20000
	if s := os.Getenv("BENCH_LEADS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	key := "sk_test_bench"
	sb := sandbox.New(sandbox.Options{Keys: []string{key}, Seed: true})
	srv := httptest.NewServer(sb)
	b.Cleanup(srv.Close)

	server, err := NewServer(New("bench")())
	if err != nil {
		b.Fatal(err)
	}
	ctx := tfsdklog.NewRootSDKLogger(tfsdklog.ContextWithTestLogging(context.Background(), b.Name()), tfsdklog.WithLevelFromEnv("TF_LOG_SDK"))
	schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	pcfg := objectValue(b, schema.Provider.ValueType(), map[string]tftypes.Value{"api_key": str(key), "base_url": str(srv.URL)})
	if resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.12.6", Config: &pcfg}); err != nil || hasError(resp.Diagnostics) {
		b.Fatalf("configure: %v %+v", err, resp.Diagnostics)
	}

	typ := schema.ResourceSchemas[campaignLeadsType].ValueType().(tftypes.Object)
	leadsT := typ.AttributeTypes["leads"].(tftypes.Map)
	campaign := sandbox.SeedCampaignID
	fields := func(i, changed int) map[string]string {
		// A row of csvdecode: every column, some empty.
		f := map[string]string{
			"email": fmt.Sprintf("lead%05d@example.com", i), "first_name": fmt.Sprintf("Lead %d", i), "last_name": "",
			"company": fmt.Sprintf("Company %d", i%97), "job_title": "VP Sales", "segment": "s1",
		}
		if i == changed {
			f["first_name"] = "Changed"
		}
		return f
	}
	leads := func(changed int) tftypes.Value {
		elems := make(map[string]tftypes.Value, n)
		for i := range n {
			f := map[string]tftypes.Value{}
			for k, v := range fields(i, changed) {
				f[k] = str(v)
			}
			elems[fmt.Sprintf("lead%05d@example.com", i)] = tftypes.NewValue(leadsT.ElementType, f)
		}
		return tftypes.NewValue(leadsT, elems)
	}
	num := func(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	// Terraform encodes maps with sorted keys, as encodeLeadsObject does
	// (tftypes' encoder follows Go's map order): the same leads in the
	// prior state, proposed state and configuration are the same bytes.
	dv := func(attrs map[string]tftypes.Value) *tfprotov6.DynamicValue {
		v := objectValue(b, typ, attrs)
		obj, err := v.Unmarshal(typ)
		if err != nil {
			b.Fatal(err)
		}
		sorted, err := encodeLeadsObject(typ, obj)
		if err != nil {
			b.Fatal(err)
		}
		return sorted
	}
	same, changed := leads(-1), leads(n/2)
	config := dv(map[string]tftypes.Value{"campaign_id": str(campaign), "leads": same})
	configChanged := dv(map[string]tftypes.Value{"campaign_id": str(campaign), "leads": changed})
	stateAttrs := func(l tftypes.Value) map[string]tftypes.Value {
		return map[string]tftypes.Value{
			"id": str(campaign), "campaign_id": str(campaign), "batch_size": num(DefaultLeadBatchSize), "leads": l,
			"enrolled_count": num(int64(n)), "updated_count": num(0), "skipped_count": num(0),
			"skipped_emails": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{}),
		}
	}
	// Terraform proposes the configuration with computed values from the
	// prior state; here the prior state is what the create below stores.
	proposed, proposedChanged := dv(stateAttrs(same)), dv(stateAttrs(changed))

	null, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	if err != nil {
		b.Fatal(err)
	}
	planResp := func(prior, prop, cfg *tfprotov6.DynamicValue) *tfprotov6.PlanResourceChangeResponse {
		resp, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: campaignLeadsType, PriorState: prior, ProposedNewState: prop, Config: cfg})
		if err != nil || hasError(resp.Diagnostics) {
			b.Fatalf("plan: %v %+v", err, resp.Diagnostics)
		}
		return resp
	}
	apply := func(prior, planned, cfg *tfprotov6.DynamicValue) *tfprotov6.DynamicValue {
		resp, err := server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: campaignLeadsType, PriorState: prior, PlannedState: planned, Config: cfg})
		if err != nil || hasError(resp.Diagnostics) {
			b.Fatalf("apply: %v %+v", err, resp.Diagnostics)
		}
		return resp.NewState
	}
	// Enroll the leads once, as the first apply does.
	state := apply(&null, planResp(&null, config, config).PlannedState, config)

	rawJSON := map[string]any{
		"id": campaign, "campaign_id": campaign, "batch_size": DefaultLeadBatchSize,
		"enrolled_count": n, "updated_count": 0, "skipped_count": 0, "skipped_emails": []string{},
	}
	jl := make(map[string]map[string]string, n)
	for i := range n {
		jl[fmt.Sprintf("lead%05d@example.com", i)] = fields(i, -1)
	}
	rawJSON["leads"] = jl
	raw, err := json.Marshal(rawJSON)
	if err != nil {
		b.Fatal(err)
	}

	run := func(name string, f func()) {
		b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
			b.ReportAllocs()
			peak := 0.0
			for b.Loop() {
				peak = max(peak, heapGrowthMB(f))
			}
			b.ReportMetric(peak, "peak-heap-MB")
		})
	}
	run("validate", func() {
		resp, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: campaignLeadsType, Config: config})
		if err != nil || hasError(resp.Diagnostics) {
			b.Fatalf("validate: %v %+v", err, resp.Diagnostics)
		}
	})
	run("upgrade", func() {
		resp, err := server.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: campaignLeadsType, RawState: &tfprotov6.RawState{JSON: raw}})
		if err != nil || hasError(resp.Diagnostics) {
			b.Fatalf("upgrade: %v %+v", err, resp.Diagnostics)
		}
	})
	run("read", func() {
		resp, err := server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: campaignLeadsType, CurrentState: state})
		if err != nil || hasError(resp.Diagnostics) || resp.NewState == nil {
			b.Fatalf("read: %v %+v", err, resp.Diagnostics)
		}
	})
	run("plan-nochange", func() { planResp(state, proposed, config) })
	run("plan-one", func() { planResp(state, proposedChanged, configChanged) })
	planned := planResp(state, proposedChanged, configChanged).PlannedState
	run("apply-one", func() { apply(state, planned, configChanged) })
}

// heapGrowthMB runs f and returns how far the heap's objects grew above
// their size before it, sampled every millisecond: the memory one call
// needs, garbage included, without the benchmark's own values.
func heapGrowthMB(f func()) float64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	var top atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if v := read(); v > top.Load() {
				top.Store(v)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(done)
	<-stopped
	if top.Load() < base {
		return 0
	}
	return float64(top.Load()-base) / (1 << 20)
}
