package leadterra

import (
	"context"
	"encoding/json"
	"net/http"
)

// Capability names of the campaign completions (§3).
const (
	CapCampaignRead   = "GET /v1/campaigns/:id"
	CapCampaignList   = "GET /v1/campaigns"
	CapCampaignUpdate = "PATCH /v1/campaigns/:id"
	CapCampaignDelete = "DELETE /v1/campaigns/:id"
)

// Campaign statuses. The webhooks page says "active" where every other page
// says "running"; decoding maps it to StatusRunning.
const (
	StatusDraft   = "draft"
	StatusRunning = "running"
	StatusPaused  = "paused"
)

// Step is one email of a sequence. DelayDays is nil when the API did not
// report it (it appears in one guide only).
type Step struct {
	Subject   string `json:"subject"`
	BodyHTML  string `json:"bodyHtml"`
	DelayDays *int64 `json:"delayDays,omitempty"`
}

// Campaign is a campaign as the API reports it. Timestamps are normalised
// whole-second RFC 3339.
type Campaign struct {
	ID        string
	Name      string
	Status    string
	Steps     []Step
	CreatedAt string
	StartedAt string
	PausedAt  string
}

// CampaignInput is the body of a create or update.
type CampaignInput struct {
	Name  string `json:"name,omitempty"`
	Steps []Step `json:"sequenceSteps"`
}

type rawStep struct {
	Subject   string   `json:"subject"`
	BodyHTML  string   `json:"bodyHtml"`
	DelayDays *flexInt `json:"delayDays"`
}

type rawCampaign struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Status    string    `json:"status"`
	Steps     []rawStep `json:"sequenceSteps"`
	CreatedAt string    `json:"createdAt"`
	StartedAt string    `json:"startedAt"`
	PausedAt  string    `json:"pausedAt"`
}

// NormalizeStatus maps the "active" synonym to running.
func NormalizeStatus(s string) string {
	if s == "active" {
		return StatusRunning
	}
	return s
}

// DecodeCampaignObject reads one bare campaign object.
func DecodeCampaignObject(b []byte) (Campaign, error) {
	var r rawCampaign
	if err := json.Unmarshal(b, &r); err != nil {
		return Campaign{}, err
	}
	c := Campaign{
		ID: r.ID, Name: r.Name, Status: NormalizeStatus(r.Status),
		CreatedAt: NormalizeTimestamp(r.CreatedAt), StartedAt: NormalizeTimestamp(r.StartedAt), PausedAt: NormalizeTimestamp(r.PausedAt),
	}
	for _, s := range r.Steps {
		st := Step{Subject: s.Subject, BodyHTML: s.BodyHTML}
		if s.DelayDays != nil {
			d := int64(*s.DelayDays)
			st.DelayDays = &d
		}
		c.Steps = append(c.Steps, st)
	}
	return c, nil
}

// DecodeCampaign reads a campaign answer: bare, or under campaign or data.
func DecodeCampaign(b []byte) (Campaign, error) {
	obj, err := decodeObject(b, "id", "campaign", "data")
	if err != nil {
		return Campaign{}, err
	}
	return DecodeCampaignObject(obj)
}

// CampaignState is what start and pause answer.
type CampaignState struct {
	ID        string
	Status    string
	StartedAt string
	PausedAt  string
}

// DecodeCampaignState reads a start or pause answer (bare, or wrapped like a
// campaign).
func DecodeCampaignState(b []byte) (CampaignState, error) {
	c, err := DecodeCampaign(b)
	if err != nil {
		return CampaignState{}, err
	}
	return CampaignState{ID: c.ID, Status: c.Status, StartedAt: c.StartedAt, PausedAt: c.PausedAt}, nil
}

// CampaignStats are the counters of GET /v1/campaigns/:id/stats.
type CampaignStats struct {
	CampaignID    string
	TotalEnrolled int64
	Sent          int64
	Delivered     int64
	Bounced       int64
	Replied       int64
	Queued        int64
	OpenRate      float64
	ReplyRate     float64
}

type rawStats struct {
	CampaignID    string    `json:"campaignId"`
	TotalEnrolled flexInt   `json:"totalEnrolled"`
	Sent          flexInt   `json:"sent"`
	Delivered     flexInt   `json:"delivered"`
	Bounced       flexInt   `json:"bounced"`
	Replied       flexInt   `json:"replied"`
	Queued        flexInt   `json:"queued"`
	OpenRate      flexFloat `json:"openRate"`
	ReplyRate     flexFloat `json:"replyRate"`
}

// DecodeCampaignStats reads a stats answer, bare or under stats or data.
func DecodeCampaignStats(b []byte) (CampaignStats, error) {
	obj, err := decodeObject(b, "campaignId", "stats", "data")
	if err != nil {
		// Stats may come without campaignId; accept any object.
		obj = b
	}
	var r rawStats
	if err := json.Unmarshal(obj, &r); err != nil {
		return CampaignStats{}, err
	}
	return CampaignStats{
		CampaignID: r.CampaignID, TotalEnrolled: int64(r.TotalEnrolled), Sent: int64(r.Sent),
		Delivered: int64(r.Delivered), Bounced: int64(r.Bounced), Replied: int64(r.Replied), Queued: int64(r.Queued),
		OpenRate: float64(r.OpenRate), ReplyRate: float64(r.ReplyRate),
	}, nil
}

func campaignPath(id string) string { return "/v1/campaigns/" + pathEscape(id) }

// CreateCampaign creates a draft. idempotencyKey is sent on every attempt,
// but the documented API shows no such keys, so the create is retried only
// where the server surely did not act; any other failure after sending is an
// OutcomeUnknownError.
func (c *Client) CreateCampaign(ctx context.Context, in CampaignInput, idempotencyKey string) (Campaign, error) {
	return decodeInto(ctx, c, request{method: http.MethodPost, path: "/v1/campaigns", body: in, idempotencyKey: idempotencyKey}, DecodeCampaign)
}

// StartCampaign starts a draft or resumes a paused campaign. It is a no-op
// on a running one, so retrying it is safe.
func (c *Client) StartCampaign(ctx context.Context, id string) (CampaignState, error) {
	return decodeInto(ctx, c, request{method: http.MethodPost, path: campaignPath(id) + "/start", idempotent: true}, DecodeCampaignState)
}

// PauseCampaign pauses a running campaign; a no-op on paused and draft ones,
// so retrying it is safe.
func (c *Client) PauseCampaign(ctx context.Context, id string) (CampaignState, error) {
	return decodeInto(ctx, c, request{method: http.MethodPost, path: campaignPath(id) + "/pause", idempotent: true}, DecodeCampaignState)
}

// GetCampaignStats reads the counters. Its 404 campaign_not_found is the
// documented proof that a campaign is gone.
func (c *Client) GetCampaignStats(ctx context.Context, id string) (CampaignStats, error) {
	return decodeInto(ctx, c, request{method: http.MethodGet, path: campaignPath(id) + "/stats"}, DecodeCampaignStats)
}

// GetCampaign is the GET completion. Use LookupCampaign for the fallback. A
// 405/501 gives a NotOfferedError; a plain 404 is returned as an APIError,
// since only the stats check can tell a missing route from a missing
// campaign.
func (c *Client) GetCampaign(ctx context.Context, id string) (Campaign, error) {
	raw, err := c.objectCompletion(ctx, CapCampaignRead, request{method: http.MethodGet, path: campaignPath(id)})
	if err != nil {
		return Campaign{}, err
	}
	camp, err := DecodeCampaign(raw)
	if err != nil {
		return Campaign{}, &DecodeError{Method: http.MethodGet, Path: campaignPath(id), Err: err}
	}
	return camp, nil
}

// ListCampaigns reads every page of the list completion.
func (c *Client) ListCampaigns(ctx context.Context) ([]Campaign, error) {
	list, _, err := listPages(ctx, c, CapCampaignList, "/v1/campaigns", nil, 0, DecodeCampaignObject, "campaigns", "data")
	return list, err
}

// CampaignLookup is the outcome of LookupCampaign.
type CampaignLookup struct {
	// Campaign is nil when the API offers no campaign read: the campaign
	// exists, but only its stats could be read.
	Campaign *Campaign
	// Gone is set only when the documented stats endpoint answered
	// campaign_not_found.
	Gone bool
}

// LookupCampaign reads a campaign through the completion and falls back to
// the stats endpoint (§3): stats 404 campaign_not_found proves it gone; 200
// proves it exists. A 404 from the completion for a campaign that exists
// means the completion is not offered.
func (c *Client) LookupCampaign(ctx context.Context, id string) (CampaignLookup, error) {
	camp, err := c.GetCampaign(ctx, id)
	if err == nil {
		return CampaignLookup{Campaign: &camp}, nil
	}
	if !IsNotOffered(err) && !IsNotFound(err) {
		return CampaignLookup{}, err
	}
	gone, statsErr := c.campaignGone(ctx, id)
	if statsErr != nil {
		return CampaignLookup{}, statsErr
	}
	if gone {
		return CampaignLookup{Gone: true}, nil
	}
	if IsNotFound(err) {
		_ = c.remember(CapCampaignRead)
	}
	return CampaignLookup{}, nil
}

// campaignGone asks the documented stats endpoint whether a campaign exists.
func (c *Client) campaignGone(ctx context.Context, id string) (bool, error) {
	_, err := c.GetCampaignStats(ctx, id)
	switch {
	case err == nil:
		return false, nil
	case IsObjectNotFound(err):
		return true, nil
	default:
		return false, err
	}
}

// UpdateCampaign changes name and steps through the PATCH completion. When it
// is not offered, it first confirms the campaign exists (a stats
// campaign_not_found error is returned as is) and then returns a
// NotOfferedError.
func (c *Client) UpdateCampaign(ctx context.Context, id string, in CampaignInput) (Campaign, error) {
	raw, err := c.objectCompletion(ctx, CapCampaignUpdate, request{method: http.MethodPatch, path: campaignPath(id), body: in, idempotent: true})
	if err == nil {
		camp, derr := DecodeCampaign(raw)
		if derr != nil {
			return Campaign{}, &DecodeError{Method: http.MethodPatch, Path: campaignPath(id), Err: derr}
		}
		return camp, nil
	}
	if !IsNotOffered(err) && !IsNotFound(err) {
		return Campaign{}, err
	}
	if _, statsErr := c.GetCampaignStats(ctx, id); statsErr != nil {
		return Campaign{}, statsErr
	}
	if IsNotFound(err) {
		return Campaign{}, c.remember(CapCampaignUpdate)
	}
	return Campaign{}, err
}

// DeleteOutcome says what RemoveCampaign achieved.
type DeleteOutcome int

const (
	// Deleted: the DELETE completion removed it.
	Deleted DeleteOutcome = iota
	// AlreadyGone: the stats endpoint proves it no longer exists.
	AlreadyGone
	// LeftInWorkspace: the API cannot delete; it was paused if it ran and
	// stays in the workspace.
	LeftInWorkspace
)

// RemoveCampaign deletes through the completion; where none is offered it
// pauses a running campaign and reports LeftInWorkspace (§3). The returned
// state is the pause answer in that case.
func (c *Client) RemoveCampaign(ctx context.Context, id string) (DeleteOutcome, CampaignState, error) {
	_, err := c.objectCompletion(ctx, CapCampaignDelete, request{method: http.MethodDelete, path: campaignPath(id), idempotent: true})
	if err == nil {
		return Deleted, CampaignState{}, nil
	}
	if !IsNotOffered(err) && !IsNotFound(err) {
		return 0, CampaignState{}, err
	}
	gone, statsErr := c.campaignGone(ctx, id)
	if statsErr != nil {
		return 0, CampaignState{}, statsErr
	}
	if gone {
		return AlreadyGone, CampaignState{}, nil
	}
	if IsNotFound(err) {
		_ = c.remember(CapCampaignDelete)
	}
	st, err := c.PauseCampaign(ctx, id)
	if err != nil {
		return 0, CampaignState{}, err
	}
	return LeftInWorkspace, st, nil
}
