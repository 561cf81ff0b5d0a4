package leadterra

import "context"

// The completions are the undocumented endpoints the provider tries first;
// where one is missing it falls back on the documented API (DESIGN.md,
// "Completions and fallbacks"). This file holds that rule, once.

// offered reports whether a completion is still believed offered, and
// remember marks it missing for the rest of the run.
func (c *Client) offered(capability string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.notOffered[capability]
}

func (c *Client) remember(capability string) error {
	c.mu.Lock()
	c.notOffered[capability] = true
	c.mu.Unlock()
	return &NotOfferedError{Capability: capability}
}

// Offered reports whether a completion has not (yet) been found missing.
func (c *Client) Offered(capability string) bool { return c.offered(capability) }

// completion runs a request to an undocumented endpoint that has no
// documented existence check (webhooks, the suppression list): a remembered
// or fresh 405/501, or a 404 that names no object, becomes NotOfferedError.
func (c *Client) completion(ctx context.Context, capability string, req request) ([]byte, error) {
	if !c.offered(capability) {
		return nil, &NotOfferedError{Capability: capability}
	}
	raw, err := c.do(ctx, req)
	if err != nil && routeMissing(err) {
		return nil, c.remember(capability)
	}
	return raw, err
}

// Presence is what a completion on one campaign came to.
type Presence int

const (
	// Found: the completion answered.
	Found Presence = iota
	// Gone: the documented stats endpoint answers campaign_not_found.
	Gone
	// ExistsNotOffered: the stats endpoint shows the campaign exists, but
	// the API does not offer the completion.
	ExistsNotOffered
)

func (p Presence) String() string {
	switch p {
	case Found:
		return "found"
	case Gone:
		return "gone"
	case ExistsNotOffered:
		return "exists, completion not offered"
	}
	return "unknown"
}

// campaignCompletion runs call, a request to a completion on one campaign,
// and falls back on the campaign's documented stats endpoint whenever the
// completion does not answer: because it is remembered missing, because it
// answers 405 or 501, or because it answers 404. A 404 may mean the route
// or the campaign, so stats decides: only a campaign that stats shows to
// exist turns the completion off for the rest of the run, and one deleted
// campaign never does. Stats is asked at most once. Any other failure of
// call or of stats (401, 403, workspace_not_found, 5xx) is returned as is:
// it proves nothing.
func (c *Client) campaignCompletion(ctx context.Context, campaignID, capability string, call func() error) (Presence, error) {
	var routeErr error
	if c.offered(capability) {
		routeErr = call()
		switch {
		case routeErr == nil:
			return Found, nil
		case !routeMissing(routeErr) && !IsObjectNotFound(routeErr):
			return 0, routeErr
		case !IsNotFound(routeErr):
			_ = c.remember(capability) // 405, 501: the route is missing whatever stats says
		}
	}
	_, err := c.GetCampaignStats(ctx, campaignID)
	switch {
	case IsObjectNotFound(err):
		return Gone, nil
	case err != nil:
		return 0, err
	}
	if routeErr != nil {
		_ = c.remember(capability)
	}
	return ExistsNotOffered, nil
}
