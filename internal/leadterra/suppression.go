package leadterra

import (
	"context"
	"encoding/json"
	"net/http"
)

// CapSuppressionRemove names the removal completion (DESIGN.md,
// "Completions and fallbacks").
const CapSuppressionRemove = "DELETE /v1/suppression-list"

// MaxSuppressionBatch is the API reference's per-request cap.
const MaxSuppressionBatch = 1000

// SuppressionResult counts one or more adds. Detailed is set when the API
// reported alreadySuppressed and total (the guide's variant).
type SuppressionResult struct {
	Suppressed        int64
	AlreadySuppressed int64
	Total             int64
	Detailed          bool
}

type rawSuppression struct {
	Suppressed        flexInt  `json:"suppressed"`
	AlreadySuppressed *flexInt `json:"alreadySuppressed"`
	Total             *flexInt `json:"total"`
}

// DecodeSuppressionResult reads {"suppressed":N} or {"result":{…}}, also
// under data, and a bare object with only alreadySuppressed or total.
func DecodeSuppressionResult(b []byte) (SuppressionResult, error) {
	obj, err := decodeObjectAny(b, []string{"suppressed", "alreadySuppressed", "total"}, "result", "data")
	if err != nil {
		return SuppressionResult{}, err
	}
	var r rawSuppression
	if err := json.Unmarshal(obj, &r); err != nil {
		return SuppressionResult{}, err
	}
	res := SuppressionResult{Suppressed: int64(r.Suppressed)}
	if r.AlreadySuppressed != nil {
		res.AlreadySuppressed = int64(*r.AlreadySuppressed)
		res.Detailed = true
	}
	if r.Total != nil {
		res.Total = int64(*r.Total)
	}
	return res, nil
}

// AddSuppressions adds addresses in requests of at most
// MaxSuppressionBatch. Adding an address twice is ignored by the API, so
// retries are safe.
func (c *Client) AddSuppressions(ctx context.Context, emails []string) (SuppressionResult, error) {
	var sum SuppressionResult
	for start := 0; start < len(emails); start += MaxSuppressionBatch {
		batch := emails[start:min(start+MaxSuppressionBatch, len(emails))]
		res, err := decodeInto(ctx, c, request{method: http.MethodPost, path: "/v1/suppression-list", body: map[string]any{"emails": batch}, idempotent: true}, DecodeSuppressionResult)
		if err != nil {
			return sum, err
		}
		sum.Suppressed += res.Suppressed
		sum.AlreadySuppressed += res.AlreadySuppressed
		if res.Detailed {
			sum.Total += res.Total
		} else {
			sum.Total += int64(len(batch))
		}
		sum.Detailed = sum.Detailed || res.Detailed
	}
	return sum, nil
}

// RemoveSuppressions removes addresses through the completion.
func (c *Client) RemoveSuppressions(ctx context.Context, emails []string) error {
	for start := 0; start < len(emails); start += MaxSuppressionBatch {
		batch := emails[start:min(start+MaxSuppressionBatch, len(emails))]
		if _, err := c.completion(ctx, CapSuppressionRemove, request{method: http.MethodDelete, path: "/v1/suppression-list", body: map[string]any{"emails": batch}, idempotent: true}); err != nil {
			return err
		}
	}
	return nil
}
