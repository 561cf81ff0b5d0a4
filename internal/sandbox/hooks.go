package sandbox

import "strings"

// The methods below change or read state out of band, the way a user in
// the Leadterra dashboard would, so tests can provoke drift. All return
// copies: callers cannot reach into the server's state.

// Campaign returns a campaign by id.
func (s *Server) Campaign(id string) (Campaign, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, ok := s.campaigns[id]
	if !ok {
		return Campaign{}, false
	}
	return cs.clone(), true
}

// Campaigns returns every campaign, oldest first.
func (s *Server) Campaigns() []Campaign {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Campaign
	for _, cs := range s.sortedCampaigns() {
		out = append(out, cs.clone())
	}
	return out
}

// DeleteCampaign removes a campaign with its leads and replies.
func (s *Server) DeleteCampaign(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.removeCampaign(id)
}

// RenameCampaign changes a campaign's name.
func (s *Server) RenameCampaign(id, name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, ok := s.campaigns[id]
	if !ok {
		return false
	}
	cs.Name, cs.UpdatedAt = name, s.clock()
	return true
}

// SetCampaignStatus forces a status (draft, running or its synonym active,
// paused) without the start checks: the dashboard can do what the API
// refuses. It returns false for an unknown campaign or status.
func (s *Server) SetCampaignStatus(id, status string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, ok := s.campaigns[id]
	if !ok {
		return false
	}
	now := s.clock()
	switch strings.ToLower(status) {
	case StatusRunning, "active":
		s.setRunning(cs)
	case StatusPaused:
		cs.Status, cs.PausedAt, cs.UpdatedAt = StatusPaused, now, now
	case StatusDraft:
		cs.Status, cs.UpdatedAt = StatusDraft, now
		for _, l := range cs.leads {
			l.queued = false
		}
	default:
		return false
	}
	return true
}

// Leads returns a campaign's enrolled leads sorted by email (nil if the
// campaign does not exist).
func (s *Server) Leads(campaignID string) []Lead {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, ok := s.campaigns[campaignID]
	if !ok {
		return nil
	}
	out := make([]Lead, 0, len(cs.leads))
	for _, l := range sortedLeads(cs) {
		out = append(out, l.clone())
	}
	return out
}

// Replies returns replies newest first; campaignID "" means all.
func (s *Server) Replies(campaignID string) []Reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Reply
	for _, r := range s.sortedReplies(campaignID) {
		out = append(out, *r)
	}
	return out
}

// Webhook returns a webhook by id.
func (s *Server) Webhook(id string) (Webhook, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, ok := s.webhooks[id]
	if !ok {
		return Webhook{}, false
	}
	return w.clone(), true
}

// Webhooks returns every webhook, oldest first.
func (s *Server) Webhooks() []Webhook {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Webhook
	for _, w := range s.sortedWebhooks() {
		out = append(out, w.clone())
	}
	return out
}

// DeleteWebhook removes a webhook.
func (s *Server) DeleteWebhook(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.webhooks[id]; !ok {
		return false
	}
	delete(s.webhooks, id)
	return true
}
