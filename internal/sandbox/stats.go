package sandbox

import (
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"time"
)

var timeZero time.Time

// queueLead puts a lead's next step in the queue, due after that step's
// delay in sandbox days; s.mu held.
func (s *Server) queueLead(cs *campaignState, l *leadState) {
	if l.stepsSent >= len(cs.Steps) {
		return
	}
	l.queued = true
	l.dueDay = s.day + cs.Steps[l.stepsSent].DelayDays
}

// Tick advances the sandbox by one "day" and sends every due message of
// every running campaign: sent and delivered go up, addresses containing
// "bounce" bounce, and about half of the delivered leads "open". Leads that
// replied, bounced or were suppressed get no further steps. Each send uses
// one unit of the first pool with remaining volume.
func (s *Server) Tick() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.day++
	replied := s.repliedSet()
	for _, cs := range s.sortedCampaigns() {
		if cs.Status != StatusRunning {
			continue
		}
		for _, l := range sortedLeads(cs) {
			if !l.queued || l.dueDay > s.day {
				continue
			}
			key := strings.ToLower(l.Email)
			_, suppressed := s.suppressed[key]
			if replied[cs.ID+"\x00"+key] || suppressed || l.stepsSent >= len(cs.Steps) {
				l.queued = false
				continue
			}
			if !s.takeCapacity() {
				return // the workspace's daily volume is used up
			}
			cs.sent++
			l.stepsSent++
			l.queued = false
			if strings.Contains(key, "bounce") {
				cs.bounced++
				l.bounced = true
				continue
			}
			cs.delivered++
			if hashPercent(key) < 55 {
				l.opened = true
			}
			s.queueLead(cs, l)
		}
	}
}

// takeCapacity consumes one send from the first pool with volume left. A
// workspace without pools is not limited.
func (s *Server) takeCapacity() bool {
	if len(s.pools) == 0 {
		return true
	}
	for i := range s.pools {
		if s.pools[i].RemainingVolume > 0 {
			s.pools[i].RemainingVolume--
			return true
		}
	}
	return false
}

func hashPercent(s string) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(s))
	return h.Sum32() % 100
}

func sortedLeads(cs *campaignState) []*leadState {
	out := make([]*leadState, 0, len(cs.leads))
	for _, l := range cs.leads {
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b *leadState) int {
		return strings.Compare(strings.ToLower(a.Email), strings.ToLower(b.Email))
	})
	return out
}

// repliedSet holds campaignID + "\x00" + lower-cased email of every reply.
func (s *Server) repliedSet() map[string]bool {
	out := map[string]bool{}
	for _, r := range s.replies {
		out[r.CampaignID+"\x00"+strings.ToLower(r.Email)] = true
	}
	return out
}

// stats computes the counters; replied counts distinct leads, as the docs
// define it ("leads with at least one reply").
func (s *Server) stats(cs *campaignState) Stats {
	st := Stats{CampaignID: cs.ID, TotalEnrolled: len(cs.leads), Sent: cs.sent, Delivered: cs.delivered, Bounced: cs.bounced}
	opened := 0
	for _, l := range cs.leads {
		if l.queued {
			st.Queued++
		}
		if l.opened {
			opened++
		}
	}
	seen := map[string]bool{}
	for _, r := range s.replies {
		if r.CampaignID == cs.ID {
			seen[strings.ToLower(r.Email)] = true
		}
	}
	st.Replied = len(seen)
	if st.Delivered > 0 {
		st.OpenRate = round4(float64(opened) / float64(st.Delivered))
		st.ReplyRate = round4(float64(st.Replied) / float64(st.Delivered))
	}
	return st
}

func round4(f float64) float64 { return math.Round(math.Min(f, 1)*10000) / 10000 }

func (s *Server) campaignStats(c *reqCtx) response {
	cs, bad := s.campaign(c, c.id())
	if bad != nil {
		return *bad
	}
	st := s.stats(cs)
	return c.ok(c.dataOnly(obj{
		{"campaignId", st.CampaignID},
		{"totalEnrolled", st.TotalEnrolled},
		{"sent", st.Sent},
		{"delivered", st.Delivered},
		{"bounced", st.Bounced},
		{"replied", st.Replied},
		{"queued", st.Queued},
		{"openRate", st.OpenRate},
		{"replyRate", st.ReplyRate},
	}))
}

// Stats returns the counters GET /v1/campaigns/:id/stats would report.
func (s *Server) Stats(campaignID string) (Stats, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs, ok := s.campaigns[campaignID]
	if !ok {
		return Stats{}, false
	}
	return s.stats(cs), true
}
