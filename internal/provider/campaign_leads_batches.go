package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/leadterra/terraform-provider-leadterra/internal/diagnostics"
	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// upsertOutcome is what the batches the API accepted achieved.
type upsertOutcome struct {
	counts  leadterra.BulkResult
	sent    []leadModel
	skipped map[string]string // key → configured address of each lead skipped
	unnamed int64             // leads the API left out without naming them
}

func (o upsertOutcome) skippedCount() int64 { return int64(len(o.skipped)) + o.unnamed }

// upsertLeads sends leads in batches of size; prior holds the state's
// version of each lead, for custom fields to clear. It stops at the first
// failure, which it reports, and returns false: the outcome then covers the
// batches that went through.
func upsertLeads(ctx context.Context, client *leadterra.Client, campaignID string, leads []leadModel, prior map[string]leadModel, size int, op diagnostics.Op, diags *diag.Diagnostics) (upsertOutcome, bool) {
	out := upsertOutcome{skipped: map[string]string{}}
	var unnamedFrom []leadModel
	for start := 0; start < len(leads); start += size {
		batch := leads[start:min(start+size, len(leads))]
		body := make([]leadterra.Lead, len(batch))
		for i, l := range batch {
			var p *leadModel
			if old, ok := prior[l.key()]; ok {
				p = &old
			}
			body[i] = l.toAPI(p)
		}
		res, err := client.UpsertLeads(ctx, campaignID, body)
		if err != nil {
			diags.Append(upsertFailure(op, err, batch, len(out.sent)))
			return out, false
		}
		out.counts.Add(res)
		out.sent = append(out.sent, batch...)
		inBatch := keyed(batch)
		if len(res.SkippedEmails) > 0 {
			for _, e := range res.SkippedEmails {
				if l, ok := inBatch[emailKey(e)]; ok {
					out.skipped[l.key()] = l.Email.ValueString()
				}
			}
			continue
		}
		// Only one page documents `skipped`; elsewhere a lead neither
		// enrolled nor updated was left out (the set holds no duplicates),
		// unless the answer gave no count to tell.
		n := res.Skipped
		switch {
		case res.SkippedReported:
		case res.EnrolledUnknown:
			n = 0
			tflog.Debug(ctx, "bulk answer without enrolled or total: cannot tell whether leads were skipped", map[string]any{"campaign_id": campaignID, "batch": len(batch)})
		default:
			n = int64(len(batch)) - res.Enrolled - res.Updated
		}
		if n > 0 {
			out.unnamed += n
			unnamedFrom = append(unnamedFrom, batch...)
		}
	}
	if out.unnamed > 0 {
		out.nameSkipped(ctx, client, campaignID, unnamedFrom)
	}
	return out, true
}

// nameSkipped finds which leads were left out unnamed, through the lead
// listing where offered. It trusts the listing only when it agrees with the
// API's count; naming is best effort, so a failure only keeps the count.
func (o *upsertOutcome) nameSkipped(ctx context.Context, client *leadterra.Client, campaignID string, candidates []leadModel) {
	if !client.Offered(leadterra.CapLeadsList) {
		return
	}
	listed, presence, err := client.ListLeads(ctx, campaignID)
	if err != nil || presence != leadterra.Found {
		fields := map[string]any{"presence": presence.String()}
		if err != nil {
			fields = errorLogFields(err)
		}
		tflog.Debug(ctx, "could not list leads to name the skipped ones", fields)
		return
	}
	enrolled := map[string]bool{}
	for _, l := range listed {
		enrolled[emailKey(l.Email)] = true
	}
	missing := map[string]string{}
	for _, l := range candidates {
		if !enrolled[l.key()] {
			missing[l.key()] = l.Email.ValueString()
		}
	}
	if int64(len(missing)) != o.unnamed {
		return
	}
	for k, e := range missing {
		o.skipped[k] = e
	}
	o.unnamed = 0
}

func warnSkipped(campaignID string, out upsertOutcome, diags *diag.Diagnostics) {
	if out.skippedCount() == 0 {
		return
	}
	named := slices.Sorted(maps.Values(out.skipped))
	diags.Append(skippedWarning(campaignID, named, out.unnamed))
}

// skippedWarning explains leads the API did not enroll (suppressed).
func skippedWarning(campaignID string, named []string, unnamed int64) diag.Diagnostic {
	total := int64(len(named)) + unnamed
	var b strings.Builder
	if len(named) > 0 {
		fmt.Fprintf(&b, "Leadterra did not enroll these leads in campaign %q: their addresses are on the workspace suppression list, so they receive no email:\n%s\n\n", campaignID, diagnostics.BulletList(named))
		b.WriteString("They stay in this resource's state (listed in skipped_emails), so the next plan stays empty. Remove them from leads, or lift their suppression in the Leadterra dashboard and then change any attribute of the lead so that Terraform sends it again.")
	}
	if unnamed > 0 {
		also := ""
		if b.Len() > 0 {
			b.WriteString("\n\n")
			also = " also"
		}
		fmt.Fprintf(&b, "Leadterra%s left out %d lead(s) of campaign %q without saying which (most likely addresses on the workspace suppression list), and this API cannot list enrolled leads to find out. Check the suppression list in the Leadterra dashboard.", also, unnamed, campaignID)
	}
	return diag.NewWarningDiagnostic(fmt.Sprintf("Leadterra skipped %d suppressed lead(s)", total), b.String())
}

// upsertFailure is the diagnostic of a failed batch: the API error, the
// leads a 422 names (diagnostics lists them by address, from the batch
// sent), and what went through before it.
func upsertFailure(op diagnostics.Op, err error, batch []leadModel, done int) diag.Diagnostic {
	op.ItemKind = "leads"
	op.Items = make([]string, len(batch))
	for i, l := range batch {
		op.Items[i] = l.Email.ValueString()
	}
	if done > 0 {
		op.Hint = fmt.Sprintf("The %d lead(s) of the earlier batches were sent before this failure. The state records them, so the next apply sends only what is missing and a destroy unenrolls them. Applying again is safe: the API upserts by email, so nobody is enrolled twice.", done)
	}
	return diagnostics.FromError(op, err)
}

// removeLeads unenrolls in chunks of size. It stops at the first chunk the
// API did not unenroll (an error, or a Presence other than Found) and
// returns how many addresses were unenrolled before it.
func removeLeads(ctx context.Context, client *leadterra.Client, campaignID string, emails []string, size int) (int, leadterra.Presence, error) {
	for start := 0; start < len(emails); start += size {
		chunk := emails[start:min(start+size, len(emails))]
		if p, err := client.RemoveLeads(ctx, campaignID, chunk); err != nil || p != leadterra.Found {
			return start, p, err
		}
	}
	return len(emails), leadterra.Found, nil
}

// staysEnrolledWarning is the fallback where the API cannot unenroll.
func staysEnrolledWarning(campaignID string, emails []string, destroy bool) diag.Diagnostic {
	what := "They were removed from leads, so Terraform no longer manages them"
	if destroy {
		what = "Terraform removed this leadterra_campaign_leads resource from state"
	}
	return diag.NewWarningDiagnostic(
		fmt.Sprintf("%d lead(s) stay enrolled in campaign %q", len(emails), campaignID),
		fmt.Sprintf("The Leadterra API offers no way to unenroll leads (there is no DELETE /v1/campaigns/:id/leads). %s, but these leads remain enrolled and keep receiving the campaign's emails:\n%s\n\n"+
			"Unenroll them in the Leadterra dashboard, or pause the campaign if they must not be emailed.", what, diagnostics.BulletList(emails)))
}

// listingCutWarning explains a lead listing that stopped before its end:
// the leads it did not show keep their last known state.
func listingCutWarning(campaignID string, cut *leadterra.ListTruncatedError, managed int) diag.Diagnostic {
	return diag.NewWarningDiagnostic(
		fmt.Sprintf("The lead listing of campaign %q was cut short", campaignID),
		fmt.Sprintf("Leadterra's lead listing (GET %s) stopped after %d lead(s) in %d page(s): %s. "+
			"Terraform refreshed the leads it saw; those of the %d this resource manages that it did not see keep their last known state, so they are neither planned again nor dropped. "+
			"Changes made outside Terraform to the unseen leads are not detected on this run.", cut.Path, cut.Cut.Read, cut.Cut.Pages, cut.Cut.Reason, managed))
}
