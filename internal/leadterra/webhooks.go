package leadterra

import (
	"context"
	"encoding/json"
	"net/http"
)

// Capability names of the webhook completions (DESIGN.md, "Completions and
// fallbacks").
const (
	CapWebhookList   = "GET /v1/webhooks"
	CapWebhookRead   = "GET /v1/webhooks/:id"
	CapWebhookUpdate = "PATCH /v1/webhooks/:id"
	CapWebhookDelete = "DELETE /v1/webhooks/:id"
)

// WebhookEvents are the documented event names.
var WebhookEvents = []string{"campaign.started", "message.sent", "message.bounced", "reply.received"}

// Webhook is a registered endpoint. SigningSecret is empty when the API
// does not return one.
type Webhook struct {
	ID            string
	URL           string
	Events        []string
	Status        string
	CreatedAt     string
	SigningSecret string
}

// WebhookInput is the body of a create or update.
type WebhookInput struct {
	URL    string   `json:"url"`
	Events []string `json:"events"`
}

type rawWebhook struct {
	ID            string   `json:"id"`
	URL           string   `json:"url"`
	Events        []string `json:"events"`
	Status        string   `json:"status"`
	CreatedAt     string   `json:"createdAt"`
	SigningSecret string   `json:"signingSecret"`
	Secret        string   `json:"secret"`
}

// DecodeWebhookObject reads one bare webhook object.
func DecodeWebhookObject(b []byte) (Webhook, error) {
	var r rawWebhook
	if err := json.Unmarshal(b, &r); err != nil {
		return Webhook{}, err
	}
	return Webhook{ID: r.ID, URL: r.URL, Events: r.Events, Status: r.Status, CreatedAt: NormalizeTimestamp(r.CreatedAt), SigningSecret: firstNonEmpty(r.SigningSecret, r.Secret)}, nil
}

// DecodeWebhook reads a webhook answer: bare, or under webhook or data, or
// under both ({"data":{"webhook":…}}).
func DecodeWebhook(b []byte) (Webhook, error) {
	obj, err := decodeObject(b, "id", "webhook", "data")
	if err != nil {
		return Webhook{}, err
	}
	return DecodeWebhookObject(obj)
}

func webhookPath(id string) string { return "/v1/webhooks/" + pathEscape(id) }

// CreateWebhook registers an endpoint. The idempotency key is sent on every
// attempt, but the documented API shows none: a failure after sending is an
// OutcomeUnknownError, never retried. An answer without an id fails with
// ErrCreateWithoutID.
func (c *Client) CreateWebhook(ctx context.Context, in WebhookInput, idempotencyKey string) (Webhook, error) {
	return decodeInto(ctx, c, request{method: http.MethodPost, path: "/v1/webhooks", body: in, idempotencyKey: idempotencyKey},
		requireID(DecodeWebhook, func(w Webhook) string { return w.ID }))
}

// ListWebhooks reads every page of the list completion (not documented; the
// contract reads completion lists bare or under webhooks or data). A listing
// cut short is an error (ListTruncatedError), never a shorter list.
func (c *Client) ListWebhooks(ctx context.Context) ([]Webhook, error) {
	list, cut, err := listPages(ctx, c, CapWebhookList, "/v1/webhooks", nil, 0, DecodeWebhookObject, "webhooks", "data")
	if err == nil && cut != nil {
		return nil, &ListTruncatedError{Path: "/v1/webhooks", Cut: *cut}
	}
	return list, err
}

// GetWebhook reads through the completion.
func (c *Client) GetWebhook(ctx context.Context, id string) (Webhook, error) {
	raw, err := c.completion(ctx, CapWebhookRead, request{method: http.MethodGet, path: webhookPath(id)})
	if err != nil {
		return Webhook{}, err
	}
	wh, err := DecodeWebhook(raw)
	if err != nil {
		return Webhook{}, &DecodeError{Method: http.MethodGet, Path: webhookPath(id), Err: err}
	}
	return wh, nil
}

// UpdateWebhook changes url and events through the completion.
func (c *Client) UpdateWebhook(ctx context.Context, id string, in WebhookInput) (Webhook, error) {
	raw, err := c.completion(ctx, CapWebhookUpdate, request{method: http.MethodPatch, path: webhookPath(id), body: in, idempotent: true})
	if err != nil {
		return Webhook{}, err
	}
	wh, err := DecodeWebhook(raw)
	if err != nil {
		return Webhook{}, &DecodeError{Method: http.MethodPatch, Path: webhookPath(id), Err: err}
	}
	return wh, nil
}

// DeleteWebhook deletes through the completion.
func (c *Client) DeleteWebhook(ctx context.Context, id string) error {
	_, err := c.completion(ctx, CapWebhookDelete, request{method: http.MethodDelete, path: webhookPath(id), idempotent: true})
	return err
}
