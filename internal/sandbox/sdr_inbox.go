package sandbox

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The SDR inbox API (docs notes 3.11): prospect threads opened by assigning
// replies, follow-up tasks on them, and AI drafts. Every answer is wrapped in
// {"data":…} with millisecond timestamps whatever the style; only error
// bodies follow the style. The key's SDR is the workspace's first SDR.

// Thread statuses as the inbox page lists them.
var threadStatuses = []string{"new", "awaiting_reply", "needs_followup", "replied", "meeting_booked", "won", "lost_not_interested", "lost_timing", "lost_competitor", "archived"}

// Thread is a prospect thread in an SDR's inbox.
type Thread struct {
	ID            string
	SDRID         string
	ReplyID       string
	ContactEmail  string
	ContactName   string
	Subject       string
	Status        string
	Category      string // A, B, C or ""
	PriorityScore int
	Snoozed       bool
	CreatedAt     time.Time
	LastMessageAt time.Time
}

// Followup is a follow-up task: pending, completed, skipped.
type Followup struct {
	ID         string
	ThreadID   string
	SDRID      string
	Status     string
	DueAt      time.Time
	SkipReason string
}

type draft struct {
	ID, ThreadID, Subject, BodyText string
	Sent                            bool
}

// sdrInbox holds the SDR API's objects; its maps are made on first write.
type sdrInbox struct {
	threads   map[string]*Thread
	followups map[string]*Followup
	drafts    map[string]*draft
	assigned  map[string]string // reply id → thread id
}

func (in *sdrInbox) init() {
	if in.threads == nil {
		in.threads, in.followups, in.drafts, in.assigned = map[string]*Thread{}, map[string]*Followup{}, map[string]*draft{}, map[string]string{}
	}
}

// keySDR is the SDR linked to the key (the first one); "" when none.
func (s *Server) keySDR() string {
	if len(s.sdrs) == 0 {
		return ""
	}
	return s.sdrs[0].ID
}

func threadObj(t *Thread) obj {
	var cat any
	if t.Category != "" {
		cat = t.Category
	}
	return obj{{"id", t.ID}, {"contactEmail", t.ContactEmail}, {"contactName", t.ContactName}, {"subject", t.Subject},
		{"status", t.Status}, {"category", cat}, {"priorityScore", t.PriorityScore}, {"snoozed", t.Snoozed},
		{"lastMessageAt", msTime(t.LastMessageAt)}}
}

func followupObj(f *Followup) obj {
	return obj{{"id", f.ID}, {"threadId", f.ThreadID}, {"sdrId", f.SDRID}, {"status", f.Status}, {"dueAt", msTime(f.DueAt)}}
}

// intParam reads an optional integer query parameter within [lo, hi].
func (c *reqCtx) intParam(name string, def, lo, hi int) (int, *response) {
	v := c.r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		resp := c.invalid(fieldErr(name, "%s must be an integer between %d and %d", name, lo, hi))
		return 0, &resp
	}
	return n, nil
}

// inbox serves GET /v1/sdr/inbox: filters status (repeatable), category,
// search, snoozed; limit (default 50, max 100, or the configured page size)
// and offset; orderBy priority (default), lastMessage or created.
func (s *Server) inbox(c *reqCtx) response {
	q := c.r.URL.Query()
	for _, st := range q["status"] {
		if !slices.Contains(threadStatuses, st) {
			return c.invalid(fieldErr("status", "status must be one of %s", strings.Join(threadStatuses, ", ")))
		}
	}
	cat := q.Get("category")
	if cat != "" && !validCategory(cat) {
		return c.invalid(fieldErr("category", "category must be A, B or C"))
	}
	snoozed := q.Get("snoozed")
	if snoozed != "" && snoozed != "true" && snoozed != "false" {
		return c.invalid(fieldErr("snoozed", `snoozed must be "true" or "false"`))
	}
	limit, bad := c.intParam("limit", 50, 1, 100)
	if bad != nil {
		return *bad
	}
	if s.pageSize > 0 {
		limit = min(limit, s.pageSize)
	}
	offset, bad := c.intParam("offset", 0, 0, 1<<30)
	if bad != nil {
		return *bad
	}
	order := cmpPriority
	switch q.Get("orderBy") {
	case "", "priority":
	case "lastMessage":
		order = func(a, b *Thread) int { return b.LastMessageAt.Compare(a.LastMessageAt) }
	case "created":
		order = func(a, b *Thread) int { return b.CreatedAt.Compare(a.CreatedAt) }
	default:
		return c.invalid(fieldErr("orderBy", "orderBy must be priority, lastMessage or created"))
	}
	search := strings.ToLower(q.Get("search"))
	me := s.keySDR()
	var match []*Thread
	for _, t := range s.sdrData.threads {
		if t.SDRID != me || (len(q["status"]) > 0 && !slices.Contains(q["status"], t.Status)) || (cat != "" && t.Category != cat) ||
			(snoozed != "" && strconv.FormatBool(t.Snoozed) != snoozed) {
			continue
		}
		if search != "" && !strings.Contains(strings.ToLower(t.ContactEmail+"\n"+t.ContactName+"\n"+t.Subject), search) {
			continue
		}
		match = append(match, t)
	}
	slices.SortFunc(match, func(a, b *Thread) int { return cmp.Or(order(a, b), strings.Compare(a.ID, b.ID)) })
	lo := min(offset, len(match))
	hi := min(lo+limit, len(match))
	page := []any{}
	for _, t := range match[lo:hi] {
		page = append(page, threadObj(t))
	}
	return c.ok(obj{{"data", obj{{"threads", page}, {"total", len(match)}, {"hasMore", hi < len(match)}}}})
}

func cmpPriority(a, b *Thread) int { return cmp.Compare(b.PriorityScore, a.PriorityScore) }

func validCategory(c string) bool { return c == "A" || c == "B" || c == "C" }

// dueFollowups serves GET /v1/sdr/followups/due: the key's SDR's pending
// tasks due now (or all pending with includeUpcoming=true), soonest first.
func (s *Server) dueFollowups(c *reqCtx) response {
	limit, bad := c.intParam("limit", 50, 1, 200)
	if bad != nil {
		return *bad
	}
	upcoming := c.r.URL.Query().Get("includeUpcoming") == "true"
	now, me := s.clock(), s.keySDR()
	var due []*Followup
	for _, f := range s.sdrData.followups {
		if f.SDRID == me && f.Status == "pending" && (upcoming || !f.DueAt.After(now)) {
			due = append(due, f)
		}
	}
	slices.SortFunc(due, func(a, b *Followup) int { return cmp.Or(a.DueAt.Compare(b.DueAt), strings.Compare(a.ID, b.ID)) })
	out := []any{}
	for _, f := range due[:min(limit, len(due))] {
		out = append(out, followupObj(f))
	}
	return c.ok(obj{{"data", out}})
}

// followup finds the :id follow-up of the key's SDR.
func (s *Server) followup(c *reqCtx) (*Followup, *response) {
	f, ok := s.sdrData.followups[c.id()]
	if !ok || f.SDRID != s.keySDR() {
		resp := c.notFound("followup_not_found", "follow-up", c.id())
		return nil, &resp
	}
	return f, nil
}

func (s *Server) completeFollowup(c *reqCtx) response {
	f, bad := s.followup(c)
	if bad != nil {
		return *bad
	}
	f.Status = "completed"
	return c.ok(obj{{"data", followupObj(f)}})
}

func (s *Server) skipFollowup(c *reqCtx) response {
	f, bad := s.followup(c)
	if bad != nil {
		return *bad
	}
	if len(strings.TrimSpace(string(c.body))) > 0 {
		m, bad := c.object()
		if bad != nil {
			return *bad
		}
		reason, _, ferr := stringField(m, "reason", "reason")
		if ferr != nil {
			return c.invalid(*ferr)
		}
		f.SkipReason = reason
	}
	f.Status = "skipped"
	return c.ok(obj{{"data", followupObj(f)}})
}

func (s *Server) rescheduleFollowup(c *reqCtx) response {
	f, bad := s.followup(c)
	if bad != nil {
		return *bad
	}
	due, bad := c.dueAt(true)
	if bad != nil {
		return *bad
	}
	f.DueAt, f.Status = due, "pending"
	return c.ok(obj{{"data", followupObj(f)}})
}

// scheduleFollowup serves POST /v1/sdr/threads/:id/followup/schedule. The
// docs cut off what an omitted dueAt means; the sandbox takes three days.
func (s *Server) scheduleFollowup(c *reqCtx) response {
	t, ok := s.sdrData.threads[c.id()]
	if !ok || t.SDRID != s.keySDR() {
		return c.notFound("thread_not_found", "thread", c.id())
	}
	due, bad := c.dueAt(false)
	if bad != nil {
		return *bad
	}
	if due.IsZero() {
		due = s.clock().Add(72 * time.Hour)
	}
	f := s.addFollowup(t, due)
	return c.ok(obj{{"data", followupObj(f)}})
}

// dueAt reads the body's dueAt (RFC 3339); an empty body counts as absent.
func (c *reqCtx) dueAt(required bool) (time.Time, *response) {
	if len(strings.TrimSpace(string(c.body))) == 0 && !required {
		return time.Time{}, nil
	}
	m, bad := c.object()
	if bad != nil {
		return time.Time{}, bad
	}
	v, ok, ferr := stringField(m, "dueAt", "dueAt")
	if ferr == nil && !ok && required {
		e := fieldErr("dueAt", "dueAt is required")
		ferr = &e
	}
	if ferr != nil {
		resp := c.invalid(*ferr)
		return time.Time{}, &resp
	}
	if !ok {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		resp := c.invalid(fieldErr("dueAt", "dueAt must be an RFC 3339 timestamp"))
		return time.Time{}, &resp
	}
	return t.UTC(), nil
}

func (s *Server) addFollowup(t *Thread, due time.Time) *Followup {
	s.sdrData.init()
	f := &Followup{ID: newID("fu_", s.clock()), ThreadID: t.ID, SDRID: t.SDRID, Status: "pending", DueAt: due}
	s.sdrData.followups[f.ID] = f
	return f
}

// AddThread puts a thread in an SDR's inbox (SDRID "" = the key's SDR),
// filling ID, Status and timestamps when empty.
func (s *Server) AddThread(t Thread) Thread {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.addThread(t)
}

func (s *Server) addThread(t Thread) *Thread {
	s.sdrData.init()
	now := s.clock()
	if t.SDRID == "" {
		t.SDRID = s.keySDR()
	}
	if t.ID == "" {
		t.ID = newID("thr_", now)
	}
	if t.Status == "" {
		t.Status = "new"
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = now
	}
	if t.LastMessageAt.IsZero() {
		t.LastMessageAt = t.CreatedAt
	}
	stored := t
	s.sdrData.threads[t.ID] = &stored
	return &stored
}

// AddFollowup schedules a follow-up on a thread; false if it is unknown.
func (s *Server) AddFollowup(threadID string, due time.Time) (Followup, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.sdrData.threads[threadID]
	if !ok {
		return Followup{}, false
	}
	return *s.addFollowup(t, due.UTC()), true
}

// ReplyAssignment reports the thread an assign opened for a reply.
func (s *Server) ReplyAssignment(replyID string) (Thread, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.sdrData.threads[s.sdrData.assigned[replyID]]
	if !ok {
		return Thread{}, false
	}
	return *t, true
}

// seedInbox gives the seeded SDR an inbox: threads in several statuses and
// categories, one follow-up due and one upcoming.
func (s *Server) seedInbox(now time.Time) {
	for i, t := range []Thread{
		{ContactEmail: "priya@northwind.example", ContactName: "Priya Shah", Subject: "Re: Pipeline review", Status: "new", Category: "A", PriorityScore: 92},
		{ContactEmail: "liam@contoso.example", ContactName: "Liam Brooks", Subject: "Re: Outbound at Contoso", Status: "awaiting_reply", Category: "B", PriorityScore: 64},
		{ContactEmail: "mia@fabrikam.example", ContactName: "Mia Novak", Subject: "Re: Quick question", Status: "needs_followup", Category: "A", PriorityScore: 78},
		{ContactEmail: "noah@tailspin.example", ContactName: "Noah Kim", Subject: "Re: Demo next week", Status: "meeting_booked", Category: "C", PriorityScore: 40},
	} {
		t.ID = seedID("thr_", i+1)
		t.CreatedAt = now.Add(-time.Duration(48-i*6) * time.Hour)
		t.LastMessageAt = t.CreatedAt.Add(2 * time.Hour)
		s.addThread(t)
	}
	due := s.addFollowup(s.sdrData.threads[seedID("thr_", 3)], now.Add(-2*time.Hour))
	due.ID = seedID("fu_", 1)
	upcoming := s.addFollowup(s.sdrData.threads[seedID("thr_", 2)], now.Add(48*time.Hour))
	upcoming.ID = seedID("fu_", 2)
	s.sdrData.followups = map[string]*Followup{due.ID: due, upcoming.ID: upcoming}
}
