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
}

type rawBulk struct {
	Enrolled      flexInt         `json:"enrolled"`
	Updated       flexInt         `json:"updated"`
	Total         *flexInt        `json:"total"`
	Skipped       json.RawMessage `json:"skipped"`
	SkippedEmails []string        `json:"skippedEmails"`
}

// DecodeBulkResult reads a bulk answer, bare or under result or data. It
// does not assume total == enrolled + updated; skipped may be a count or a
// list of addresses.
func DecodeBulkResult(b []byte) (BulkResult, error) {
	obj, err := decodeObject(b, "enrolled", "result", "data")
	if err != nil {
		return BulkResult{}, err
	}
	var r rawBulk
	if err := json.Unmarshal(obj, &r); err != nil {
		return BulkResult{}, err
	}
	res := BulkResult{Enrolled: int64(r.Enrolled), Updated: int64(r.Updated), SkippedEmails: r.SkippedEmails}
	if r.Total != nil {
		res.Total = int64(*r.Total)
	} else {
		res.Total = addCounts(res.Enrolled, res.Updated)
	}
	if len(r.Skipped) > 0 && !isNull(r.Skipped) {
		res.SkippedReported = true
		var n flexInt
		var list []string
		switch {
		case json.Unmarshal(r.Skipped, &n) == nil:
			res.Skipped = int64(n)
		case json.Unmarshal(r.Skipped, &list) == nil:
			res.SkippedEmails = append(res.SkippedEmails, list...)
			res.Skipped = int64(len(list))
		}
	}
	return res, nil
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
// exists but its leads cannot be listed (ExistsNotOffered).
func (c *Client) ListLeads(ctx context.Context, campaignID string) ([]Lead, Presence, error) {
	var list []Lead
	p, err := c.campaignCompletion(ctx, campaignID, CapLeadsList, func() (err error) {
		list, _, err = listPages(ctx, c, "", campaignPath(campaignID)+"/leads", nil, 0, DecodeLead, "leads", "data")
		return err
	})
	if err != nil || p != Found {
		return nil, p, err
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Email < list[j].Email })
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
