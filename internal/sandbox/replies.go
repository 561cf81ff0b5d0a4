package sandbox

import (
	"slices"
	"strings"
)

func (c *reqCtx) replyObj(r *Reply) obj {
	return obj{
		{"id", r.ID},
		{"email", r.Email},
		{"campaignId", r.CampaignID},
		{"classification", r.Classification},
		{"receivedAt", c.ts(r.ReceivedAt)},
		{"threadSnippet", r.ThreadSnippet},
	}
}

// sortedReplies returns replies newest first (ties by id, for stable
// pages), optionally for one campaign; s.mu held.
func (s *Server) sortedReplies(campaignID string) []*Reply {
	var out []*Reply
	for _, r := range s.replies {
		if campaignID == "" || r.CampaignID == campaignID {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b *Reply) int {
		if n := b.ReceivedAt.Compare(a.ReceivedAt); n != 0 {
			return n
		}
		return strings.Compare(b.ID, a.ID)
	})
	return out
}

// listReplies: an unknown campaignId is a 404, not an empty list, as the
// replies reference page says.
func (s *Server) listReplies(c *reqCtx) response {
	q := c.r.URL.Query()
	id := q.Get("campaignId")
	if q.Has("campaignId") {
		if id == "" {
			return c.invalid(fieldErr("campaignId", "campaignId must not be empty"))
		}
		if _, bad := s.campaign(c, id); bad != nil {
			return *bad
		}
	}
	var all []any
	for _, r := range s.sortedReplies(id) {
		all = append(all, c.replyObj(r))
	}
	return c.list("", "replies", "data", all)
}

// AddReply stores a reply as if it had just been received and classified,
// filling ID and ReceivedAt when empty.
func (s *Server) AddReply(r Reply) Reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addReply(r)
}

func (s *Server) addReply(r Reply) Reply {
	now := s.clock()
	if r.ReceivedAt.IsZero() {
		r.ReceivedAt = now
	}
	if r.ID == "" {
		r.ID = newID("rpl_", r.ReceivedAt)
	}
	stored := r
	s.replies[r.ID] = &stored
	// A lead that replied gets no further steps.
	if cs, ok := s.campaigns[r.CampaignID]; ok {
		if l, ok := cs.leads[strings.ToLower(r.Email)]; ok {
			l.queued = false
		}
	}
	return r
}
