package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
)

var _ resource.ResourceWithModifyPlan = (*campaignLaunchResource)(nil)

// requireCapacityDescription documents require_capacity and the check.
const requireCapacityDescription = "When a plan would start (or resume) the campaign, it compares the campaign's enrolled leads with what the workspace's sender pools can still send today, " +
	"the sum of their remaining volume (`GET /v1/sender-pools`). The enrolled leads are the larger of the campaign's `totalEnrolled` (`GET /v1/campaigns/:id/stats`) " +
	"and the number of leads a `leadterra_campaign_leads` of this configuration plans for it (it must be planned first: `depends_on`, as the example shows). " +
	"When they exceed the remaining volume, the plan warns with both numbers: not every lead can get the first email today. " +
	"With `require_capacity = true` that is an error instead, and so is a failure to read the numbers. Nothing is read when the plan does not start the campaign, " +
	"A campaign created in the same apply has no id at plan time: it is checked during the apply, when Terraform plans the launch again with the id known, just before the start " +
	"(so `require_capacity = true` still stops the start). Defaults to `false`."

// ModifyPlan checks the pools' capacity when the plan starts the campaign;
// reads only, never a write.
func (r *campaignLaunchResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil || r.data.unknown || r.data.client == nil {
		return
	}
	var plan launchModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !startsCampaign(ctx, req, plan) {
		return
	}
	id := plan.CampaignID.ValueString()
	strict := plan.RequireCapacity.ValueBool()
	enrolled, remaining, pools, err := r.capacity(ctx, id)
	if err != nil {
		if strict {
			diagnostics.Add(&resp.Diagnostics, diagnostics.Op{Action: "check the sending capacity for", Object: campaignObject(id)}, err)
		} else {
			tflog.Debug(ctx, "capacity check skipped: "+err.Error(), map[string]any{"campaign_id": id})
		}
		return
	}
	if enrolled <= remaining {
		return
	}
	summary := fmt.Sprintf("Campaign %q has more leads than the sender pools can send today", id)
	detail := fmt.Sprintf("Starting campaign %q would send to %d enrolled leads, but the workspace's sender pools can send %d more emails today (%s). "+
		"Not every lead can get the first email today. Add sender accounts or pools, start the campaign later, or enroll fewer leads.",
		id, enrolled, remaining, strings.Join(pools, ", "))
	if strict {
		resp.Diagnostics.AddAttributeError(path.Root("require_capacity"), summary, detail+" (require_capacity = true makes this an error; remove it to start anyway.)")
		return
	}
	resp.Diagnostics.AddAttributeWarning(path.Root("campaign_id"), summary, detail+" (Set require_capacity = true to refuse to start in this case.)")
}

// startsCampaign: the plan creates the launch running, replaces it with
// another campaign, or resumes a paused one.
func startsCampaign(ctx context.Context, req resource.ModifyPlanRequest, plan launchModel) bool {
	if plan.Paused.IsUnknown() || plan.Paused.ValueBool() || plan.CampaignID.IsUnknown() {
		return false
	}
	if req.State.Raw.IsNull() {
		return true
	}
	var paused types.Bool
	var campaignID types.String
	if req.State.GetAttribute(ctx, path.Root("paused"), &paused).HasError() || req.State.GetAttribute(ctx, path.Root("campaign_id"), &campaignID).HasError() {
		return false
	}
	return paused.ValueBool() || !campaignID.Equal(plan.CampaignID)
}

// capacity reads the enrolled leads and the pools' remaining volume.
func (r *campaignLaunchResource) capacity(ctx context.Context, id string) (enrolled, remaining int64, pools []string, err error) {
	stats, err := r.data.client.GetCampaignStats(ctx, id)
	if err != nil {
		return 0, 0, nil, err
	}
	enrolled = max(stats.TotalEnrolled, int64(r.data.plannedLeads(id)))
	list, err := r.data.client.ListSenderPools(ctx)
	if err != nil {
		return 0, 0, nil, err
	}
	for _, p := range list {
		remaining += p.RemainingVolume
		pools = append(pools, fmt.Sprintf("%s: %d", p.Name, p.RemainingVolume))
	}
	if len(pools) == 0 {
		pools = []string{"no sender pool"}
	}
	return enrolled, remaining, pools, nil
}

// unchangedLaunch reports an update that changes only require_capacity:
// there is nothing to start or pause.
func unchangedLaunch(plan, state launchModel) bool {
	return plan.Paused.Equal(state.Paused) && plan.CampaignID.Equal(state.CampaignID)
}
