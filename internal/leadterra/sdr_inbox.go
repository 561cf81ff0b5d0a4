package leadterra

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// The SDR API pages (docs notes 3.11) wrap every answer in {"data":…},
// sometimes with a second named layer (data.threads), and page the inbox
// with limit/offset rather than page/perPage.

// Inbox limits as documented: limit at most 100 for the inbox, 200 for
// due follow-ups (which has no offset, so one answer is all there is).
const (
	InboxPageSize     = 100
	FollowupsMaxLimit = 200
)

// Thread is one prospect thread of the key's SDR inbox. Status and
// category are kept as sent: the documented lists may grow.
type Thread struct {
	ID            string
	ContactEmail  string
	ContactName   string
	Subject       string
	Status        string
	Category      string
	PriorityScore float64
	LastMessageAt string
}

type rawThread struct {
	ID            string     `json:"id"`
	ContactEmail  string     `json:"contactEmail"`
	ContactName   string     `json:"contactName"`
	Subject       string     `json:"subject"`
	Status        string     `json:"status"`
	Category      string     `json:"category"`
	PriorityScore *flexFloat `json:"priorityScore"`
	LastMessageAt string     `json:"lastMessageAt"`
}

// DecodeThread reads one inbox thread.
func DecodeThread(b []byte) (Thread, error) {
	var r rawThread
	if err := json.Unmarshal(b, &r); err != nil {
		return Thread{}, err
	}
	t := Thread{ID: r.ID, ContactEmail: r.ContactEmail, ContactName: r.ContactName, Subject: r.Subject,
		Status: r.Status, Category: r.Category, LastMessageAt: NormalizeTimestamp(r.LastMessageAt)}
	if r.PriorityScore != nil {
		t.PriorityScore = float64(*r.PriorityScore)
	}
	return t, nil
}

// DecodeInboxPage reads one inbox answer: {"data":{"threads":[…],"total",
// "hasMore"}}, {"threads":[…]}, {"data":[…]} or a bare array.
func DecodeInboxPage(b []byte) ([]Thread, Pagination, error) {
	items, page, err := decodeList(b, "data", "threads")
	if err != nil {
		return nil, page, err
	}
	threads, err := decodeEach(items, DecodeThread)
	return threads, page, err
}

// InboxFilter narrows GET /v1/sdr/inbox; zero values send nothing.
type InboxFilter struct {
	Statuses []string // repeatable ?status=
	Category string
	Search   string
}

// InboxThreads reads every page of the key's SDR inbox. It follows
// offsets while the answer says more remain (hasMore, or fewer read than
// total), and without those while pages come back full; a server that
// repeats a page, or the page cap, ends in a ListTruncatedError.
func (c *Client) InboxThreads(ctx context.Context, f InboxFilter, maxPages int) ([]Thread, error) {
	if maxPages <= 0 {
		maxPages = DefaultMaxPages
	}
	const path = "/v1/sdr/inbox"
	q := url.Values{}
	for _, s := range f.Statuses {
		q.Add("status", s)
	}
	if f.Category != "" {
		q.Set("category", f.Category)
	}
	if f.Search != "" {
		q.Set("search", f.Search)
	}
	q.Set("limit", strconv.Itoa(InboxPageSize))
	var all []Thread
	var prevSig [32]byte
	for page := 1; ; page++ {
		if page > maxPages || len(all) >= MaxListItems {
			return nil, &ListTruncatedError{Path: path, Cut: ListCut{Read: len(all), Pages: page - 1, Reason: fmt.Sprintf("the safety cap of %d pages or %d items was reached and the server still reported more", maxPages, MaxListItems)}}
		}
		q.Set("offset", strconv.Itoa(len(all)))
		req := request{method: http.MethodGet, path: path, query: q}
		raw, err := c.do(ctx, req)
		if err != nil {
			return nil, err
		}
		items, pg, err := decodeList(raw, "data", "threads")
		if err != nil {
			return nil, &DecodeError{Method: req.method, Path: path, Err: err}
		}
		sig := pageSignature(items)
		if page > 1 && len(items) > 0 && sig == prevSig {
			return nil, &ListTruncatedError{Path: path, Cut: ListCut{Read: len(all), Pages: page, Reason: fmt.Sprintf("page %d repeated the previous page although the answer says more remain (the server may ignore ?offset=)", page)}}
		}
		prevSig = sig
		threads, err := decodeEach(items, DecodeThread)
		if err != nil {
			return nil, &DecodeError{Method: req.method, Path: path, Err: err}
		}
		all = append(all, threads...)
		more := pg.HasMore || (pg.Total > 0 && int64(len(all)) < pg.Total)
		if !pg.Present {
			more = len(items) == InboxPageSize
		}
		if len(items) == 0 || !more {
			return all, nil
		}
	}
}

// Followup is one follow-up task of the key's SDR.
type Followup struct {
	ID       string `json:"id"`
	ThreadID string `json:"threadId"`
	SDRID    string `json:"sdrId"`
	Status   string `json:"status"`
	DueAt    string `json:"dueAt"`
}

// DecodeFollowups reads GET /v1/sdr/followups/due: {"data":[…]},
// {"data":{"followups":[…]}}, {"followups":[…]} or a bare array.
func DecodeFollowups(b []byte) ([]Followup, error) {
	items, _, err := decodeList(b, "data", "followups")
	if err != nil {
		return nil, err
	}
	return decodeEach(items, func(raw []byte) (Followup, error) {
		var f Followup
		err := json.Unmarshal(raw, &f)
		f.DueAt = NormalizeTimestamp(f.DueAt)
		return f, err
	})
}

// DueFollowups reads the key's SDR's follow-ups, due ones only unless
// includeUpcoming. The endpoint has a limit and no offset: full reports an
// answer as long as the largest limit, which may have left tasks out.
func (c *Client) DueFollowups(ctx context.Context, includeUpcoming bool) (followups []Followup, full bool, err error) {
	q := url.Values{"limit": {strconv.Itoa(FollowupsMaxLimit)}}
	if includeUpcoming {
		q.Set("includeUpcoming", "true")
	}
	fs, err := decodeInto(ctx, c, request{method: http.MethodGet, path: "/v1/sdr/followups/due", query: q}, DecodeFollowups)
	return fs, len(fs) >= FollowupsMaxLimit, err
}

// AssignInput is the body of POST /v1/replies/:replyId/assign; empty
// fields are left out.
type AssignInput struct {
	SDRID         string   `json:"sdrId"`
	To            string   `json:"to,omitempty"`
	CC            []string `json:"cc,omitempty"`
	Subject       string   `json:"subject,omitempty"`
	Note          string   `json:"note,omitempty"`
	Category      string   `json:"category,omitempty"`
	ForceForward  bool     `json:"forceForward,omitempty"`
	SkipICPCheck  bool     `json:"skipIcpCheck,omitempty"`
	Seniority     string   `json:"seniority,omitempty"`
	EmployeeCount string   `json:"employeeCount,omitempty"`
}

// Assignment is what an assign answered: the hand-off record and the thread
// it opened.
type Assignment struct {
	HandoffID     string `json:"handoffId"`
	ThreadID      string `json:"threadId"`
	MessageID     string `json:"messageId"`
	GmailThreadID string `json:"gmailThreadId"`
}

// DecodeAssignment reads {"data":{handoffId,…}} or a bare object.
func DecodeAssignment(b []byte) (Assignment, error) {
	obj, err := decodeObjectAny(b, []string{"handoffId", "threadId"}, "data", "result")
	if err != nil {
		return Assignment{}, err
	}
	var a Assignment
	err = json.Unmarshal(obj, &a)
	return a, err
}

// AssignReply forwards a reply to an SDR. It is not safe to repeat (a
// second call is a 409, IsAlreadyAssigned), so a lost answer is an
// OutcomeUnknownError.
func (c *Client) AssignReply(ctx context.Context, replyID string, in AssignInput) (Assignment, error) {
	return decodeInto(ctx, c, request{method: http.MethodPost, path: "/v1/replies/" + pathEscape(replyID) + "/assign", body: in}, DecodeAssignment)
}

// ICPFailedCode is the code of an assign refused by the ICP check: the
// API's own code, or the one the client gives a 400 flagged icpFailed.
const ICPFailedCode = "icp_failed"

// IsICPFailed reports an assign refused because the contact fails the
// ideal-customer-profile check.
func IsICPFailed(err error) bool {
	return hasStatus(err, http.StatusBadRequest) && HasCode(err, ICPFailedCode)
}

// IsAlreadyAssigned reports the 409 of an assign whose reply was already
// forwarded.
func IsAlreadyAssigned(err error) bool { return hasStatus(err, http.StatusConflict) }
