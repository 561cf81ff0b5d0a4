package leadterra

import (
	"context"
	"encoding/json"
	"net/url"
)

// Reply is a classified inbound reply. Classification is kept as sent:
// the documented list is not closed.
type Reply struct {
	ID             string
	Email          string
	CampaignID     string
	Classification string
	ReceivedAt     string
	ThreadSnippet  string
}

type rawReply struct {
	ID             string `json:"id"`
	Email          string `json:"email"`
	CampaignID     string `json:"campaignId"`
	Classification string `json:"classification"`
	ReceivedAt     string `json:"receivedAt"`
	ThreadSnippet  string `json:"threadSnippet"`
}

// DecodeReply reads one reply.
func DecodeReply(b []byte) (Reply, error) {
	var r rawReply
	if err := json.Unmarshal(b, &r); err != nil {
		return Reply{}, err
	}
	return Reply{ID: r.ID, Email: r.Email, CampaignID: r.CampaignID, Classification: r.Classification, ReceivedAt: NormalizeTimestamp(r.ReceivedAt), ThreadSnippet: r.ThreadSnippet}, nil
}

// DecodeReplies reads one page: bare array, {"replies":[…],"pagination"} or
// {"data":[…]}.
func DecodeReplies(b []byte) ([]Reply, error) {
	items, _, err := decodeList(b, "replies", "data")
	if err != nil {
		return nil, err
	}
	return decodeEach(items, DecodeReply)
}

// ListReplies reads every page (at most maxPages, 0 for DefaultMaxPages).
// truncated reports a listing cut short: the cap was reached, or the server
// repeated a page while saying more remain. campaignID may be empty for the
// whole workspace.
func (c *Client) ListReplies(ctx context.Context, campaignID string, maxPages int) (replies []Reply, truncated bool, err error) {
	q := url.Values{}
	if campaignID != "" {
		q.Set("campaignId", campaignID)
	}
	replies, cut, err := listPages(ctx, c, "", "/v1/replies", q, maxPages, DecodeReply, "replies", "data")
	return replies, cut != nil, err
}
