package leadterra

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// The JSON literals below are the examples of the public docs
// (docs.leadterra.co), quoted exactly, page named on each.

// api-reference/sender-pools: bare array, remainingVolume, senderAccountIds.
const docPoolsBare = `[
    {
      "id": "pool_01HABC123",
      "name": "Primary Outbound Pool",
      "dailyCapacity": 2000,
      "remainingVolume": 1340,
      "senderAccountIds": ["sa_01HXYZ001", "sa_01HXYZ002"]
    }
  ]`

// guides/create-campaign: {"pools":[…]} with senderCount.
const docPoolsGuide = `{
    "pools": [
      {"id": "pool_01HZ9KQMX7T3VB2N", "name": "Primary Outbound", "senderCount": 8, "dailyCapacity": 1600, "remainingVolume": 1243},
      {"id": "pool_01HZ9KQMX8W4VC3P", "name": "Warm-Up Pool", "senderCount": 3, "dailyCapacity": 300, "remainingVolume": 300}
    ]
  }`

// quickstart: {"senderPools":[…]} with remainingToday and senderCount.
const docPoolsQuickstart = `{
    "senderPools": [
      {"id": "pool_abc123", "name": "Primary Outbound", "dailyCapacity": 500, "remainingToday": 412, "senderCount": 8}
    ]
  }`

// api-reference/sender-accounts: bare array.
const docAccountsBare = `[
    {"id": "sa_01HXYZ001", "email": "alex.rivera@acme.io", "name": "Alex Rivera", "status": "active"},
    {"id": "sa_01HXYZ002", "email": "morgan.lee@acme.io", "name": "Morgan Lee", "status": "paused"}
  ]`

// concepts/sender-pools: {"data":[…]} with status warming.
const docAccountsData = `{
    "data": [
      {"id": "sa_01hx3kqp7mbn2vd9czf6yw4e8r", "email": "james.walker@mail.acmecorp.io", "name": "James Walker", "status": "active"},
      {"id": "sa_01hx3kqp9ncp4we0dzg7zx5f9s", "email": "sarah.chen@mail.acmecorp.io", "name": "Sarah Chen", "status": "active"},
      {"id": "sa_01hx3kqpbqdq5xf1eah8ay6g0t", "email": "mark.osei@mail.acmecorp.io", "name": "Mark Osei", "status": "warming"}
    ]
  }`

// api-reference/campaigns-create example request; the response fields echo it.
const docCampaignCreateBody = `{
    "name": "VP Sales - AI workflow",
    "sequenceSteps": [
      {
        "subject": "Quick question, {{firstName}}",
        "bodyHtml": "<p>Hi {{firstName}},</p><p>Saw your team is scaling outbound at {{company}}. I had a quick question about how you are handling workflow automation right now.</p><p>Worth a 15-minute call this week?</p>"
      }
    ]
  }`

const docStepBody = "<p>Hi {{firstName}},</p><p>Saw your team is scaling outbound at {{company}}. I had a quick question about how you are handling workflow automation right now.</p><p>Worth a 15-minute call this week?</p>"

// api-reference/campaigns-start and campaigns-pause.
const (
	docStart = `{"id": "camp_123", "status": "running", "startedAt": "2025-01-15T11:00:00Z"}`
	docPause = `{"id": "camp_123", "status": "paused", "pausedAt": "2025-01-15T14:22:00Z"}`
)

// guides/monitor-replies: {"replies":[…],"pagination":{…}}.
const docRepliesGuide = `{
    "replies": [
      {"id": "rpl_01HZB3MNPW6XT8QA", "email": "ava@acmecorp.com", "campaignId": "camp_01HZA1TPNQ8RD4KF", "classification": "interested", "receivedAt": "2025-06-11T09:14:32Z", "threadSnippet": "Hey, this actually looks relevant — can we jump on a call Thursday afternoon?"},
      {"id": "rpl_01HZB3MNPW6XT9RB", "email": "marcus@buildfast.io", "campaignId": "camp_01HZA1TPNQ8RD4KF", "classification": "out_of_office", "receivedAt": "2025-06-11T08:47:10Z", "threadSnippet": "I'm out of office until June 16. For urgent matters, please contact..."}
    ],
    "pagination": {"total": 2, "page": 1, "perPage": 50}
  }`

// concepts/replies: {"data":[…]}. The page is cut off inside the second
// item ("not_inte…"); the item is completed with the documented value.
const docRepliesData = `{
    "data": [
      {"id": "rpl_01hx5ntrqbdp8xj3ghm2az7c4k", "email": "priya.sharma@voltmetrics.io", "campaignId": "camp_01hx4mrqpbcn7wh2gfk9yz6e3s", "classification": "interested", "receivedAt": "2025-01-15T11:04:32Z", "threadSnippet": "Hi James, yes this looks relevant — can we find 20 minutes this Thursday?"},
      {"id": "rpl_01hx5ntrqdep9yk4him3ba8d5l", "email": "dan.foster@loopcraft.com", "campaignId": "camp_01hx4mrqpbcn7wh2gfk9yz6e3s", "classification": "not_interested"}
    ]
  }`

// api-reference/suppression-list and guides/suppression.
const (
	docSuppressionBare   = `{"suppressed": 2}`
	docSuppressionResult = `{"result": {"suppressed": 1, "alreadySuppressed": 0, "total": 1}}`
)

// guides/webhooks: {"webhook":{…}}.
const docWebhookGuide = `{
    "webhook": {
      "id": "wh_01HZC7RQNP4XT2KM",
      "url": "https://your-app.com/webhooks/leadterra",
      "events": ["campaign.started", "message.sent", "message.bounced", "reply.received"],
      "status": "active",
      "createdAt": "2025-06-10T16:00:00Z"
    }
  }`

// guides/sdr-assign-followups and api-reference/sdr-gmail-status.
const (
	docSDRs        = `{"data": [{"id": "sdr_id", "name": "Jordan Lee", "email": "jordan@example.com", "gmailConnected": true, "gmailEmail": "jordan.sdr@gmail.com"}]}`
	docGmailStatus = `{"data": {"connected": true, "email": "jordan.sdr@gmail.com", "healthState": "active", "lastSyncedAt": "2026-06-28T18:00:00.000Z"}}`
)

var allWebhookEvents = []string{"campaign.started", "message.sent", "message.bounced", "reply.received"}

func TestDecodeSenderPools(t *testing.T) {
	primaryGuide := SenderPool{ID: "pool_01HZ9KQMX7T3VB2N", Name: "Primary Outbound", DailyCapacity: 1600, RemainingVolume: 1243, SenderCount: 8}
	warmGuide := SenderPool{ID: "pool_01HZ9KQMX8W4VC3P", Name: "Warm-Up Pool", DailyCapacity: 300, RemainingVolume: 300, SenderCount: 3}
	apiRef := SenderPool{ID: "pool_01HABC123", Name: "Primary Outbound Pool", DailyCapacity: 2000, RemainingVolume: 1340,
		SenderAccountIDs: []string{"sa_01HXYZ001", "sa_01HXYZ002"}, SenderCount: 2}
	tests := []struct {
		name string
		in   string
		want []SenderPool
	}{
		{"api-ref bare array: count derived from ids", docPoolsBare, []SenderPool{apiRef}},
		{"create-campaign guide: pools wrapper with senderCount", docPoolsGuide, []SenderPool{primaryGuide, warmGuide}},
		{"quickstart: senderPools wrapper with remainingToday", docPoolsQuickstart, []SenderPool{
			{ID: "pool_abc123", Name: "Primary Outbound", DailyCapacity: 500, RemainingVolume: 412, SenderCount: 8}}},
		{"data wrapper", `{"data":[{"id":"pool_01HABC123","name":"Primary Outbound Pool","dailyCapacity":2000,"remainingVolume":1340,"senderAccountIds":["sa_01HXYZ001","sa_01HXYZ002"]}]}`,
			[]SenderPool{apiRef}},
		{"unknown fields ignored", `{"object":"list","hasMore":false,"pools":[{"id":"pool_01HZ9KQMX7T3VB2N","name":"Primary Outbound","senderCount":8,"dailyCapacity":1600,"remainingVolume":1243,"region":"eu-west","warmup":{"enabled":true,"days":[1,2]}}]}`,
			[]SenderPool{primaryGuide}},
		{"numbers as strings and as 1600.0", `[{"id":"p","dailyCapacity":"1600","remainingToday":"12.0","senderCount":" 3 "}]`,
			[]SenderPool{{ID: "p", DailyCapacity: 1600, RemainingVolume: 12, SenderCount: 3}}},
		{"remainingVolume preferred to remainingToday", `[{"id":"p","remainingVolume":5,"remainingToday":9}]`,
			[]SenderPool{{ID: "p", RemainingVolume: 5}}},
		{"empty id list gives zero count", `[{"id":"p","senderAccountIds":[]}]`,
			[]SenderPool{{ID: "p", SenderAccountIDs: []string{}, SenderCount: 0}}},
		{"null wrapper key skipped for the next one", `{"pools":null,"senderPools":[{"id":"p","senderCount":1}]}`,
			[]SenderPool{{ID: "p", SenderCount: 1}}},
		{"empty list", `[]`, []SenderPool{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeSenderPools([]byte(tt.in))
			mustOK(t, err)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestDecodeSenderPoolsRejects(t *testing.T) {
	for _, in := range []string{``, `null`, `{}`, `"pools"`, `{"pools":"x"}`, `[1]`, `{"pools":[{"dailyCapacity":"lots"}]}`,
		`[{"remainingVolume":1.5}]`, `[{"senderCount":1e300}]`, `[`, `{"pools":[`} {
		if got, err := DecodeSenderPools([]byte(in)); err == nil {
			t.Errorf("DecodeSenderPools(%q) = %+v, want an error", in, got)
		}
	}
}

func TestDecodeSenderAccounts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []SenderAccount
	}{
		{"api-ref bare array", docAccountsBare, []SenderAccount{
			{ID: "sa_01HXYZ001", Email: "alex.rivera@acme.io", Name: "Alex Rivera", Status: "active"},
			{ID: "sa_01HXYZ002", Email: "morgan.lee@acme.io", Name: "Morgan Lee", Status: "paused"},
		}},
		{"concept data wrapper with warming kept", docAccountsData, []SenderAccount{
			{ID: "sa_01hx3kqp7mbn2vd9czf6yw4e8r", Email: "james.walker@mail.acmecorp.io", Name: "James Walker", Status: "active"},
			{ID: "sa_01hx3kqp9ncp4we0dzg7zx5f9s", Email: "sarah.chen@mail.acmecorp.io", Name: "Sarah Chen", Status: "active"},
			{ID: "sa_01hx3kqpbqdq5xf1eah8ay6g0t", Email: "mark.osei@mail.acmecorp.io", Name: "Mark Osei", Status: "warming"},
		}},
		{"unknown status and extra fields kept/ignored", `{"data":[{"id":"sa_1","email":"a@b.c","name":"A","status":"suspended","dailyLimit":40,"provider":{"kind":"gmail"}}],"pagination":{"total":1}}`,
			[]SenderAccount{{ID: "sa_1", Email: "a@b.c", Name: "A", Status: "suspended"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeSenderAccounts([]byte(tt.in))
			mustOK(t, err)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
	for _, in := range []string{``, `{}`, `{"data":{"id":"sa_1"}}`, `[{"id":5}]`, `<html></html>`} {
		if got, err := DecodeSenderAccounts([]byte(in)); err == nil {
			t.Errorf("DecodeSenderAccounts(%q) = %+v, want an error", in, got)
		}
	}
}

func TestDecodeCampaign(t *testing.T) {
	steps := []Step{{Subject: "Quick question, {{firstName}}", BodyHTML: docStepBody}}
	// The create response echoes the request fields at top level (API-ref).
	var bareCreate map[string]any
	if err := json.Unmarshal([]byte(docCampaignCreateBody), &bareCreate); err != nil {
		t.Fatal(err)
	}
	bareCreate["id"] = "camp_123"
	bareCreate["status"] = "draft"
	bareCreate["createdAt"] = "2025-01-15T10:58:00Z"
	bare, _ := json.Marshal(bareCreate)
	want := Campaign{ID: "camp_123", Name: "VP Sales - AI workflow", Status: StatusDraft, Steps: steps, CreatedAt: "2025-01-15T10:58:00Z"}
	three := int64(3)

	tests := []struct {
		name string
		in   string
		want Campaign
	}{
		{"api-ref bare object", string(bare), want},
		{"quickstart campaign wrapper", `{"campaign":` + string(bare) + `}`, want},
		{"data wrapper", `{"data":` + string(bare) + `}`, want},
		{"millisecond createdAt normalised", `{"id":"camp_123","name":"VP Sales - AI workflow","status":"draft","sequenceSteps":[{"subject":"Quick question, {{firstName}}","bodyHtml":` + mustJSON(t, docStepBody) + `}],"createdAt":"2025-01-15T10:58:00.000Z"}`, want},
		{"status active read as running", `{"campaign":{"id":"camp_01HZA1TPNQ8RD4KF","name":"n","status":"active"}}`,
			Campaign{ID: "camp_01HZA1TPNQ8RD4KF", Name: "n", Status: StatusRunning}},
		{"delayDays as number and as string", `{"id":"camp_1","status":"draft","sequenceSteps":[{"subject":"a","bodyHtml":"b"},{"subject":"c","bodyHtml":"d","delayDays":"3"}]}`,
			Campaign{ID: "camp_1", Status: StatusDraft, Steps: []Step{{Subject: "a", BodyHTML: "b"}, {Subject: "c", BodyHTML: "d", DelayDays: &three}}}},
		{"unknown fields and unknown status kept as sent", `{"id":"camp_1","status":"archived","owner":{"id":"u_1"},"tags":["q3"],"sequenceSteps":[{"subject":"a","bodyHtml":"b","id":"step_1","variant":"A"}]}`,
			Campaign{ID: "camp_1", Status: "archived", Steps: []Step{{Subject: "a", BodyHTML: "b"}}}},
		{"lower-case ULID id kept verbatim", `{"id":"camp_01hx4mrqpbcn7wh2gfk9yz6e3s","status":"paused","pausedAt":"2025-01-15T14:22:00.500Z"}`,
			Campaign{ID: "camp_01hx4mrqpbcn7wh2gfk9yz6e3s", Status: StatusPaused, PausedAt: "2025-01-15T14:22:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeCampaign([]byte(tt.in))
			mustOK(t, err)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
	for _, in := range []string{``, `null`, `[]`, `{}`, `{"campaign":"camp_1"}`, `{"campaign":null}`, `{"id":5}`, `{"id":"c","sequenceSteps":[{"delayDays":"soon"}]}`} {
		if got, err := DecodeCampaign([]byte(in)); err == nil {
			t.Errorf("DecodeCampaign(%q) = %+v, want an error", in, got)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDecodeCampaignState(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want CampaignState
	}{
		{"start answer", docStart, CampaignState{ID: "camp_123", Status: StatusRunning, StartedAt: "2025-01-15T11:00:00Z"}},
		{"pause answer", docPause, CampaignState{ID: "camp_123", Status: StatusPaused, PausedAt: "2025-01-15T14:22:00Z"}},
		{"pause on a draft is a no-op returning draft", `{"id": "camp_123", "status": "draft"}`, CampaignState{ID: "camp_123", Status: StatusDraft}},
		{"active synonym", `{"id":"camp_123","status":"active","startedAt":"2025-01-15T11:00:00.000Z"}`, CampaignState{ID: "camp_123", Status: StatusRunning, StartedAt: "2025-01-15T11:00:00Z"}},
		{"wrapped", `{"campaign":` + docStart + `}`, CampaignState{ID: "camp_123", Status: StatusRunning, StartedAt: "2025-01-15T11:00:00Z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeCampaignState([]byte(tt.in))
			mustOK(t, err)
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	if _, err := DecodeCampaignState([]byte(`{"status":"running"}`)); err == nil {
		t.Error("a state without id must not decode")
	}
}

func TestDecodeCampaignStats(t *testing.T) {
	full := CampaignStats{CampaignID: "camp_123", TotalEnrolled: 4, Sent: 4, Delivered: 3, Bounced: 1, Replied: 1, Queued: 0, OpenRate: 0.42, ReplyRate: 0.08}
	tests := []struct {
		name string
		in   string
		want CampaignStats
	}{
		{"ints and floats", `{"campaignId":"camp_123","totalEnrolled":4,"sent":4,"delivered":3,"bounced":1,"replied":1,"queued":0,"openRate":0.42,"replyRate":0.08}`, full},
		{"numbers as strings", `{"campaignId":"camp_123","totalEnrolled":"4","sent":"4","delivered":"3","bounced":"1","replied":"1","queued":"0","openRate":"0.42","replyRate":"0.08"}`, full},
		{"integral floats for counters, int rates", `{"campaignId":"camp_123","totalEnrolled":4.0,"sent":4e0,"delivered":3,"bounced":1,"replied":1,"queued":0,"openRate":1,"replyRate":0}`,
			CampaignStats{CampaignID: "camp_123", TotalEnrolled: 4, Sent: 4, Delivered: 3, Bounced: 1, Replied: 1, OpenRate: 1}},
		{"stats wrapper", `{"stats":{"campaignId":"camp_123","totalEnrolled":4,"sent":4,"delivered":3,"bounced":1,"replied":1,"queued":0,"openRate":0.42,"replyRate":0.08}}`, full},
		{"data wrapper without campaignId", `{"data":{"sent":7,"openRate":0.5}}`, CampaignStats{Sent: 7, OpenRate: 0.5}},
		{"bare without campaignId, nulls, unknown fields", `{"sent":7,"queued":null,"clicked":3,"byStep":[{"step":1}]}`, CampaignStats{Sent: 7}},
		{"large counters", `{"campaignId":"c","sent":9007199254740993,"delivered":"9223372036854775807"}`,
			CampaignStats{CampaignID: "c", Sent: 9007199254740993, Delivered: 9223372036854775807}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeCampaignStats([]byte(tt.in))
			mustOK(t, err)
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	for _, in := range []string{``, `[]`, `"x"`, `{"sent":"many"}`, `{"sent":1.5}`, `{"openRate":"NaN"}`, `{"openRate":"Inf"}`, `{"sent":true}`} {
		if got, err := DecodeCampaignStats([]byte(in)); err == nil {
			t.Errorf("DecodeCampaignStats(%q) = %+v, want an error", in, got)
		}
	}
}

func TestDecodeBulkResult(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want BulkResult
	}{
		{"api-ref enrolled/updated/total", `{"enrolled": 3, "updated": 1, "total": 4}`, BulkResult{Enrolled: 3, Updated: 1, Total: 4}},
		{"guide: skipped as a count, total absent", `{"enrolled": 2, "updated": 1, "skipped": 1}`,
			BulkResult{Enrolled: 2, Updated: 1, Total: 3, Skipped: 1, SkippedReported: true}},
		{"total kept even when it is not enrolled+updated", `{"enrolled": 2, "updated": 1, "total": 4, "skipped": 1}`,
			BulkResult{Enrolled: 2, Updated: 1, Total: 4, Skipped: 1, SkippedReported: true}},
		{"skipped zero is still reported", `{"enrolled":4,"updated":0,"total":4,"skipped":0}`,
			BulkResult{Enrolled: 4, Total: 4, SkippedReported: true}},
		{"skipped as a list of addresses", `{"enrolled":1,"updated":0,"total":1,"skipped":["x@example.com","y@example.com"]}`,
			BulkResult{Enrolled: 1, Total: 1, Skipped: 2, SkippedReported: true, SkippedEmails: []string{"x@example.com", "y@example.com"}}},
		{"skipped null is not reported", `{"enrolled":1,"updated":0,"total":1,"skipped":null}`, BulkResult{Enrolled: 1, Total: 1}},
		{"result wrapper, strings, unknown fields", `{"result":{"enrolled":"3","updated":"1","total":"4","requestId":"r1","invalid":[]}}`,
			BulkResult{Enrolled: 3, Updated: 1, Total: 4}},
		{"data wrapper", `{"data":{"enrolled":0,"updated":3,"total":3}}`, BulkResult{Updated: 3, Total: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeBulkResult([]byte(tt.in))
			mustOK(t, err)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
	for _, in := range []string{``, `[]`, `{}`, `{"enrolled":"x"}`, `{"result":[1]}`} {
		if got, err := DecodeBulkResult([]byte(in)); err == nil {
			t.Errorf("DecodeBulkResult(%q) = %+v, want an error", in, got)
		}
	}
}

func TestBulkResultAdd(t *testing.T) {
	sum := BulkResult{Enrolled: 1, Total: 1}
	sum.Add(BulkResult{Enrolled: 2, Updated: 3, Total: 6, Skipped: 1, SkippedReported: true, SkippedEmails: []string{"s@x.io"}})
	want := BulkResult{Enrolled: 3, Updated: 3, Total: 7, Skipped: 1, SkippedReported: true, SkippedEmails: []string{"s@x.io"}}
	if !reflect.DeepEqual(sum, want) {
		t.Errorf("got %+v, want %+v", sum, want)
	}
}

func TestDecodeReplies(t *testing.T) {
	guide := []Reply{
		{ID: "rpl_01HZB3MNPW6XT8QA", Email: "ava@acmecorp.com", CampaignID: "camp_01HZA1TPNQ8RD4KF", Classification: "interested", ReceivedAt: "2025-06-11T09:14:32Z",
			ThreadSnippet: "Hey, this actually looks relevant — can we jump on a call Thursday afternoon?"},
		{ID: "rpl_01HZB3MNPW6XT9RB", Email: "marcus@buildfast.io", CampaignID: "camp_01HZA1TPNQ8RD4KF", Classification: "out_of_office", ReceivedAt: "2025-06-11T08:47:10Z",
			ThreadSnippet: "I'm out of office until June 16. For urgent matters, please contact..."},
	}
	// api-reference/replies: "an array of reply objects".
	var g struct {
		Replies json.RawMessage `json:"replies"`
	}
	if err := json.Unmarshal([]byte(docRepliesGuide), &g); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   string
		want []Reply
	}{
		{"api-ref bare array", string(g.Replies), guide},
		{"guide replies with pagination", docRepliesGuide, guide},
		{"concept data wrapper", docRepliesData, []Reply{
			{ID: "rpl_01hx5ntrqbdp8xj3ghm2az7c4k", Email: "priya.sharma@voltmetrics.io", CampaignID: "camp_01hx4mrqpbcn7wh2gfk9yz6e3s", Classification: "interested",
				ReceivedAt: "2025-01-15T11:04:32Z", ThreadSnippet: "Hi James, yes this looks relevant — can we find 20 minutes this Thursday?"},
			{ID: "rpl_01hx5ntrqdep9yk4him3ba8d5l", Email: "dan.foster@loopcraft.com", CampaignID: "camp_01hx4mrqpbcn7wh2gfk9yz6e3s", Classification: "not_interested"},
		}},
		{"unknown classifications kept, ms timestamp normalised, extra fields ignored",
			`[{"id":"rpl_1","classification":"referral","receivedAt":"2025-06-11T09:14:32.000Z","sentiment":0.9},{"id":"rpl_2","classification":"positive","lead":{"firstName":"Ava"}}]`,
			[]Reply{{ID: "rpl_1", Classification: "referral", ReceivedAt: "2025-06-11T09:14:32Z"}, {ID: "rpl_2", Classification: "positive"}}},
		{"empty page", `{"replies":[],"pagination":{"total":0,"page":1,"perPage":50}}`, []Reply{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeReplies([]byte(tt.in))
			mustOK(t, err)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
	for _, in := range []string{``, `{}`, `{"replies":{}}`, `[{"id":1}]`} {
		if got, err := DecodeReplies([]byte(in)); err == nil {
			t.Errorf("DecodeReplies(%q) = %+v, want an error", in, got)
		}
	}
}

func TestDecodeSuppressionResult(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want SuppressionResult
	}{
		{"api-ref count", docSuppressionBare, SuppressionResult{Suppressed: 2}},
		{"guide result wrapper", docSuppressionResult, SuppressionResult{Suppressed: 1, AlreadySuppressed: 0, Total: 1, Detailed: true}},
		{"data wrapper with strings and extras", `{"data":{"suppressed":"3","alreadySuppressed":"2","total":"5","ids":["x"]}}`,
			SuppressionResult{Suppressed: 3, AlreadySuppressed: 2, Total: 5, Detailed: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeSuppressionResult([]byte(tt.in))
			mustOK(t, err)
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	for _, in := range []string{``, `{}`, `[]`, `{"result":5}`, `{"suppressed":"two"}`} {
		if got, err := DecodeSuppressionResult([]byte(in)); err == nil {
			t.Errorf("DecodeSuppressionResult(%q) = %+v, want an error", in, got)
		}
	}
}

func TestDecodeWebhook(t *testing.T) {
	want := Webhook{ID: "wh_01HZC7RQNP4XT2KM", URL: "https://your-app.com/webhooks/leadterra", Events: allWebhookEvents, Status: "active", CreatedAt: "2025-06-10T16:00:00Z"}
	var g struct {
		Webhook json.RawMessage `json:"webhook"`
	}
	if err := json.Unmarshal([]byte(docWebhookGuide), &g); err != nil {
		t.Fatal(err)
	}
	withSecret := want
	withSecret.SigningSecret = "whsec_abc"
	tests := []struct {
		name string
		in   string
		want Webhook
	}{
		{"guide webhook wrapper", docWebhookGuide, want},
		{"api-ref bare", string(g.Webhook), want},
		{"data wrapper, ms timestamp, extras", `{"data":{"id":"wh_01HZC7RQNP4XT2KM","url":"https://your-app.com/webhooks/leadterra","events":["campaign.started","message.sent","message.bounced","reply.received"],"status":"active","createdAt":"2025-06-10T16:00:00.000Z","deliveries":{"failed":0}}}`, want},
		{"secret field", `{"id":"wh_01HZC7RQNP4XT2KM","url":"https://your-app.com/webhooks/leadterra","events":["campaign.started","message.sent","message.bounced","reply.received"],"status":"active","createdAt":"2025-06-10T16:00:00Z","secret":"whsec_abc"}`, withSecret},
		{"signingSecret field", `{"webhook":{"id":"wh_01HZC7RQNP4XT2KM","url":"https://your-app.com/webhooks/leadterra","events":["campaign.started","message.sent","message.bounced","reply.received"],"status":"active","createdAt":"2025-06-10T16:00:00Z","signingSecret":"whsec_abc"}}`, withSecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeWebhook([]byte(tt.in))
			mustOK(t, err)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
	for _, in := range []string{``, `{}`, `[]`, `{"webhook":"wh_1"}`, `{"id":"wh_1","events":"reply.received"}`} {
		if got, err := DecodeWebhook([]byte(in)); err == nil {
			t.Errorf("DecodeWebhook(%q) = %+v, want an error", in, got)
		}
	}
}

func TestDecodeSDRsAndGmailStatus(t *testing.T) {
	wantSDR := []SDR{{ID: "sdr_id", Name: "Jordan Lee", Email: "jordan@example.com", GmailConnected: true, GmailEmail: "jordan.sdr@gmail.com"}}
	for _, in := range []string{docSDRs, `[{"id": "sdr_id", "name": "Jordan Lee", "email": "jordan@example.com", "gmailConnected": true, "gmailEmail": "jordan.sdr@gmail.com", "role":"sdr"}]`} {
		got, err := DecodeSDRs([]byte(in))
		mustOK(t, err)
		if !reflect.DeepEqual(got, wantSDR) {
			t.Errorf("DecodeSDRs(%s) = %+v, want %+v", in, got, wantSDR)
		}
	}
	wantGmail := GmailStatus{Connected: true, Email: "jordan.sdr@gmail.com", HealthState: "active", LastSyncedAt: "2026-06-28T18:00:00Z"}
	for _, in := range []string{docGmailStatus, `{"connected": true, "email": "jordan.sdr@gmail.com", "healthState": "active", "lastSyncedAt": "2026-06-28T18:00:00Z", "provider":"composio"}`} {
		got, err := DecodeGmailStatus([]byte(in))
		mustOK(t, err)
		if got != wantGmail {
			t.Errorf("DecodeGmailStatus(%s) = %+v, want %+v", in, got, wantGmail)
		}
	}
	got, err := DecodeGmailStatus([]byte(`{"data":{"connected":false,"healthState":"needs_reauth","lastSyncError":"token expired"}}`))
	mustOK(t, err)
	if got.Connected || got.HealthState != "needs_reauth" || got.LastSyncError != "token expired" {
		t.Errorf("got %+v", got)
	}
	for _, in := range []string{``, `{}`, `{"data":[]}`, `{"data":{"connected":"yes"}}`} {
		if got, err := DecodeGmailStatus([]byte(in)); err == nil {
			t.Errorf("DecodeGmailStatus(%q) = %+v, want an error", in, got)
		}
	}
	if got, err := DecodeSDRs([]byte(`{"data":{}}`)); err == nil {
		t.Errorf("DecodeSDRs of an object = %+v, want an error", got)
	}
}

func TestDecodeListNestedAndPagination(t *testing.T) {
	// sdr-inbox: {"data":{"threads":[…],"total":1,"hasMore":false}}
	inbox := `{"data": {"threads": [{"id": "thread_id", "contactEmail": "ava@example.com", "contactName": "Ava Patel", "subject": "Re: Quick question", "status": "new", "category": "A", "priorityScore": 85, "lastMessageAt": "2026-06-28T18:30:00.000Z"}], "total": 1, "hasMore": false}}`
	items, pg, err := decodeList([]byte(inbox), "data", "threads")
	mustOK(t, err)
	if len(items) != 1 || !strings.Contains(string(items[0]), `"thread_id"`) {
		t.Errorf("items = %s", items)
	}
	if !pg.Present || pg.Total != 1 || pg.HasMore {
		t.Errorf("pagination = %+v, want present total 1 hasMore false", pg)
	}
	_, pg, err = decodeList([]byte(docRepliesGuide), "replies", "data")
	mustOK(t, err)
	if want := (Pagination{Total: 2, Page: 1, PerPage: 50, Present: true}); pg != want {
		t.Errorf("pagination = %+v, want %+v", pg, want)
	}
	_, pg, err = decodeList([]byte(docRepliesData), "replies", "data")
	mustOK(t, err)
	if pg.Present {
		t.Errorf("no pagination object, got %+v", pg)
	}
}

func TestNormalizeTimestamp(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2025-01-15T11:00:00Z", "2025-01-15T11:00:00Z"},
		{"2025-01-15T11:00:00.000Z", "2025-01-15T11:00:00Z"},
		{"2025-01-15T11:00:00.999999999Z", "2025-01-15T11:00:00Z"},
		{"2026-06-28T18:30:00.000Z", "2026-06-28T18:30:00Z"},
		{"2025-01-15T13:00:00+02:00", "2025-01-15T11:00:00Z"},
		{"2025-01-15T06:30:00.250-04:30", "2025-01-15T11:00:00Z"},
		{"", ""},
		{"yesterday", "yesterday"},
		{"2025-01-15 11:00:00", "2025-01-15 11:00:00"},
		{"1736938800", "1736938800"},
	}
	for _, tt := range tests {
		if got := NormalizeTimestamp(tt.in); got != tt.want {
			t.Errorf("NormalizeTimestamp(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// The same instant rendered both ways compares equal.
	if a, b := NormalizeTimestamp("2025-06-10T16:00:00Z"), NormalizeTimestamp("2025-06-10T16:00:00.000Z"); a != b {
		t.Errorf("seconds %q and milliseconds %q differ", a, b)
	}
}

func TestNormalizeStatus(t *testing.T) {
	for in, want := range map[string]string{"active": "running", "running": "running", "paused": "paused", "draft": "draft", "Active": "Active", "": ""} {
		if got := NormalizeStatus(in); got != want {
			t.Errorf("NormalizeStatus(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDecodeLead(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Lead
	}{
		{"api-ref lead with a top-level custom field", `{"email":"ava@example.com","firstName":"Ava","company":"ExampleCo","jobTitle":"VP Sales","useCase":"AI workflow"}`,
			Lead{Email: "ava@example.com", FirstName: "Ava", Company: "ExampleCo", JobTitle: "VP Sales", CustomFields: map[string]string{"useCase": "AI workflow"}}},
		{"guide lead with a customFields object", `{"email":"ava@acmecorp.com","firstName":"Ava","lastName":"Chen","company":"Acme Corp","jobTitle":"VP Sales","customFields":{"industry":"SaaS","employees":120,"note":null}}`,
			Lead{Email: "ava@acmecorp.com", FirstName: "Ava", LastName: "Chen", Company: "Acme Corp", JobTitle: "VP Sales", CustomFields: map[string]string{"industry": "SaaS", "employees": "120"}}},
		{"both ways; listing metadata is not a custom field", `{"id":"lead_1","campaignId":"camp_1","status":"active","createdAt":"2025-01-01T00:00:00Z","currentStep":2,"email":"ben@example.com","useCase":"x","customFields":{"tier":"gold"}}`,
			Lead{Email: "ben@example.com", CustomFields: map[string]string{"useCase": "x", "tier": "gold"}}},
		{"no custom fields gives a nil map; non-string top-level values dropped", `{"email":"cara@example.com","firstName":"Cara","score":5,"tags":["a"]}`,
			Lead{Email: "cara@example.com", FirstName: "Cara"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeLead([]byte(tt.in))
			mustOK(t, err)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
	if _, err := DecodeLead([]byte(`["ava@example.com"]`)); err == nil {
		t.Error("an array is not a lead")
	}
}

func TestLeadMarshalJSON(t *testing.T) {
	l := Lead{Email: "marcus@buildfast.io", FirstName: "Marcus", Company: "BuildFast",
		CustomFields: map[string]string{"useCase": "onboarding", "company": "Not This", "status": "vip", "firstName": "Nope", "lastName": "Ghost"}}
	b, err := json.Marshal(l)
	mustOK(t, err)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	checks := map[string]any{"email": "marcus@buildfast.io", "firstName": "Marcus", "company": "BuildFast", "useCase": "onboarding"}
	for k, want := range checks {
		if m[k] != want {
			t.Errorf("top-level %s = %v, want %v (body %s)", k, m[k], want, b)
		}
	}
	for _, absent := range []string{"lastName", "jobTitle", "status"} {
		if _, ok := m[absent]; ok {
			t.Errorf("top-level %q must be absent (empty standard field, or a listing key), body %s", absent, b)
		}
	}
	cf, ok := m["customFields"].(map[string]any)
	if !ok || len(cf) != 5 || cf["useCase"] != "onboarding" || cf["status"] != "vip" || cf["company"] != "Not This" || cf["lastName"] != "Ghost" {
		t.Errorf("customFields = %v, want all five custom fields", m["customFields"])
	}

	// A lead without custom fields sends no customFields key at all.
	b, _ = json.Marshal(Lead{Email: "dan@example.com"})
	if string(b) != `{"email":"dan@example.com"}` {
		t.Errorf("minimal lead = %s", b)
	}
}

func TestLeadRoundTrip(t *testing.T) {
	leads := []Lead{
		{Email: "ava@example.com", FirstName: "Ava", Company: "ExampleCo", JobTitle: "VP Sales"},
		{Email: "priya@nexusai.com", FirstName: "Priya", LastName: "Sharma", Company: "Nexus AI", JobTitle: "Director of Revenue",
			CustomFields: map[string]string{"useCase": "pipeline", "empty": "", "id": "crm-7", "lastName": "Shadow"}},
		// A custom field named like an empty standard field must not turn
		// into that standard field on the wire.
		{Email: "dan@example.com", CustomFields: map[string]string{"jobTitle": "Ghost"}},
	}
	for _, l := range leads {
		b, err := json.Marshal(l)
		mustOK(t, err)
		got, err := DecodeLead(b)
		mustOK(t, err)
		if !reflect.DeepEqual(got, l) {
			t.Errorf("round trip of %+v gave %+v (wire %s)", l, got, b)
		}
	}
}
