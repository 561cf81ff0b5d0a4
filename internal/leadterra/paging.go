package leadterra

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// Listing limits. The docs fix no page size and no pagination scheme
// (replies aside), so the client asks for large pages and follows every
// page; the caps only stop a server that never stops answering, and are far
// above any real list (20,000 leads at 10 a page are 2,000 pages).
const (
	// RequestedPageSize is the perPage every list request asks for: the
	// common maximum (and the sandbox's). A server that allows less answers
	// less, and its pagination object or a full page says more remain.
	RequestedPageSize = 100
	// DefaultMaxPages bounds the pages one listing reads.
	DefaultMaxPages = 100_000
	// MaxListItems bounds the items one listing keeps.
	MaxListItems = 1_000_000
)

// ListCut says a listing stopped before the end: Read items were kept.
type ListCut struct {
	Read   int
	Pages  int
	Reason string
}

// ListTruncatedError is returned by listings that must be complete (leads,
// campaigns); ListLeads returns what it read beside it, for a caller that
// can use part of a list.
type ListTruncatedError struct {
	Path string
	Cut  ListCut
}

func (e *ListTruncatedError) Error() string {
	return fmt.Sprintf("GET %s: the listing was cut after %d item(s) in %d page(s): %s", e.Path, e.Cut.Read, e.Cut.Pages, e.Cut.Reason)
}

// IsListTruncated reports a listing cut short.
func IsListTruncated(err error) bool {
	_, ok := TruncatedListing(err)
	return ok
}

// TruncatedListing returns the cut a listing error reports, if err is one.
func TruncatedListing(err error) (*ListTruncatedError, bool) {
	var t *ListTruncatedError
	ok := errors.As(err, &t)
	return t, ok
}

// listPages reads a list answer and every following page: while a
// pagination object (total, hasMore) says more remain, or, without one,
// while pages come back exactly as full as asked. It stops on an empty or
// short page, on a page that repeats the first or the previous one (a
// server ignoring ?page=), and at maxPages or MaxListItems. cut is non-nil
// when the list is known or feared incomplete.
func listPages[T any](ctx context.Context, c *Client, capability string, path string, query url.Values, maxPages int, decode func([]byte) (T, error), keys ...string) (all []T, cut *ListCut, err error) {
	if maxPages <= 0 {
		maxPages = DefaultMaxPages
	}
	askPerPage := true
	var firstSig, prevSig [32]byte
	for page := 1; ; page++ {
		if page > maxPages || len(all) >= MaxListItems {
			return all, &ListCut{Read: len(all), Pages: page - 1, Reason: fmt.Sprintf("the safety cap of %d pages or %d items was reached and the server still reported more", maxPages, MaxListItems)}, nil
		}
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		if askPerPage {
			q.Set("perPage", strconv.Itoa(RequestedPageSize))
		}
		if page > 1 {
			q.Set("page", strconv.Itoa(page))
		}
		req := request{method: http.MethodGet, path: path, query: q}
		var raw []byte
		if capability != "" {
			raw, err = c.completion(ctx, capability, req)
		} else {
			raw, err = c.do(ctx, req)
		}
		if err != nil && page == 1 && askPerPage && (hasStatus(err, http.StatusBadRequest) || hasStatus(err, http.StatusUnprocessableEntity)) {
			// A server that refuses the page size: ask again with its own.
			askPerPage = false
			page--
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		items, pg, err := decodeList(raw, keys...)
		if err != nil {
			return nil, nil, &DecodeError{Method: req.method, Path: req.path, Err: err}
		}
		sig := pageSignature(items)
		if page > 1 && len(items) > 0 && (sig == firstSig || sig == prevSig) {
			if !pg.Present {
				return all, nil, nil // a list without paging, fetched twice because page 1 was exactly full
			}
			return all, &ListCut{Read: len(all), Pages: page, Reason: fmt.Sprintf("page %d repeated an earlier page although the pagination object says more remain (the server may ignore ?page=)", page)}, nil
		}
		if page == 1 {
			firstSig = sig
		}
		prevSig = sig
		decoded, err := decodeEach(items, decode)
		if err != nil {
			return nil, nil, &DecodeError{Method: req.method, Path: req.path, Err: err}
		}
		all = append(all, decoded...)
		if len(items) == 0 {
			return all, nil, nil
		}
		more := pg.HasMore || (pg.Total > 0 && int64(len(all)) < pg.Total)
		if !pg.Present {
			// No paging object: only a page exactly as full as asked may
			// have a next one.
			more = askPerPage && len(items) == RequestedPageSize
		}
		if !more {
			return all, nil, nil
		}
	}
}

// pageSignature identifies a page by its items, to notice a server that
// answers the same page again.
func pageSignature(items []json.RawMessage) [32]byte {
	h := sha256.New()
	for _, it := range items {
		h.Write(it)
		h.Write([]byte{0})
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}
