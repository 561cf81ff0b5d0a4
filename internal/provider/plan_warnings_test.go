package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// planWarnings records the warnings the provider returns from plans made by
// the CLI, which the testing framework does not expose: a test asserts
// them with expectPlanWarning in its ConfigPlanChecks.
type planWarnings struct {
	mu       sync.Mutex
	warnings []string // "summary: detail"
}

// factories serve the provider as usual, recording plan warnings.
func (w *planWarnings) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"leadterra": func() (tfprotov6.ProviderServer, error) {
			s, err := NewServer(New("test")())
			return warningRecorder{ProviderServer: s, log: w}, err
		},
	}
}

// reset forgets what was recorded (call it from a step's PreConfig).
func (w *planWarnings) reset() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.warnings = nil
}

func (w *planWarnings) matching(re *regexp.Regexp) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, s := range w.warnings {
		if re.MatchString(s) {
			out = append(out, s)
		}
	}
	return out
}

type warningRecorder struct {
	tfprotov6.ProviderServer
	log *planWarnings
}

func (r warningRecorder) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := r.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		r.log.mu.Lock()
		for _, d := range resp.Diagnostics {
			if d.Severity == tfprotov6.DiagnosticSeverityWarning {
				r.log.warnings = append(r.log.warnings, d.Summary+": "+d.Detail)
			}
		}
		r.log.mu.Unlock()
	}
	return resp, err
}

// expectPlanWarning checks, once the plan is made, that count warnings
// recorded since the last reset match re (count 0: none does).
func expectPlanWarning(w *planWarnings, re *regexp.Regexp, count int) plancheck.PlanCheck {
	return planWarningCheck{w: w, re: re, count: count}
}

type planWarningCheck struct {
	w     *planWarnings
	re    *regexp.Regexp
	count int
}

func (c planWarningCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if got := c.w.matching(c.re); len(got) != c.count {
		c.w.mu.Lock()
		all := strings.Join(c.w.warnings, "\n")
		c.w.mu.Unlock()
		resp.Error = fmt.Errorf("want %d plan warning(s) matching %s, got %d; all plan warnings:\n%s", c.count, c.re, len(got), all)
	}
}
