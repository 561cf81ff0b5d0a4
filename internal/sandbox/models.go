package sandbox

import (
	"maps"
	"slices"
	"time"
)

// Campaign statuses as stored. StyleConcept renders StatusRunning as
// "active"; everything else stores and renders these.
const (
	StatusDraft   = "draft"
	StatusRunning = "running"
	StatusPaused  = "paused"
)

// Campaign is a campaign as the sandbox stores it.
type Campaign struct {
	ID        string
	Name      string
	Status    string // draft, running or paused
	Steps     []Step
	CreatedAt time.Time
	UpdatedAt time.Time
	StartedAt time.Time // last transition to running; zero if never started
	PausedAt  time.Time // last transition to paused; cleared on resume
}

// Step is one email of a campaign's sequence.
type Step struct {
	Subject   string
	BodyHTML  string
	DelayDays int
}

// Lead is an enrolled lead. Email keeps the casing last sent; matching is
// case-insensitive.
type Lead struct {
	Email        string
	FirstName    string
	LastName     string
	Company      string
	JobTitle     string
	CustomFields map[string]string
	EnrolledAt   time.Time
}

// Webhook is a registered event endpoint.
type Webhook struct {
	ID            string
	URL           string
	Events        []string
	Status        string
	SigningSecret string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Reply is a classified inbound reply.
type Reply struct {
	ID             string
	Email          string
	CampaignID     string
	Classification string
	ThreadSnippet  string
	ReceivedAt     time.Time
}

// SenderPool is a delivery pool. SenderCount is used only when
// SenderAccountIDs is empty (the guides report a count, not ids).
type SenderPool struct {
	ID               string
	Name             string
	DailyCapacity    int
	RemainingVolume  int
	SenderAccountIDs []string
	SenderCount      int
}

// SenderAccount is a sending mailbox; Status is active, paused or warming.
type SenderAccount struct {
	ID     string
	Email  string
	Name   string
	Status string
}

// Stats mirrors GET /v1/campaigns/:id/stats.
type Stats struct {
	CampaignID    string
	TotalEnrolled int
	Sent          int
	Delivered     int
	Bounced       int
	Replied       int
	Queued        int
	OpenRate      float64
	ReplyRate     float64
}

// sdr is a seeded SDR user with its Gmail connection.
type sdr struct {
	ID, Name, Email string
	GmailConnected  bool
	GmailEmail      string
	HealthState     string
	LastSyncedAt    time.Time
	LastSyncError   string // sent only when set, as the docs describe
}

// campaignState holds a campaign with its enrolment and send counters.
type campaignState struct {
	Campaign
	leads     map[string]*leadState // key: lower-cased email
	sent      int
	delivered int
	bounced   int
}

// leadState tracks one lead's progress through the sequence.
type leadState struct {
	Lead
	stepsSent int
	queued    bool
	dueDay    int // sandbox day (Tick count) from which the next step may go
	bounced   bool
	opened    bool
}

func (c *Campaign) clone() Campaign {
	out := *c
	out.Steps = slices.Clone(c.Steps)
	return out
}

func (l *Lead) clone() Lead {
	out := *l
	out.CustomFields = maps.Clone(l.CustomFields)
	if out.CustomFields == nil {
		out.CustomFields = map[string]string{}
	}
	return out
}

func (w *Webhook) clone() Webhook {
	out := *w
	out.Events = slices.Clone(w.Events)
	return out
}

func (p *SenderPool) clone() SenderPool {
	out := *p
	out.SenderAccountIDs = slices.Clone(p.SenderAccountIDs)
	return out
}
