package leadterra

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Seeds shared by every JSON decoder: empty and degenerate bodies, deep
// nesting, numbers out of range and bytes that are not UTF-8.
var edgeSeeds = []string{
	"", " ", "null", "[]", "{}", "[null]", "[{}]", `""`, `0`, `true`, "[[[]]]",
	`{"data":null}`, `{"data":{}}`, `{"data":[]}`, `{"data":[null]}`,
	strings.Repeat("[", 20000), strings.Repeat(`{"a":`, 20000),
	strings.Repeat("[", 500) + strings.Repeat("]", 500),
	strings.Repeat(`{"data":`, 300) + "[]" + strings.Repeat("}", 300),
	"\xff\xfe\xfd", `{"id":"` + "\xff\xfe" + `"}`, `["` + "\xc3\x28" + `"]`,
	`{"n":1e999}`, `{"n":123456789012345678901234567890}`, `{"n":-0}`,
	`<html><title>502</title></html>`, `{"id":"camp_1"`, `{"id":"camp_1"}}`,
}

func addSeeds(f *testing.F, seeds ...string) {
	for _, s := range append(seeds, edgeSeeds...) {
		f.Add([]byte(s))
	}
}

// plainASCII reports input without escapes or non-ASCII bytes, for which a
// substring test reliably tells whether a JSON key occurs (encoding/json
// matches keys case-insensitively, with Unicode folding).
func plainASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 || c == '\\' {
			return false
		}
	}
	return true
}

func mentions(b []byte, key string) bool {
	return !plainASCII(b) || bytes.Contains(bytes.ToLower(b), []byte(strings.ToLower(key)))
}

func checkTimestamp(t *testing.T, field, s string) {
	t.Helper()
	if again := NormalizeTimestamp(s); again != s {
		t.Errorf("%s %q is not normalised: normalises again to %q", field, s, again)
	}
}

func FuzzDecodeSenderPools(f *testing.F) {
	addSeeds(f, docPoolsBare, docPoolsGuide, docPoolsQuickstart,
		`{"data":[{"id":"p","senderAccountIds":["a","b","c"]}]}`,
		`[{"senderCount":-1,"remainingToday":"-5"}]`, `[{"senderCount":"9223372036854775807"}]`,
		`[{"dailyCapacity":9007199254740993.0}]`, `[{"senderAccountIds":null,"senderCount":null}]`,
		`{"pools":null,"senderPools":null,"data":null}`, `{"pools":{"pools":[{"id":"x"}]}}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		pools, err := DecodeSenderPools(data)
		if err != nil {
			return
		}
		for _, p := range pools {
			if !mentions(data, "senderCount") && p.SenderCount != int64(len(p.SenderAccountIDs)) {
				t.Errorf("SenderCount %d not derived from %d ids", p.SenderCount, len(p.SenderAccountIDs))
			}
			if p.SenderCount < 0 && !mentions(data, "senderCount") {
				t.Errorf("negative derived SenderCount %d", p.SenderCount)
			}
			if !mentions(data, "remainingVolume") && !mentions(data, "remainingToday") && p.RemainingVolume != 0 {
				t.Errorf("RemainingVolume %d from nowhere", p.RemainingVolume)
			}
		}
	})
}

func FuzzDecodeSenderAccounts(f *testing.F) {
	addSeeds(f, docAccountsBare, docAccountsData, `{"senderAccounts":[{"id":"sa_1","status":"warming"}]}`, `{"data":[{"id":1}]}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		accts, err := DecodeSenderAccounts(data)
		if err != nil {
			return
		}
		if len(accts) > len(data) {
			t.Errorf("%d accounts from %d bytes", len(accts), len(data))
		}
	})
}

func FuzzDecodeCampaign(f *testing.F) {
	addSeeds(f, `{"campaign":{"id":"camp_123","name":"VP Sales - AI workflow","status":"draft","createdAt":"2025-01-15T10:58:00Z"}}`,
		`{"id":"camp_01HZA1TPNQ8RD4KF","status":"active","createdAt":"2025-01-15T10:58:00.000Z","sequenceSteps":[{"subject":"a","bodyHtml":"b","delayDays":"3"}]}`,
		`{"data":{"id":"c","startedAt":"2025-01-15T11:00:00+23:59","pausedAt":"0000-01-01T00:00:00+01:00"}}`,
		`{"id":"c","sequenceSteps":[{"delayDays":9223372036854775807},{"delayDays":-1}]}`,
		`{"id":"c","createdAt":"9999-12-31T23:59:59.999-23:59"}`, `{"campaign":[]}`, `{"id":null}`,
		`{"data":{"campaign":{"id":"camp_1","name":"n","status":"draft"}}}`, `{"campaign":{"data":{"id":"c"}}}`,
		`{"data":{"requestId":"r"},"campaign":{"id":"c"}}`, `{"campaign":{"name":"n","status":"draft"}}`, `{"data":{"campaign":null}}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := DecodeCampaign(data)
		if err != nil {
			return
		}
		if c.Status == "active" {
			t.Error("status active not mapped to running")
		}
		checkTimestamp(t, "CreatedAt", c.CreatedAt)
		checkTimestamp(t, "StartedAt", c.StartedAt)
		checkTimestamp(t, "PausedAt", c.PausedAt)
	})
}

// FuzzCreateAnswer: the decoders of create answers either give a usable id
// or fail with ErrCreateWithoutID, never an untracked object.
func FuzzCreateAnswer(f *testing.F) {
	addSeeds(f, `{"campaign":{"id":"camp_123","name":"n","status":"draft"}}`, `{"data":{"campaign":{"id":"camp_1"}}}`,
		docWebhookGuide, `{"data":{"webhook":{"id":"wh_1"}}}`, `{"campaign":{"name":"n"}}`, `{"id":""}`, `{"id":" \t"}`,
		`{"id":null,"data":{"id":"x"}}`, `{"webhook":{"url":"https://x.example/h"}}`, `{"id":5}`)
	campaign := requireID(DecodeCampaign, func(c Campaign) string { return c.ID })
	webhook := requireID(DecodeWebhook, func(w Webhook) string { return w.ID })
	f.Fuzz(func(t *testing.T, data []byte) {
		for what, id := range map[string]func() (string, error){
			"campaign": func() (string, error) { c, err := campaign(data); return c.ID, err },
			"webhook":  func() (string, error) { w, err := webhook(data); return w.ID, err },
		} {
			got, err := id()
			switch {
			case err != nil && !IsCreateWithoutID(err):
				t.Errorf("%s: error %v is not ErrCreateWithoutID", what, err)
			case err == nil && strings.TrimSpace(got) == "":
				t.Errorf("%s: blank id %q accepted", what, got)
			}
		}
	})
}

func FuzzDecodeCampaignState(f *testing.F) {
	addSeeds(f, docStart, docPause, `{"id": "camp_123", "status": "draft"}`, `{"campaign":{"id":"camp_123","status":"active","startedAt":"2025-01-15T11:00:00.123Z"}}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := DecodeCampaignState(data)
		if err != nil {
			return
		}
		if s.Status == "active" {
			t.Error("status active not mapped to running")
		}
		checkTimestamp(t, "StartedAt", s.StartedAt)
		checkTimestamp(t, "PausedAt", s.PausedAt)
	})
}

func FuzzDecodeCampaignStats(f *testing.F) {
	addSeeds(f, `{"campaignId":"camp_123","totalEnrolled":4,"sent":4,"delivered":3,"bounced":1,"replied":1,"queued":0,"openRate":0.42,"replyRate":0.08}`,
		`{"campaignId":"camp_123","totalEnrolled":"4","sent":"4.0","openRate":"0.42","replyRate":"1e-3"}`,
		`{"stats":{"sent":1}}`, `{"data":{"openRate":1.7976931348623157e308}}`, `{"openRate":"NaN"}`, `{"replyRate":"-Inf"}`,
		`{"sent":"9223372036854775808"}`, `{"sent":-9007199254740992.0}`, `{"sent":" 12 "}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := DecodeCampaignStats(data)
		if err != nil {
			return
		}
		for _, r := range []float64{s.OpenRate, s.ReplyRate} {
			if math.IsNaN(r) || math.IsInf(r, 0) {
				t.Errorf("rate %v is not finite", r)
			}
		}
	})
}

func FuzzDecodeBulkResult(f *testing.F) {
	addSeeds(f, `{"enrolled": 3, "updated": 1, "total": 4}`, `{"enrolled": 2, "updated": 1, "skipped": 1}`,
		`{"result":{"enrolled":"1","updated":"0","skipped":["a@b.c"]}}`, `{"data":{"enrolled":0,"updated":0,"skipped":null}}`,
		`{"enrolled":9223372036854775807,"updated":1}`, `{"enrolled":9007199254740992,"updated":9223372036854775807}`,
		`{"enrolled":-1,"updated":-9223372036854775808}`, `{"enrolled":1,"skipped":{"count":2}}`, `{"enrolled":1,"skipped":"3"}`,
		`{"updated":1,"total":3}`, `{"updated":2}`, `{"updated":9223372036854775807,"total":-9223372036854775808,"skipped":9223372036854775807}`,
		`{"result":{"total":"3","skipped":[{"email":"a@x.io"},{"address":"b@x.io"},{}]}}`, `{"data":{"result":{"skipped":{"count":"2","emails":[{"email":1}]}}}}`,
		`{"enrolled":1,"skipped":true}`, `{"skipped":[]}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeBulkResult(data)
		if err != nil {
			return
		}
		if !mentions(data, "total") && r.Enrolled >= 0 && r.Updated >= 0 {
			if r.Total < 0 || r.Total < r.Enrolled || r.Total < r.Updated {
				t.Errorf("derived Total %d from enrolled %d and updated %d", r.Total, r.Enrolled, r.Updated)
			}
		}
		if !r.SkippedReported && r.Skipped != 0 {
			t.Errorf("Skipped %d although not reported", r.Skipped)
		}
		if r.EnrolledUnknown && r.Enrolled != 0 {
			t.Errorf("Enrolled %d although unknown", r.Enrolled)
		}
		if !mentions(data, "enrolled") && r.Enrolled < 0 {
			t.Errorf("derived Enrolled %d is negative", r.Enrolled)
		}
		if !mentions(data, "skipped") && (r.SkippedReported || len(r.SkippedEmails) > 0) {
			t.Errorf("skipped reported from nowhere: %+v", r)
		}
	})
}

func FuzzDecodeLead(f *testing.F) {
	addSeeds(f, `{"email":"ava@example.com","firstName":"Ava","company":"ExampleCo","jobTitle":"VP Sales","useCase":"AI workflow"}`,
		`{"email":"ava@acmecorp.com","firstName":"Ava","lastName":"Chen","company":"Acme Corp","jobTitle":"VP Sales","customFields":{"industry":"SaaS","n":120,"x":null,"o":{"a":[1, 2]}}}`,
		`{"email":"e","customFields":{"firstName":"shadow","customFields":"x","id":"7"},"id":"lead_1","status":"active"}`,
		`{"email":5,"firstName":null,"":"empty key","customFields":[]}`, `{"k":"\u003chtml\u003e","customFields":{"k":"other"}}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := DecodeLead(data)
		if err != nil {
			return
		}
		if l.CustomFields != nil && len(l.CustomFields) == 0 {
			t.Error("empty non-nil CustomFields")
		}
		// What we read, we can send back unchanged: marshal and read again.
		wire, err := json.Marshal(l)
		if err != nil {
			t.Fatalf("marshal %+v: %v", l, err)
		}
		back, err := DecodeLead(wire)
		if err != nil {
			t.Fatalf("decode own output %s: %v", wire, err)
		}
		if !reflect.DeepEqual(back, l) {
			t.Errorf("round trip changed the lead\n in  %+v\n out %+v\n wire %s", l, back, wire)
		}
	})
}

func FuzzDecodeReplies(f *testing.F) {
	addSeeds(f, docRepliesGuide, docRepliesData, `[{"id":"rpl_1","classification":"referral","receivedAt":"2025-06-11T09:14:32.000Z"}]`,
		`{"replies":[],"pagination":{"total":"x"}}`, `{"replies":null,"data":[{"receivedAt":"2025-06-11T09:14:32,5Z"}]}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := DecodeReplies(data)
		if err != nil {
			return
		}
		for _, r := range rs {
			checkTimestamp(t, "ReceivedAt", r.ReceivedAt)
		}
	})
}

func FuzzDecodeSuppressionResult(f *testing.F) {
	addSeeds(f, docSuppressionBare, docSuppressionResult, `{"data":{"suppressed":"3","alreadySuppressed":null}}`,
		`{"suppressed":-1,"total":9223372036854775807}`, `{"result":{"alreadySuppressed":1}}`,
		`{"alreadySuppressed":2,"total":2}`, `{"data":{"result":{"suppressed":1,"alreadySuppressed":0,"total":1}}}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeSuppressionResult(data)
		if err != nil {
			return
		}
		if !r.Detailed && r.AlreadySuppressed != 0 {
			t.Errorf("AlreadySuppressed %d without Detailed", r.AlreadySuppressed)
		}
		if !mentions(data, "total") && r.Total != 0 {
			t.Errorf("Total %d from nowhere", r.Total)
		}
	})
}

func FuzzDecodeWebhook(f *testing.F) {
	addSeeds(f, docWebhookGuide, `{"id":"wh_1","url":"https://x.example/h","events":["reply.received"],"status":"active","createdAt":"2025-06-10T16:00:00.000Z","secret":"whsec_1"}`,
		`{"data":{"id":"wh_1","events":null}}`, `{"webhook":{"id":"wh_1","events":[1]}}`,
		`{"data":{"webhook":{"id":"wh_1","url":"HTTPS://X.example/h"}}}`, `{"webhook":{"url":"https://x.example/h"}}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := DecodeWebhook(data)
		if err != nil {
			return
		}
		checkTimestamp(t, "CreatedAt", w.CreatedAt)
	})
}

func FuzzDecodeSDRs(f *testing.F) {
	addSeeds(f, docSDRs, `[{"id":"sdr_1","gmailConnected":"yes"}]`, `{"sdrs":[{"id":"sdr_1"}]}`, `{"data":{"sdrs":[]}}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		sdrs, err := DecodeSDRs(data)
		if err != nil {
			return
		}
		if len(sdrs) > len(data) {
			t.Errorf("%d SDRs from %d bytes", len(sdrs), len(data))
		}
	})
}

func FuzzDecodeGmailStatus(f *testing.F) {
	addSeeds(f, docGmailStatus, `{"connected":false,"healthState":"needs_reauth","lastSyncError":"expired","lastSyncedAt":"2026-06-28T18:00:00.999+02:00"}`,
		`{"data":{"connected":"true"}}`, `{"data":[{"connected":true}]}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := DecodeGmailStatus(data)
		if err != nil {
			return
		}
		checkTimestamp(t, "LastSyncedAt", s.LastSyncedAt)
	})
}

func FuzzParseAPIError(f *testing.F) {
	const secret = "sk_test_FUZZsecret_0001"
	seeds := []struct {
		status int
		ct     string
		body   string
	}{
		{404, "application/json", `{"code":"campaign_not_found","message":"No campaign"}`},
		{401, "application/json", `{"error":{"code":"authentication_failed","message":"Invalid key ` + secret + `"}}`},
		{404, "application/json", `{"error":"campaign_not_found"}`},
		{422, "application/json", `{"message":"Validation failed","errors":["bad email",{"index":2,"email":"x@","field":"email","message":"invalid"},{"index":"x"},null,7]}`},
		{422, "application/json", `{"error":{"code":"v","errors":[{"index":1e300}]}}`},
		{502, "text/html", `<html><head><title>502 Bad Gateway</title></head></html>`},
		{503, "", `<TITLE>` + strings.Repeat("x", 300) + `</TITLE>`},
		{500, "", ``}, {500, "application/json", `{"code":`}, {400, "", `null`}, {400, "", `[]`},
		{429, "text/plain", "\xff\xfe"}, {599, "", `{"message":"` + secret + `","errors":["` + secret + `"]}`},
		{100, "text/html; charset=\"", `<title>`},
	}
	for _, s := range seeds {
		f.Add(s.status, s.ct, []byte(s.body))
	}
	for _, e := range edgeSeeds {
		f.Add(500, "application/json", []byte(e))
	}
	f.Fuzz(func(t *testing.T, status int, ct string, body []byte) {
		if status < 100 || status > 599 {
			status = 100 + (status%500+500)%500
		}
		h := http.Header{}
		h.Set("Content-Type", ct)
		h.Set("Retry-After", ct)
		e := parseAPIError(status, h, body, "GET", "/v1/x")
		if e.StatusCode != status {
			t.Errorf("StatusCode %d, want %d", e.StatusCode, status)
		}
		if e.RetryAfter < 0 {
			t.Errorf("negative RetryAfter %v", e.RetryAfter)
		}
		s := e.Error()
		if !strings.HasPrefix(s, "GET /v1/x: HTTP "+strconv.Itoa(status)) {
			t.Errorf("Error() = %q", s)
		}
		if http.StatusText(status) != "" && e.Code == "" && e.Message == "" {
			t.Errorf("no code and no message for %d", status)
		}
		if !e.NonJSON && len(bytes.TrimSpace(body)) > 0 {
			var m map[string]json.RawMessage
			if json.Unmarshal(body, &m) != nil {
				t.Errorf("NonJSON false for a body that is not a JSON object: %q", body)
			}
		}
		if e.NonJSON && len(e.Message) > 400 {
			t.Errorf("Message of a non-JSON body is %d bytes long", len(e.Message))
		}
		e.redact(secret)
		if strings.Contains(e.Error(), secret) {
			t.Errorf("redacted error still holds the secret: %q", e.Error())
		}
	})
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"1", "0", "120", " 5 ", "-1", "1.5", "+5", "007", "", "soon",
		"9999999999", "9223372036854775807", "9223372036854775808", "99999999999999999999", "-9223372036854775808",
		"Tue, 10 Jun 2025 16:01:30 GMT", "Tuesday, 10-Jun-25 16:00:10 GMT", "Tue Jun 10 16:00:20 2025",
		"Mon, 01 Jan 0001 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "\xff", "1\x00"} {
		f.Add(s)
	}
	now := time.Date(2025, 6, 10, 16, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := ParseRetryAfter(v, now)
		if !ok && d != 0 {
			t.Errorf("not ok but d = %v", d)
		}
		if ok && d < 0 {
			t.Errorf("ParseRetryAfter(%q) = %v, negative", v, d)
		}
		tv := strings.TrimSpace(v)
		if n, err := strconv.ParseInt(tv, 10, 64); err == nil && n >= 0 && n < 1e9 && strconv.FormatInt(n, 10) == tv {
			if !ok || d != time.Duration(n)*time.Second {
				t.Errorf("ParseRetryAfter(%q) = %v, %v; want %ds", v, d, ok, n)
			}
		}
	})
}

func FuzzNormalizeTimestamp(f *testing.F) {
	for _, s := range []string{"2025-01-15T11:00:00Z", "2026-06-28T18:30:00.000Z", "2025-01-15T13:00:00+02:00", "2025-01-15T11:00:00.999999999-00:01",
		"", "yesterday", "0000-01-01T00:00:00Z", "0000-01-01T00:00:00.5+00:01", "9999-12-31T23:59:59.9-23:59", "2025-02-30T00:00:00Z",
		"2025-01-15T11:00:00,5Z", "2025-01-15t11:00:00z", "\xff", "2025-01-15T11:00:60Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := NormalizeTimestamp(s)
		if again := NormalizeTimestamp(out); again != out {
			t.Errorf("not idempotent: %q -> %q -> %q", s, out, again)
		}
		tin, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			if out != s {
				t.Errorf("unparseable %q changed to %q", s, out)
			}
			return
		}
		if y := tin.UTC().Year(); y < 0 || y > 9999 {
			return // no RFC 3339 rendering in UTC
		}
		tout, err := time.Parse(time.RFC3339, out)
		if err != nil {
			t.Fatalf("%q normalised to unparseable %q", s, out)
		}
		if !strings.HasSuffix(out, "Z") || strings.Contains(out, ".") {
			t.Errorf("%q normalised to %q, not whole-second UTC", s, out)
		}
		if tout.After(tin) || tin.Sub(tout) >= time.Second {
			t.Errorf("%q normalised to %q: not the same second", s, out)
		}
	})
}

func FuzzDecodeInboxPage(f *testing.F) {
	addSeeds(f, docInbox, `{"threads":[{"id":"t","priorityScore":"85.5"}],"total":"2","hasMore":"yes"}`,
		`{"data":[{"id":"t","lastMessageAt":"2026-06-28T18:30:00.999+02:00"}]}`, `{"data":{"threads":null}}`,
		`[{"priorityScore":1e308}]`, `{"data":{"threads":[{"priorityScore":"NaN"}]}}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		threads, _, err := DecodeInboxPage(data)
		if err != nil {
			return
		}
		for _, th := range threads {
			checkTimestamp(t, "LastMessageAt", th.LastMessageAt)
			if math.IsNaN(th.PriorityScore) || math.IsInf(th.PriorityScore, 0) {
				t.Errorf("priority score %v", th.PriorityScore)
			}
		}
	})
}

func FuzzDecodeFollowups(f *testing.F) {
	addSeeds(f, docFollowups, `{"data":{"followups":[{"id":"f","dueAt":"2026-06-29T14:00:00Z"}]}}`,
		`[{"id":"f","dueAt":"tomorrow"}]`, `{"data":[{"id":1}]}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		fs, err := DecodeFollowups(data)
		if err != nil {
			return
		}
		for _, fu := range fs {
			checkTimestamp(t, "DueAt", fu.DueAt)
		}
	})
}

func FuzzDecodeAssignment(f *testing.F) {
	addSeeds(f, docAssignment, `{"handoffId":"h"}`, `{"data":{"result":{"threadId":"t"}}}`, `{"data":{"threadId":7}}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := DecodeAssignment(data)
		if err != nil {
			return
		}
		if a.HandoffID != "" && !mentions(data, "handoffId") {
			t.Errorf("handoff id %q from nowhere", a.HandoffID)
		}
	})
}
