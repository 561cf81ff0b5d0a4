package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/leadterra/terraform-provider-leadterra/internal/sandbox"
)

// plainClient is the second baseline: net/http sending the minimal request
// set of each phase, par requests at a time, against its own sandbox. Its
// time is what the API work itself costs, with no CLI and no provider.
type plainClient struct {
	base string
	http *http.Client
	par  int
}

// runPlain runs every phase of one size and returns each phase's time.
func runPlain(ctx context.Context, kind Kind, size, par int) (map[Phase]time.Duration, error) {
	api, err := startServer(0)
	if err != nil {
		return nil, err
	}
	defer api.close()
	c := &plainClient{base: api.URL, http: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: par}}, par: par}
	times, _, err := c.phases(ctx, kind, size, api)
	return times, err
}

// phases returns each phase's time and requests (the latter for tests).
func (c *plainClient) phases(ctx context.Context, kind Kind, size int, api *apiServer) (map[Phase]time.Duration, map[Phase]snapshot, error) {
	times, snaps := map[Phase]time.Duration{}, map[Phase]snapshot{}
	var ids []string
	for _, p := range Phases {
		_ = api.take()
		start := time.Now()
		var err error
		switch {
		case p == Apply && kind == Campaigns:
			ids = make([]string, size)
			err = c.each(size, func(i int) error {
				id, err := c.create(ctx, campaignName(i))
				ids[i] = id
				return firstErr(err,
					func() error { return c.send(ctx, "POST", "/v1/campaigns/"+id+"/leads/bulk", leadsBody(i, 1)) },
					func() error { return c.send(ctx, "POST", "/v1/campaigns/"+id+"/start", nil) })
			})
		case p == Apply: // Leads
			var id string
			if id, err = c.create(ctx, "bench-leads"); err == nil {
				ids = []string{id}
				err = c.each(batches(size), func(b int) error {
					return c.send(ctx, "POST", "/v1/campaigns/"+id+"/leads/bulk", leadsBody(b*Batch, min(Batch, size-b*Batch)))
				})
			}
		default:
			// Every later phase starts with a refresh: the campaign (with its
			// launch status) and its leads, once each.
			err = c.each(len(ids), func(i int) error {
				return firstErr(c.send(ctx, "GET", "/v1/campaigns/"+ids[i], nil),
					func() error { return c.send(ctx, "GET", "/v1/campaigns/"+ids[i]+"/leads", nil) })
			})
			if err == nil {
				err = c.write(ctx, kind, size, p, ids)
			}
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p, err)
		}
		times[p] = time.Since(start)
		snaps[p] = api.take()
	}
	return times, snaps, nil
}

// write sends the writes of the phases after the apply.
func (c *plainClient) write(ctx context.Context, kind Kind, size int, p Phase, ids []string) error {
	switch {
	case p == Change && kind == Campaigns:
		return c.send(ctx, "PATCH", "/v1/campaigns/"+ids[0], stepsBody("bench-0000", "edited"))
	case p == Change:
		return c.send(ctx, "POST", "/v1/campaigns/"+ids[0]+"/leads/bulk", leadsBody(size/2, 1))
	case p == Destroy && kind == Campaigns:
		return c.each(len(ids), func(i int) error {
			id := ids[i]
			return firstErr(c.send(ctx, "POST", "/v1/campaigns/"+id+"/pause", nil),
				func() error { return c.send(ctx, "DELETE", "/v1/campaigns/"+id+"/leads", emailsBody(i, 1)) },
				func() error { return c.send(ctx, "DELETE", "/v1/campaigns/"+id, nil) })
		})
	case p == Destroy:
		id := ids[0]
		err := c.each(batches(size), func(b int) error {
			return c.send(ctx, "DELETE", "/v1/campaigns/"+id+"/leads", emailsBody(b*Batch, min(Batch, size-b*Batch)))
		})
		return firstErr(err, func() error { return c.send(ctx, "DELETE", "/v1/campaigns/"+id, nil) })
	}
	return nil // the no-change plan writes nothing
}

// each runs f(0..n-1), c.par at a time, and returns the first error.
func (c *plainClient) each(n int, f func(int) error) error {
	sem := make(chan struct{}, c.par)
	errs := make(chan error, n)
	for i := range n {
		sem <- struct{}{}
		go func() { defer func() { <-sem }(); errs <- f(i) }()
	}
	var first error
	for range n {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func firstErr(err error, next ...func() error) error {
	for _, f := range next {
		if err != nil {
			return err
		}
		err = f()
	}
	return err
}

func (c *plainClient) create(ctx context.Context, name string) (string, error) {
	var out struct {
		ID       string `json:"id"`
		Campaign struct {
			ID string `json:"id"`
		} `json:"campaign"`
	}
	if err := c.do(ctx, "POST", "/v1/campaigns", stepsBody(name, ""), &out); err != nil {
		return "", err
	}
	if out.ID == "" {
		out.ID = out.Campaign.ID
	}
	if out.ID == "" {
		return "", fmt.Errorf("create %s: no id in the answer", name)
	}
	return out.ID, nil
}

func (c *plainClient) send(ctx context.Context, method, path string, body any) error {
	return c.do(ctx, method, path, body, nil)
}

func (c *plainClient) do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+sandbox.DefaultKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %s", method, path, resp.Status)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

func stepsBody(name, edit string) map[string]any {
	return map[string]any{"name": name, "sequenceSteps": []map[string]any{
		{"subject": "Quick question" + edit, "bodyHtml": "<p>Hi {{firstName}}, a short question.</p>", "delayDays": 0},
		{"subject": "Following up", "bodyHtml": "<p>Bumping this up.</p>", "delayDays": 3},
		{"subject": "Last note", "bodyHtml": "<p>Last note from me.</p>", "delayDays": 7},
	}}
}

// leadsBody is the bulk body for n leads from index from, as in LeadsCSV.
func leadsBody(from, n int) map[string]any {
	leads := make([]map[string]any, n)
	for j := range n {
		i := from + j
		leads[j] = map[string]any{"email": fmt.Sprintf("lead%06d@example.com", i), "firstName": fmt.Sprint("First", i),
			"lastName": fmt.Sprint("Last", i%13), "company": fmt.Sprint("Company ", i%97), "jobTitle": "Engineer"}
	}
	return map[string]any{"leads": leads}
}

func emailsBody(from, n int) map[string]any {
	emails := make([]string, n)
	for j := range n {
		emails[j] = fmt.Sprintf("lead%06d@example.com", from+j)
	}
	return map[string]any{"emails": emails}
}
