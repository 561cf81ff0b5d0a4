package leadterra

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

// DefaultMaxPages bounds how many pages a list reads before giving up, so a
// server that ignores the page parameter cannot loop us forever.
const DefaultMaxPages = 200

// listPages reads a list answer and, when it carries a pagination object
// that says more remain, the following pages (page=, perPage=, the names the
// replies guide shows). It stops at maxPages and reports truncation.
func listPages[T any](ctx context.Context, c *Client, capability string, path string, query url.Values, maxPages int, decode func([]byte) (T, error), keys ...string) ([]T, bool, error) {
	if maxPages <= 0 {
		maxPages = DefaultMaxPages
	}
	var all []T
	var firstRaw json.RawMessage
	for page := 1; page <= maxPages; page++ {
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		var perPage int64
		if page > 1 {
			q.Set("page", strconv.Itoa(page))
		}
		req := request{method: http.MethodGet, path: path, query: q}
		var raw []byte
		var err error
		if capability != "" {
			raw, err = c.completion(ctx, capability, req)
		} else {
			raw, err = c.do(ctx, req)
		}
		if err != nil {
			return nil, false, err
		}
		items, pg, err := decodeList(raw, keys...)
		if err != nil {
			return nil, false, &DecodeError{Method: req.method, Path: req.path, Err: err}
		}
		// A server that ignores ?page= answers page 1 again: stop there.
		if page > 1 && len(items) > 0 && string(items[0]) == string(firstRaw) {
			return all, false, nil
		}
		if page == 1 && len(items) > 0 {
			firstRaw = items[0]
		}
		decoded, err := decodeEach(items, decode)
		if err != nil {
			return nil, false, &DecodeError{Method: req.method, Path: req.path, Err: err}
		}
		all = append(all, decoded...)
		perPage = pg.PerPage
		if perPage <= 0 {
			perPage = int64(len(items))
		}
		more := pg.HasMore || (pg.Total > 0 && int64(len(all)) < pg.Total)
		if !pg.Present || !more || len(items) == 0 {
			return all, false, nil
		}
		if perPage > 0 {
			query = withPerPage(query, perPage)
		}
	}
	return all, true, nil
}

func withPerPage(q url.Values, perPage int64) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = v
	}
	out.Set("perPage", strconv.FormatInt(perPage, 10))
	return out
}
