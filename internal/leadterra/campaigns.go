package leadterra

import (
	"context"
	"encoding/json"
	"net/http"
)

// Capability names of the campaign completions (DESIGN.md, "Completions
// and fallbacks").
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
// whole-second RFC 3339. Steps is nil when the answer did not report them.
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
	if r.Steps != nil {
		// Present but empty is "no steps"; absent or null is "not reported".
		c.Steps = make([]Step, 0, len(r.Steps))
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

// DecodeCampaign reads a campaign answer: bare, or under campaign or data,
// or under both ({"data":{"campaign":…}}).
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
// OutcomeUnknownError. An answer without an id fails with ErrCreateWithoutID
// (IsCreateWithoutID).
func (c *Client) CreateCampaign(ctx context.Context, in CampaignInput, idempotencyKey string) (Campaign, error) {
	return decodeInto(ctx, c, request{method: http.MethodPost, path: "/v1/campaigns", body: in, idempotencyKey: idempotencyKey},
		requireID(DecodeCampaign, func(c Campaign) string { return c.ID }))
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

// ListCampaigns reads every page of the list completion; a listing cut
// short is an error (ListTruncatedError), never a shorter list.
func (c *Client) ListCampaigns(ctx context.Context) ([]Campaign, error) {
	list, cut, err := listPages(ctx, c, CapCampaignList, "/v1/campaigns", nil, 0, DecodeCampaignObject, "campaigns", "data")
	if err == nil && cut != nil {
		return nil, &ListTruncatedError{Path: "/v1/campaigns", Cut: *cut}
	}
	return list, err
}

// CampaignLookup is the outcome of LookupCampaign. Campaign is set only
// when Presence is Found.
type CampaignLookup struct {
	Presence Presence
	Campaign *Campaign
}

// LookupCampaign reads a campaign through GET /v1/campaigns/:id, or, where
// that is not offered, learns from the documented stats endpoint whether
// it exists (campaignCompletion).
func (c *Client) LookupCampaign(ctx context.Context, id string) (CampaignLookup, error) {
	return memoized(ctx, c, campaignMemoKey(id), func() (CampaignLookup, error) { return c.lookupCampaign(ctx, id) }, cloneLookup)
}

func (c *Client) lookupCampaign(ctx context.Context, id string) (CampaignLookup, error) {
	var camp Campaign
	p, err := c.campaignCompletion(ctx, id, CapCampaignRead, func() (err error) {
		camp, err = decodeInto(ctx, c, request{method: http.MethodGet, path: campaignPath(id)}, DecodeCampaign)
		return err
	})
	if err != nil {
		return CampaignLookup{}, err
	}
	if p == Found {
		return CampaignLookup{Presence: Found, Campaign: &camp}, nil
	}
	return CampaignLookup{Presence: p}, nil
}

// UpdateCampaign changes name and steps through PATCH /v1/campaigns/:id.
// The campaign is returned only when Presence is Found; otherwise it is
// Gone, or exists but cannot be changed in place (ExistsNotOffered).
func (c *Client) UpdateCampaign(ctx context.Context, id string, in CampaignInput) (Campaign, Presence, error) {
	var camp Campaign
	p, err := c.campaignCompletion(ctx, id, CapCampaignUpdate, func() (err error) {
		camp, err = decodeInto(ctx, c, request{method: http.MethodPatch, path: campaignPath(id), body: in, idempotent: true}, DecodeCampaign)
		return err
	})
	if err != nil || p != Found {
		return Campaign{}, p, err
	}
	return camp, Found, nil
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

// RemoveCampaign deletes through DELETE /v1/campaigns/:id; where that is
// not offered it pauses a running campaign and reports LeftInWorkspace
// (DESIGN.md, "Completions and fallbacks"). The returned state is the pause
// answer in that case.
func (c *Client) RemoveCampaign(ctx context.Context, id string) (DeleteOutcome, CampaignState, error) {
	p, err := c.campaignCompletion(ctx, id, CapCampaignDelete, func() error {
		_, err := c.do(ctx, request{method: http.MethodDelete, path: campaignPath(id), idempotent: true})
		return err
	})
	switch {
	case err != nil:
		return 0, CampaignState{}, err
	case p == Found:
		return Deleted, CampaignState{}, nil
	case p == Gone:
		return AlreadyGone, CampaignState{}, nil
	}
	st, err := c.PauseCampaign(ctx, id)
	if err != nil {
		return 0, CampaignState{}, err
	}
	return LeftInWorkspace, st, nil
}
