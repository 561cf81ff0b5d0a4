package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// maxBody bounds request bodies; large lead imports stay well below it.
const maxBody = 8 << 20

// reqCtx is one request as a handler sees it: the style already resolved
// (never StyleRotate), path parameters matched and the body read.
type reqCtx struct {
	s      *Server
	r      *http.Request
	style  Style
	params map[string]string
	apiKey string
	body   []byte
}

// id is the :id segment of the route (every parameterised route has just
// that one).
func (c *reqCtx) id() string { return c.params["id"] }

// fieldError is one entry of an "errors" array. Index is -1 when the error
// is not about a list item.
type fieldError struct {
	Index   int
	Email   string
	Field   string
	Message string
}

func (e fieldError) obj() obj {
	o := obj{}
	if e.Index >= 0 {
		o = append(o, kv{"index", e.Index})
	}
	if e.Email != "" {
		o = append(o, kv{"email", e.Email})
	}
	return append(o, kv{"field", e.Field}, kv{"message", e.Message})
}

func fieldErr(field, format string, args ...any) fieldError {
	return fieldError{Index: -1, Field: field, Message: fmt.Sprintf(format, args...)}
}

func items(errs []fieldError) []obj {
	out := make([]obj, len(errs))
	for i, e := range errs {
		out[i] = e.obj()
	}
	return out
}

// invalid answers 400 invalid_request, naming the first bad field in the
// message and listing all of them.
func (c *reqCtx) invalid(errs ...fieldError) response {
	return c.fail(http.StatusBadRequest, "invalid_request", errs[0].Message, items(errs)...)
}

func (c *reqCtx) badRequest(msg string) response {
	return c.fail(http.StatusBadRequest, "invalid_request", msg)
}

// unprocessable answers 422 for entries that are well-formed but invalid
// (bad email addresses), as the leads and suppression pages describe.
func (c *reqCtx) unprocessable(msg string, errs []fieldError) response {
	return c.fail(http.StatusUnprocessableEntity, "validation_failed", msg, items(errs)...)
}

func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	return io.ReadAll(io.LimitReader(r.Body, maxBody+1))
}

// object decodes the body as one JSON object. Numbers stay json.Number so
// integer fields can be checked exactly.
func (c *reqCtx) object() (map[string]any, *response) {
	if len(bytes.TrimSpace(c.body)) == 0 {
		resp := c.badRequest("request body is required (a JSON object)")
		return nil, &resp
	}
	dec := json.NewDecoder(bytes.NewReader(c.body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		resp := c.badRequest("malformed JSON: " + err.Error())
		return nil, &resp
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		resp := c.badRequest("malformed JSON: unexpected data after the JSON object")
		return nil, &resp
	}
	m, ok := v.(map[string]any)
	if !ok {
		resp := c.badRequest("request body must be a JSON object")
		return nil, &resp
	}
	return m, nil
}

// stringField reads an optional string; null counts as absent.
func stringField(m map[string]any, key, path string) (string, bool, *fieldError) {
	v, ok := m[key]
	if !ok || v == nil {
		return "", false, nil
	}
	s, ok := v.(string)
	if !ok {
		e := fieldErr(path, "%s must be a string", path)
		return "", false, &e
	}
	return s, true, nil
}

// requiredList reads a required, non-empty array (leads, emails, events).
func requiredList(m map[string]any, key string) ([]any, *fieldError) {
	v, ok := m[key]
	if !ok || v == nil {
		e := fieldErr(key, "%s is required", key)
		return nil, &e
	}
	arr, ok := v.([]any)
	if !ok {
		e := fieldErr(key, "%s must be an array", key)
		return nil, &e
	}
	if len(arr) == 0 {
		e := fieldErr(key, "%s must contain at least one entry", key)
		return nil, &e
	}
	return arr, nil
}

// page reads ?page=&perPage= for the styles that really paginate.
func (c *reqCtx) page(total int) (lo, hi int, pagination obj, bad *response) {
	q := c.r.URL.Query()
	page, perPage, maxPer := 1, 50, 100
	if n := c.s.pageSize; n > 0 {
		perPage, maxPer = n, n
	}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			resp := c.invalid(fieldErr("page", "page must be a positive integer"))
			return 0, 0, nil, &resp
		}
		page = n
	}
	if v := q.Get("perPage"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			resp := c.invalid(fieldErr("perPage", "perPage must be an integer between 1 and 100"))
			return 0, 0, nil, &resp
		}
		perPage = min(n, maxPer)
	}
	lo = min((page-1)*perPage, total)
	hi = min(lo+perPage, total)
	return lo, hi, obj{{"total", total}, {"page", page}, {"perPage", perPage}}, nil
}

// list renders a collection: ref/concept name the wrapper ("" = bare
// array); guideKey lists get a pagination object and real paging; StyleData
// always uses {"data":[…]}.
func (c *reqCtx) list(ref, guideKey, concept string, all []any) response {
	if all == nil {
		all = []any{}
	}
	switch c.style {
	case StyleGuide:
		lo, hi, pag, bad := c.page(len(all))
		if bad != nil {
			return *bad
		}
		return c.ok(obj{{guideKey, all[lo:hi]}, {"pagination", pag}})
	case StyleConcept:
		return c.ok(wrapList(concept, all))
	case StyleData:
		return c.ok(wrapList("data", all))
	}
	return c.ok(wrapList(ref, all))
}

func wrapList(key string, all []any) any {
	if all == nil {
		all = []any{}
	}
	if key == "" {
		return all
	}
	return obj{{key, all}}
}

func routeKey(s string) string { return strings.Join(strings.Fields(s), " ") }
