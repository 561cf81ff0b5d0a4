package provider

import "sync"

// stepsCache holds the subjects and bodies of the campaigns this provider
// process has read or written, by campaign id. One process serves a plan's
// refresh and its plan walk, so a leadterra_campaign_leads plan can check
// its leads against its campaign's steps without another request
// (campaign_leads_template_check.go).
//
// It also holds how many leads a leadterra_campaign_leads plan of this run
// puts in each campaign, for the capacity check of a launch planned after
// it (campaign_launch_capacity.go).
type stepsCache struct {
	mu      sync.Mutex
	m       map[string][]string
	planned map[string]int
}

// rememberSteps records a campaign's steps as the campaign resource last
// read or wrote them. Safe on a nil providerData (validation runs before
// configuration).
func (d *providerData) rememberSteps(campaignID string, steps []stepModel) {
	if d == nil || campaignID == "" {
		return
	}
	templates := make([]string, 0, 2*len(steps))
	for _, s := range steps {
		templates = append(templates, s.Subject.ValueString(), s.BodyHTML.ValueString())
	}
	d.steps.mu.Lock()
	defer d.steps.mu.Unlock()
	if d.steps.m == nil {
		d.steps.m = map[string][]string{}
	}
	d.steps.m[campaignID] = templates
}

// cachedSteps returns the templates recorded for a campaign, if any.
func (d *providerData) cachedSteps(campaignID string) ([]string, bool) {
	if d == nil {
		return nil, false
	}
	d.steps.mu.Lock()
	defer d.steps.mu.Unlock()
	t, ok := d.steps.m[campaignID]
	return t, ok
}

// rememberPlannedLeads records how many leads a campaign_leads plan puts in
// a campaign.
func (d *providerData) rememberPlannedLeads(campaignID string, n int) {
	if d == nil {
		return
	}
	d.steps.mu.Lock()
	defer d.steps.mu.Unlock()
	if d.steps.planned == nil {
		d.steps.planned = map[string]int{}
	}
	d.steps.planned[campaignID] = n
}

// plannedLeads returns what rememberPlannedLeads recorded (0 if nothing).
func (d *providerData) plannedLeads(campaignID string) int {
	if d == nil {
		return 0
	}
	d.steps.mu.Lock()
	defer d.steps.mu.Unlock()
	return d.steps.planned[campaignID]
}
