package leadterra

import (
	"context"
	"encoding/json"
	"net/http"
)

// SDR is a sales rep of the workspace.
type SDR struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Email          string `json:"email"`
	GmailConnected bool   `json:"gmailConnected"`
	GmailEmail     string `json:"gmailEmail"`
}

// DecodeSDRs reads GET /v1/sdrs ({"data":[…]}, or a bare array).
func DecodeSDRs(b []byte) ([]SDR, error) {
	items, _, err := decodeList(b, "data", "sdrs")
	if err != nil {
		return nil, err
	}
	return decodeEach(items, func(raw []byte) (SDR, error) {
		var s SDR
		err := json.Unmarshal(raw, &s)
		return s, err
	})
}

// ListSDRs returns the workspace's SDRs.
func (c *Client) ListSDRs(ctx context.Context) ([]SDR, error) {
	return decodeInto(ctx, c, request{method: http.MethodGet, path: "/v1/sdrs"}, DecodeSDRs)
}

// GmailStatus is the health of the key's SDR Gmail connection.
type GmailStatus struct {
	Connected     bool   `json:"connected"`
	Email         string `json:"email"`
	HealthState   string `json:"healthState"`
	LastSyncedAt  string `json:"lastSyncedAt"`
	LastSyncError string `json:"lastSyncError"`
}

// DecodeGmailStatus reads {"data":{…}} or a bare object.
func DecodeGmailStatus(b []byte) (GmailStatus, error) {
	obj, err := decodeObject(b, "connected", "data")
	if err != nil {
		return GmailStatus{}, err
	}
	var s GmailStatus
	if err := json.Unmarshal(obj, &s); err != nil {
		return GmailStatus{}, err
	}
	s.LastSyncedAt = NormalizeTimestamp(s.LastSyncedAt)
	return s, nil
}

// GetGmailStatus reads GET /v1/sdr/gmail/status.
func (c *Client) GetGmailStatus(ctx context.Context) (GmailStatus, error) {
	return decodeInto(ctx, c, request{method: http.MethodGet, path: "/v1/sdr/gmail/status"}, DecodeGmailStatus)
}
