package leadterra

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// Variants of write answers that no doc page shows but a tolerant reading
// of them allows (issue 12): nested wrappers, missing counters, skipped as
// objects, and creates answered without an id.

func TestDecodeCampaignNestedWrappers(t *testing.T) {
	want := Campaign{ID: "camp_1", Name: "n", Status: StatusDraft}
	for _, in := range []string{
		`{"data":{"campaign":{"id":"camp_1","name":"n","status":"draft"}}}`,
		`{"campaign":{"data":{"id":"camp_1","name":"n","status":"draft"}}}`,
		// A wrapper carrying only metadata loses to the one with the id.
		`{"data":{"requestId":"r1"},"campaign":{"id":"camp_1","name":"n","status":"draft"}}`,
		`{"data":{"meta":{"x":1},"campaign":{"id":"camp_1","name":"n","status":"draft"}}}`,
	} {
		got, err := DecodeCampaign([]byte(in))
		mustOK(t, err)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("DecodeCampaign(%s) = %+v, want %+v", in, got, want)
		}
	}
	// Without an id the object is still read: the create decides.
	got, err := DecodeCampaign([]byte(`{"campaign":{"name":"n","status":"draft"}}`))
	mustOK(t, err)
	if got.ID != "" || got.Name != "n" {
		t.Errorf("got %+v", got)
	}
}

func TestDecodeCampaignStepsReportedOrNot(t *testing.T) {
	for in, want := range map[string][]Step{
		`{"id":"c"}`:                      nil,
		`{"id":"c","sequenceSteps":null}`: nil,
		`{"id":"c","sequenceSteps":[]}`:   {},
	} {
		got, err := DecodeCampaign([]byte(in))
		mustOK(t, err)
		if (got.Steps == nil) != (want == nil) || len(got.Steps) != len(want) {
			t.Errorf("DecodeCampaign(%s).Steps = %#v, want %#v", in, got.Steps, want)
		}
	}
}

func TestDecodeWebhookNestedWrapper(t *testing.T) {
	got, err := DecodeWebhook([]byte(`{"data":{"webhook":{"id":"wh_1","url":"https://X.example/h","events":["reply.received"],"status":"active"}}}`))
	mustOK(t, err)
	want := Webhook{ID: "wh_1", URL: "https://X.example/h", Events: []string{"reply.received"}, Status: "active"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestCreateWithoutIDFailsClearly(t *testing.T) {
	bodies := []string{
		`{"name":"n","status":"draft"}`,
		`{"campaign":{"name":"n","status":"draft"}}`,
		`{"data":{"campaign":{"name":"n"}}}`,
		`{"id":"","name":"n"}`,
		`{"id":"   "}`,
		`{"webhook":{"url":"https://x.example/h"}}`,
		`{"ok":true}`,
		`{}`,
		`[]`,
	}
	for _, body := range bodies {
		srv := newTestServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, 201, body) })
		c, _ := newTestClient(t, srv.URL, nil)
		_, cerr := c.CreateCampaign(testCtx(t), CampaignInput{Name: "n"}, "k1")
		_, werr := c.CreateWebhook(testCtx(t), WebhookInput{URL: "https://x.example/h", Events: []string{"reply.received"}}, "k2")
		for what, err := range map[string]error{"campaign": cerr, "webhook": werr} {
			err = mustErr(t, err)
			var de *DecodeError
			if !IsCreateWithoutID(err) || !errors.As(err, &de) || de.Method != http.MethodPost {
				t.Errorf("%s create answered %s: err = %#v, want a DecodeError carrying ErrCreateWithoutID", what, body, err)
			}
			if !strings.Contains(err.Error(), "without an id") {
				t.Errorf("%s create answered %s: %q does not say the id is missing", what, body, err)
			}
		}
		if srv.hits() != 2 {
			t.Errorf("answer %s: %d requests, want 2 (a 2xx is never retried)", body, srv.hits())
		}
	}
	if IsCreateWithoutID(&DecodeError{Err: errors.New("no list")}) {
		t.Error("an ordinary decode error is not a create without id")
	}
}

func TestDecodeBulkResultVariants(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want BulkResult
	}{
		{"without enrolled: derived from total", `{"updated":1,"total":3}`, BulkResult{Enrolled: 2, Updated: 1, Total: 3}},
		{"without enrolled, with skipped", `{"updated":1,"total":4,"skipped":1}`,
			BulkResult{Enrolled: 3, Updated: 1, Total: 4, Skipped: 1, SkippedReported: true}},
		{"without enrolled, total below the others", `{"updated":5,"total":3}`, BulkResult{Updated: 5, Total: 3}},
		{"without enrolled or total", `{"updated":2}`, BulkResult{Updated: 2, Total: 2, EnrolledUnknown: true}},
		{"only skipped", `{"skipped":["a@x.io"]}`,
			BulkResult{EnrolledUnknown: true, Skipped: 1, SkippedReported: true, SkippedEmails: []string{"a@x.io"}}},
		{"result wrapper without enrolled", `{"result":{"updated":"3","total":"3"}}`, BulkResult{Updated: 3, Total: 3}},
		{"data then result", `{"data":{"result":{"enrolled":1,"updated":0,"total":1}}}`, BulkResult{Enrolled: 1, Total: 1}},
		{"skipped as objects", `{"enrolled":1,"updated":0,"total":1,"skipped":[{"email":"a@x.io","reason":"suppressed"},{"address":" b@x.io "},{"reason":"?"}]}`,
			BulkResult{Enrolled: 1, Total: 1, Skipped: 3, SkippedReported: true, SkippedEmails: []string{"a@x.io", "b@x.io"}}},
		{"skipped as a count and a list", `{"enrolled":1,"skipped":{"count":2,"emails":["a@x.io"]}}`,
			BulkResult{Enrolled: 1, Total: 1, Skipped: 2, SkippedReported: true, SkippedEmails: []string{"a@x.io"}}},
		{"skipped unreadable: left unreported", `{"enrolled":1,"updated":0,"total":1,"skipped":true}`, BulkResult{Enrolled: 1, Total: 1}},
		{"skipped an empty list", `{"enrolled":1,"skipped":[]}`, BulkResult{Enrolled: 1, Total: 1, SkippedReported: true}},
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
	var sum BulkResult
	sum.Add(BulkResult{Enrolled: 1, Total: 1})
	sum.Add(BulkResult{Updated: 1, Total: 1, EnrolledUnknown: true})
	if !sum.EnrolledUnknown {
		t.Error("Add must keep EnrolledUnknown")
	}
}

func TestDecodeSuppressionResultVariants(t *testing.T) {
	tests := []struct {
		in   string
		want SuppressionResult
	}{
		{`{"alreadySuppressed":2,"total":2}`, SuppressionResult{AlreadySuppressed: 2, Total: 2, Detailed: true}},
		{`{"data":{"result":{"suppressed":1,"alreadySuppressed":0,"total":1}}}`, SuppressionResult{Suppressed: 1, Total: 1, Detailed: true}},
		{`{"result":{"suppressed":2},"requestId":"r"}`, SuppressionResult{Suppressed: 2}},
	}
	for _, tt := range tests {
		got, err := DecodeSuppressionResult([]byte(tt.in))
		mustOK(t, err)
		if got != tt.want {
			t.Errorf("DecodeSuppressionResult(%s) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
