package leadterra

import (
	"context"
	"encoding/json"
	"math"
	"net/http"
	"slices"
	"sort"
	"strings"
)

// Capability names of the lead completions (DESIGN.md, "Completions and
// fallbacks").
const (
	CapLeadsList   = "GET /v1/campaigns/:id/leads"
	CapLeadsRemove = "DELETE /v1/campaigns/:id/leads"
)

// MaxLeadsPerRequest is the batch size upper bound the client allows; the
// docs give none, the provider picks a smaller default.
const MaxLeadsPerRequest = 1000

// Lead is one enrolled person. Email is the upsert key.
type Lead struct {
	Email        string
	FirstName    string
	LastName     string
	Company      string
	JobTitle     string
	CustomFields map[string]string
}

// StandardLeadFields are the documented lead keys, spelled as the API and
// the {{tokens}} spell them; a custom field may not reuse one.
var StandardLeadFields = []string{"email", "firstName", "lastName", "company", "jobTitle"}

// standard returns l's standard fields in StandardLeadFields order.
func (l *Lead) standard() []*string {
	return []*string{&l.Email, &l.FirstName, &l.LastName, &l.Company, &l.JobTitle}
}

// Field returns the value of the field the API calls name: a standard
// field, else a custom one.
func (l Lead) Field(name string) string {
	if i := slices.Index(StandardLeadFields, name); i >= 0 {
		return *l.standard()[i]
	}
	return l.CustomFields[name]
}

// SetField sets the field the API calls name: a standard field, else a
// custom one.
func (l *Lead) SetField(name, value string) {
	if i := slices.Index(StandardLeadFields, name); i >= 0 {
		*l.standard()[i] = value
		return
	}
	if l.CustomFields == nil {
		l.CustomFields = map[string]string{}
	}
	l.CustomFields[name] = value
}

// EmailKey is the identity of an address: Leadterra upserts leads and
// suppresses addresses by email, ignoring case.
func EmailKey(email string) string { return strings.ToLower(email) }

// leadMetaFields are keys a lead listing may carry that are not custom fields.
var leadMetaFields = map[string]bool{
	"id": true, "campaignId": true, "status": true, "createdAt": true, "updatedAt": true,
	"enrolledAt": true, "currentStep": true, "step": true, "customFields": true,
}

// MarshalJSON sends custom fields both ways the pages describe: as extra
// top-level keys (API reference) and as a customFields object (enroll
// guide), so either reading of the docs stores them.
func (l Lead) MarshalJSON() ([]byte, error) {
	m := map[string]any{"email": l.Email}
	for i, v := range l.standard() {
		if *v != "" {
			m[StandardLeadFields[i]] = *v
		}
	}
	if len(l.CustomFields) > 0 {
		for k, v := range l.CustomFields {
			if _, taken := m[k]; !taken && !leadMetaFields[k] && !isStandardLeadField(k) {
				m[k] = v
			}
		}
		m["customFields"] = l.CustomFields
	}
	return json.Marshal(m)
}

// DecodeLead reads one lead of a listing: standard fields, a customFields
// object, and any other top-level string keys as custom fields.
func DecodeLead(b []byte) (Lead, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return Lead{}, err
	}
	var l Lead
	for i, v := range l.standard() {
		*v = jsonString(m[StandardLeadFields[i]])
	}
	custom := map[string]string{}
	for k, v := range m {
		if leadMetaFields[k] || isStandardLeadField(k) {
			continue
		}
		if s := jsonString(v); s != "" {
			custom[k] = s
		}
	}
	var nested map[string]json.RawMessage
	if raw, ok := m["customFields"]; ok && json.Unmarshal(raw, &nested) == nil {
		for k, v := range nested {
			var s string
			if isNull(v) {
				continue
			}
			if json.Unmarshal(v, &s) == nil {
				custom[k] = s
			} else {
				custom[k] = strings.TrimSpace(string(v))
			}
		}
	}
	if len(custom) > 0 {
		l.CustomFields = custom
	}
	return l, nil
}

func isStandardLeadField(k string) bool { return slices.Contains(StandardLeadFields, k) }

// BulkResult is the answer of a bulk upsert.
type BulkResult struct {
	Enrolled int64
	Updated  int64
	Total    int64
	// Skipped counts suppressed addresses left out; SkippedReported says
	// whether the API reported it at all (one page documents it).
	Skipped         int64
	SkippedReported bool
	SkippedEmails   []string
	// EnrolledUnknown: the answer gave neither enrolled nor total, so
	// Enrolled is 0 for want of a number and the leads left out cannot be
	// inferred from the counts.
	EnrolledUnknown bool
}

type rawBulk struct {
	Enrolled      *flexInt        `json:"enrolled"`
	Updated       flexInt         `json:"updated"`
	Total         *flexInt        `json:"total"`
	Skipped       json.RawMessage `json:"skipped"`
	SkippedEmails []string        `json:"skippedEmails"`
}

// bulkMarkers are the keys that tell a bare bulk answer from a wrapper.
var bulkMarkers = []string{"enrolled", "updated", "total", "skipped", "skippedEmails"}

// DecodeBulkResult reads a bulk answer, bare or under result or data. It
// does not assume total == enrolled + updated; skipped may be a count, a
// list of addresses or of objects with an email, or an object with a count
// and a list. Without enrolled, it is derived from total (total − updated,
// never below 0).
func DecodeBulkResult(b []byte) (BulkResult, error) {
	obj, err := decodeObjectAny(b, bulkMarkers, "result", "data")
	if err != nil {
		return BulkResult{}, err
	}
	var r rawBulk
	if err := json.Unmarshal(obj, &r); err != nil {
		return BulkResult{}, err
	}
	res := BulkResult{Updated: int64(r.Updated), SkippedEmails: r.SkippedEmails}
	if len(r.Skipped) > 0 && !isNull(r.Skipped) {
		// An unreadable skipped is left unreported rather than failing a
		// write that went through: the counts still tell what was left out.
		n, emails, ok := decodeSkipped(r.Skipped)
		res.SkippedReported, res.Skipped = ok, n
		res.SkippedEmails = append(res.SkippedEmails, emails...)
	}
	switch {
	case r.Enrolled != nil:
		res.Enrolled = int64(*r.Enrolled)
	case r.Total != nil:
		// The documented triple reads as total = enrolled + updated.
		res.Enrolled = max(0, int64(*r.Total))
		res.Enrolled -= min(max(0, res.Updated), res.Enrolled)
	default:
		res.EnrolledUnknown = true
	}
	if r.Total != nil {
		res.Total = int64(*r.Total)
	} else {
		res.Total = addCounts(res.Enrolled, res.Updated)
	}
	return res, nil
}

// decodeSkipped reads `skipped`: a count; a list of addresses or of objects
// carrying one (email or address); or {"count":N,"emails":[…]}.
func decodeSkipped(raw json.RawMessage) (int64, []string, bool) {
	var n flexInt
	if json.Unmarshal(raw, &n) == nil {
		return int64(n), nil, true
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		emails := make([]string, 0, len(list))
		for _, item := range list {
			if e := skippedEmail(item); e != "" {
				emails = append(emails, e)
			}
		}
		return int64(len(list)), emails, true
	}
	var o struct {
		Count  *flexInt          `json:"count"`
		Emails []json.RawMessage `json:"emails"`
	}
	if json.Unmarshal(raw, &o) != nil || (o.Count == nil && o.Emails == nil) {
		return 0, nil, false
	}
	emails := make([]string, 0, len(o.Emails))
	for _, item := range o.Emails {
		if e := skippedEmail(item); e != "" {
			emails = append(emails, e)
		}
	}
	count := int64(len(o.Emails))
	if o.Count != nil {
		count = int64(*o.Count)
	}
	return count, emails, true
}

func skippedEmail(item json.RawMessage) string {
	var s string
	if json.Unmarshal(item, &s) == nil {
		return strings.TrimSpace(s)
	}
	var o struct {
		Email   string `json:"email"`
		Address string `json:"address"`
	}
	_ = json.Unmarshal(item, &o)
	return strings.TrimSpace(firstNonEmpty(o.Email, o.Address))
}

// addCounts adds two counters, saturating instead of wrapping around.
func addCounts(a, b int64) int64 {
	s := a + b
	switch {
	case a > 0 && b > 0 && s < 0:
		return math.MaxInt64
	case a < 0 && b < 0 && s >= 0:
		return math.MinInt64
	}
	return s
}

// Add sums another batch's result into r.
func (r *BulkResult) Add(o BulkResult) {
	r.Enrolled += o.Enrolled
	r.Updated += o.Updated
	r.Total += o.Total
	r.Skipped += o.Skipped
	r.SkippedReported = r.SkippedReported || o.SkippedReported
	r.EnrolledUnknown = r.EnrolledUnknown || o.EnrolledUnknown
	r.SkippedEmails = append(r.SkippedEmails, o.SkippedEmails...)
}

// UpsertLeads sends one batch. Leads are upserted by email, so a retry of
// the same batch cannot enroll anyone twice.
func (c *Client) UpsertLeads(ctx context.Context, campaignID string, leads []Lead) (BulkResult, error) {
	body := map[string]any{"leads": leads}
	return decodeInto(ctx, c, request{method: http.MethodPost, path: campaignPath(campaignID) + "/leads/bulk", body: body, idempotent: true}, DecodeBulkResult)
}

// ListLeads reads every page of GET /v1/campaigns/:id/leads. The leads are
// returned only when Presence is Found; otherwise the campaign is Gone, or
// exists but its leads cannot be listed (ExistsNotOffered). A listing cut
// short returns the leads read, sorted, with a *ListTruncatedError: callers
// that need the whole list fail, Read keeps its prior state for the rest.
func (c *Client) ListLeads(ctx context.Context, campaignID string) ([]Lead, Presence, error) {
	var list []Lead
	var cut *ListCut
	path := campaignPath(campaignID) + "/leads"
	p, err := c.campaignCompletion(ctx, campaignID, CapLeadsList, func() (err error) {
		list, cut, err = listPages(ctx, c, "", path, nil, 0, DecodeLead, "leads", "data")
		return err
	})
	if err != nil || p != Found {
		return nil, p, err
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Email < list[j].Email })
	if cut != nil {
		return list, Found, &ListTruncatedError{Path: path, Cut: *cut}
	}
	return list, Found, nil
}

// RemoveLeads unenrolls through DELETE /v1/campaigns/:id/leads; deleting
// twice is harmless. Unless Presence is Found, nothing was unenrolled: the
// campaign is Gone (and its leads with it), or the leads stay enrolled
// (ExistsNotOffered).
func (c *Client) RemoveLeads(ctx context.Context, campaignID string, emails []string) (Presence, error) {
	return c.campaignCompletion(ctx, campaignID, CapLeadsRemove, func() error {
		_, err := c.do(ctx, request{method: http.MethodDelete, path: campaignPath(campaignID) + "/leads", body: map[string]any{"emails": emails}, idempotent: true})
		return err
	})
}
