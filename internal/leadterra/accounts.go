package leadterra

import (
	"context"
	"encoding/json"
	"net/http"
)

// SenderAccount is a sending identity. Status is kept as the API sends it
// (active, paused, warming; the pages disagree).
type SenderAccount struct {
	ID     string `json:"id"`
	Email  string `json:"email"`
	Name   string `json:"name"`
	Status string `json:"status"`
}

// DecodeSenderAccount reads one account.
func DecodeSenderAccount(b []byte) (SenderAccount, error) {
	var a SenderAccount
	err := json.Unmarshal(b, &a)
	return a, err
}

// DecodeSenderAccounts reads GET /v1/sender-accounts: a bare array or
// {"data":[…]}.
func DecodeSenderAccounts(b []byte) ([]SenderAccount, error) {
	items, _, err := decodeList(b, "data", "senderAccounts", "accounts")
	if err != nil {
		return nil, err
	}
	return decodeEach(items, DecodeSenderAccount)
}

// ListSenderAccounts returns every sender account of the workspace.
func (c *Client) ListSenderAccounts(ctx context.Context) ([]SenderAccount, error) {
	return decodeInto(ctx, c, request{method: http.MethodGet, path: "/v1/sender-accounts"}, DecodeSenderAccounts)
}
