package leadterra

import (
	"context"
	"encoding/json"
	"net/http"
)

// SenderPool is a delivery pool. The docs give remaining volume as
// remainingVolume or remainingToday, and membership as senderAccountIds or
// only senderCount.
type SenderPool struct {
	ID              string
	Name            string
	DailyCapacity   int64
	RemainingVolume int64
	// SenderAccountIDs is nil when the API gave only a count.
	SenderAccountIDs []string
	SenderCount      int64
}

type rawSenderPool struct {
	ID               string   `json:"id"`
	Name             string   `json:"name"`
	DailyCapacity    *flexInt `json:"dailyCapacity"`
	RemainingVolume  *flexInt `json:"remainingVolume"`
	RemainingToday   *flexInt `json:"remainingToday"`
	SenderAccountIDs []string `json:"senderAccountIds"`
	SenderCount      *flexInt `json:"senderCount"`
}

// DecodeSenderPool reads one pool in any documented shape.
func DecodeSenderPool(b []byte) (SenderPool, error) {
	var r rawSenderPool
	if err := json.Unmarshal(b, &r); err != nil {
		return SenderPool{}, err
	}
	p := SenderPool{ID: r.ID, Name: r.Name, SenderAccountIDs: r.SenderAccountIDs}
	if r.DailyCapacity != nil {
		p.DailyCapacity = int64(*r.DailyCapacity)
	}
	switch {
	case r.RemainingVolume != nil:
		p.RemainingVolume = int64(*r.RemainingVolume)
	case r.RemainingToday != nil:
		p.RemainingVolume = int64(*r.RemainingToday)
	}
	switch {
	case r.SenderCount != nil:
		p.SenderCount = int64(*r.SenderCount)
	default:
		p.SenderCount = int64(len(r.SenderAccountIDs))
	}
	return p, nil
}

// DecodeSenderPools reads GET /v1/sender-pools: a bare array or the list
// under pools, senderPools or data.
func DecodeSenderPools(b []byte) ([]SenderPool, error) {
	items, _, err := decodeList(b, "pools", "senderPools", "data")
	if err != nil {
		return nil, err
	}
	return decodeEach(items, DecodeSenderPool)
}

// ListSenderPools returns every pool of the workspace.
func (c *Client) ListSenderPools(ctx context.Context) ([]SenderPool, error) {
	return memoized(ctx, c, poolsMemoKey, func() ([]SenderPool, error) {
		return decodeInto(ctx, c, request{method: http.MethodGet, path: "/v1/sender-pools"}, DecodeSenderPools)
	}, clonePools)
}
