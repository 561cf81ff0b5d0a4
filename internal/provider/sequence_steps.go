package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// stepModel is one step of sequence_steps, in the campaign resource and
// data source.
type stepModel struct {
	Subject   types.String `tfsdk:"subject"`
	BodyHTML  types.String `tfsdk:"body_html"`
	DelayDays types.Int64  `tfsdk:"delay_days"`
}

// mergeSteps builds the step list from the API, keeping the known
// delay_days when the API does not report delays (one guide only has them).
func mergeSteps(prior []stepModel, got []leadterra.Step) []stepModel {
	if len(got) == 0 {
		if prior == nil {
			return nil
		}
		return []stepModel{}
	}
	out := make([]stepModel, len(got))
	for i, s := range got {
		delay := types.Int64Value(0)
		if i < len(prior) && !prior[i].DelayDays.IsNull() && !prior[i].DelayDays.IsUnknown() {
			delay = prior[i].DelayDays
		}
		if s.DelayDays != nil {
			delay = types.Int64Value(*s.DelayDays)
		}
		out[i] = stepModel{Subject: types.StringValue(s.Subject), BodyHTML: types.StringValue(s.BodyHTML), DelayDays: delay}
	}
	return out
}
