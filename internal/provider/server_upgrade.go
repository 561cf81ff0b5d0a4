package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// UpgradeResourceState answers for a state saved at the schema's current
// version, as the framework would, without the framework. The CLI asks for
// every resource before each plan, and the framework, to hand the state
// back unchanged, builds a path for every value twice over (about a tenth of
// the provider's CPU in a plan of 500 campaigns; 850 MB of garbage for
// 20,000 leads, which decode here straight into Go maps). Older versions,
// flatmap states and schemas with blocks go to the framework.
func (s *leadsServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	if req.RawState == nil || len(req.RawState.JSON) == 0 {
		return s.frameworkServer.UpgradeResourceState(ctx, req)
	}
	types, err := s.resourceTypes(ctx)
	rt, ok := types[req.TypeName]
	if err != nil || !ok || !rt.blockFree || req.Version != rt.version {
		return s.frameworkServer.UpgradeResourceState(ctx, req)
	}
	var state tftypes.Value
	if req.TypeName == campaignLeadsType {
		state, err = leadsStateFromJSON(rt.typ, req.RawState.JSON)
	} else {
		state, err = tftypes.ValueFromJSONWithOpts(req.RawState.JSON, rt.typ, tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true})
	}
	if err != nil {
		return upgradeFailed("Unable to read the saved state of "+req.TypeName,
			fmt.Sprintf("The saved state does not match the resource's schema: %s. If you edited the state by hand, restore it; otherwise please report this to the provider's developers.", err)), nil
	}
	var dv *tfprotov6.DynamicValue
	if req.TypeName == campaignLeadsType {
		dv, err = encodeLeadsObject(rt.typ, state)
	} else {
		var enc tfprotov6.DynamicValue
		enc, err = tfprotov6.NewDynamicValue(rt.typ, state)
		dv = &enc
	}
	if err != nil {
		return upgradeFailed("Unable to hand back the saved state of "+req.TypeName,
			fmt.Sprintf("Encoding the saved state failed: %s. This is a bug in the provider; please report it.", err)), nil
	}
	return &tfprotov6.UpgradeResourceStateResponse{UpgradedState: dv}, nil
}

func upgradeFailed(summary, detail string) *tfprotov6.UpgradeResourceStateResponse {
	return &tfprotov6.UpgradeResourceStateResponse{Diagnostics: []*tfprotov6.Diagnostic{{
		Severity: tfprotov6.DiagnosticSeverityError, Summary: summary, Detail: detail,
	}}}
}
