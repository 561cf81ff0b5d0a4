package sandbox

import (
	"net/http"
	"slices"
	"strings"
)

// juniorSeniority fails the sandbox's ICP check (the docs name the check,
// seniority and employee count, but not its rules).
var juniorSeniority = []string{"intern", "junior", "entry"}

// assignReply serves POST /v1/replies/:id/assign: it opens a thread in the
// SDR's inbox for the reply. A second assign is a 409 unless forceForward.
func (s *Server) assignReply(c *reqCtx) response {
	r, ok := s.replies[c.id()]
	if !ok {
		return c.notFound("reply_not_found", "reply", c.id())
	}
	m, bad := c.object()
	if bad != nil {
		return *bad
	}
	var strs [6]string
	for i, k := range []string{"sdrId", "to", "subject", "note", "category", "seniority"} {
		v, _, ferr := stringField(m, k, k)
		if ferr != nil {
			return c.invalid(*ferr)
		}
		strs[i] = v
	}
	sdrID, subject, category, seniority := strs[0], strs[2], strs[4], strs[5]
	if sdrID == "" {
		return c.invalid(fieldErr("sdrId", "sdrId is required"))
	}
	if !slices.ContainsFunc(s.sdrs, func(d sdr) bool { return d.ID == sdrID }) {
		return c.invalid(fieldErr("sdrId", "sdrId %q is not an active SDR of this workspace", sdrID))
	}
	if category != "" && !validCategory(category) {
		return c.invalid(fieldErr("category", "category must be A, B or C"))
	}
	force, skipICP := m["forceForward"] == true, m["skipIcpCheck"] == true
	if !skipICP {
		if seniority == "" || m["employeeCount"] == nil {
			return c.invalid(fieldErr("seniority", "seniority and employeeCount are required unless skipIcpCheck is true"))
		}
		if slices.Contains(juniorSeniority, strings.ToLower(seniority)) {
			// As documented: a 400 "with icpFailed: true", no code.
			return jsonResponse(http.StatusBadRequest, obj{{"message", "The contact does not match the ideal customer profile"}, {"icpFailed", true}})
		}
	}
	s.sdrData.init()
	if tid, done := s.sdrData.assigned[r.ID]; done && !force {
		return c.fail(http.StatusConflict, "reply_already_assigned", "Reply "+r.ID+" was already forwarded to an SDR (thread "+tid+"); send forceForward to forward it again")
	}
	t, done := s.sdrData.threads[s.sdrData.assigned[r.ID]]
	if !done {
		if subject == "" {
			subject = "Re: " + s.firstSubject(r.CampaignID)
		}
		score := map[string]int{"A": 85, "B": 60, "C": 35}[category]
		if score == 0 {
			score = 50
		}
		t = s.addThread(Thread{SDRID: sdrID, ReplyID: r.ID, ContactEmail: r.Email, ContactName: s.leadName(r), Subject: subject,
			Category: category, PriorityScore: score, LastMessageAt: r.ReceivedAt})
		s.sdrData.assigned[r.ID] = t.ID
	}
	now := s.clock()
	return c.ok(obj{{"data", obj{{"handoffId", newID("hof_", now)}, {"threadId", t.ID}, {"messageId", "gmail_" + randomHex(8)}, {"gmailThreadId", "gmail_thr_" + randomHex(8)}}}})
}

func (s *Server) firstSubject(campaignID string) string {
	if cs, ok := s.campaigns[campaignID]; ok && len(cs.Steps) > 0 {
		return cs.Steps[0].Subject
	}
	return "your email"
}

func (s *Server) leadName(r *Reply) string {
	if cs, ok := s.campaigns[r.CampaignID]; ok {
		if l, ok := cs.leads[strings.ToLower(r.Email)]; ok {
			return strings.TrimSpace(l.FirstName + " " + l.LastName)
		}
	}
	return ""
}

// generateDrafts serves POST /v1/sdr/drafts/generate with canned drafts.
func (s *Server) generateDrafts(c *reqCtx) response {
	m, bad := c.object()
	if bad != nil {
		return *bad
	}
	tid, _, ferr := stringField(m, "threadId", "threadId")
	if ferr == nil && tid == "" {
		e := fieldErr("threadId", "threadId is required")
		ferr = &e
	}
	if ferr != nil {
		return c.invalid(*ferr)
	}
	t, ok := s.sdrData.threads[tid]
	if !ok || t.SDRID != s.keySDR() {
		return c.notFound("thread_not_found", "thread", tid)
	}
	n := 1
	if v, ok := m["variantCount"]; ok && v != nil {
		num, isNum := v.(interface{ Int64() (int64, error) })
		k, err := int64(0), error(nil)
		if isNum {
			k, err = num.Int64()
		}
		if !isNum || err != nil || k < 1 || k > 3 {
			return c.invalid(fieldErr("variantCount", "variantCount must be an integer between 1 and 3"))
		}
		n = int(k)
	}
	name := strings.Fields(t.ContactName + " there")[0]
	drafts, insights := []any{}, []any{}
	for i := range n {
		d := &draft{ID: newID("drf_", s.clock()), ThreadID: t.ID, Subject: t.Subject, BodyText: "Hi " + name + ", thanks for the reply. " + []string{"Would Thursday at 2pm work for a short call?", "Happy to send a one-page overview first.", "Who else on your team should join?"}[i]}
		s.sdrData.drafts[d.ID] = d
		drafts = append(drafts, obj{{"id", d.ID}, {"bodyText", d.BodyText}, {"bodyHtml", "<p>" + d.BodyText + "</p>"}, {"subject", d.Subject}})
		insights = append(insights, obj{{"draftId", d.ID}, {"approach", "Direct response"}, {"confidence", 0.85}, {"rationale", "Prospect replied positively"}})
	}
	return c.ok(obj{{"data", obj{{"drafts", drafts}, {"insights", insights}, {"appliedRules", []any{}}}}})
}

// sendDraft serves POST /v1/sdr/drafts/:id/send. The guardrails block a
// body with an unfilled {{token}} (422), as a real quality check would.
func (s *Server) sendDraft(c *reqCtx) response {
	d, ok := s.sdrData.drafts[c.id()]
	if !ok {
		return c.notFound("draft_not_found", "draft", c.id())
	}
	body := d.BodyText
	if len(strings.TrimSpace(string(c.body))) > 0 {
		m, bad := c.object()
		if bad != nil {
			return *bad
		}
		for _, k := range []string{"finalBodyText", "finalBodyHtml"} {
			v, ok, ferr := stringField(m, k, k)
			if ferr != nil {
				return c.invalid(*ferr)
			}
			if ok {
				body = v
			}
		}
	}
	if d.Sent {
		return c.fail(http.StatusConflict, "draft_already_sent", "Draft "+d.ID+" was already sent")
	}
	scores := obj{{"overall", 0.92}, {"readability", 0.88}, {"personalization", 0.95}, {"linkQuality", 0.9}}
	if strings.Contains(body, "{{") {
		g := obj{{"blocked", true}, {"issues", []any{obj{{"code", "unfilled_token"}, {"message", "The body holds an unfilled {{token}}"}}}}, {"scores", scores}}
		return jsonResponse(http.StatusUnprocessableEntity, obj{{"code", "guardrails_blocked"}, {"message", "Quality guardrails blocked the send"}, {"guardrails", g}})
	}
	d.Sent = true
	if t, ok := s.sdrData.threads[d.ThreadID]; ok {
		t.Status, t.LastMessageAt = "awaiting_reply", s.clock()
	}
	return c.ok(obj{{"data", obj{{"messageId", "gmail_" + randomHex(8)}, {"guardrails", obj{{"blocked", false}, {"issues", []any{}}, {"scores", scores}}}}}})
}
