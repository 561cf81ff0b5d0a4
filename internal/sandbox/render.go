package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Style selects which of the documented response variants the sandbox
// answers with. The Leadterra docs contradict themselves page by page; each
// style reproduces one family of pages so clients can be tested against all.
type Style string

const (
	// StyleReference follows the API-reference pages: bare arrays and objects,
	// {"code","message"} errors, whole-second timestamps, 201 on create.
	StyleReference Style = "reference"
	// StyleGuide follows the guides: named wrappers, paginated replies,
	// {"error":{"code","message"}} errors, 200 on create.
	StyleGuide Style = "guide"
	// StyleConcept follows the quickstart and concept pages: "active" for
	// running, millisecond timestamps, {"error":"code",...} errors.
	StyleConcept Style = "concept"
	// StyleData wraps every list and every object in {"data":…}, the shape
	// inferred for the concept pages and used by the SDR API.
	StyleData Style = "data"
	// StyleRotate answers each request on a route with the next of
	// reference, guide and concept, so one run sees every variant.
	StyleRotate Style = "rotate"
)

// rotation is the cycle StyleRotate walks through, per route.
var rotation = [...]Style{StyleReference, StyleGuide, StyleConcept}

// ParseStyle maps a flag value to a Style.
func ParseStyle(v string) (Style, error) {
	switch st := Style(strings.ToLower(strings.TrimSpace(v))); st {
	case StyleReference, StyleGuide, StyleConcept, StyleData, StyleRotate:
		return st, nil
	case "":
		return StyleReference, nil
	}
	return "", fmt.Errorf("unknown style %q (want reference, guide, concept, data or rotate)", v)
}

func normalizeStyle(st Style) Style {
	if parsed, err := ParseStyle(string(st)); err == nil {
		return parsed
	}
	return StyleReference
}

// kv and obj give JSON objects a fixed key order, so bodies read like the
// docs' examples (id first) instead of Go's sorted map order.
type kv struct {
	K string
	V any
}

type obj []kv

func (o obj) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, p := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := marshal(p.K)
		if err != nil {
			return nil, err
		}
		v, err := marshal(p.V)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// marshal encodes without HTML escaping: bodyHtml must come back as sent,
// not as \u003cp\u003e.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// response is a fully rendered answer. Handlers return one instead of
// writing, so idempotent replay and the after-acting faults can reuse it.
type response struct {
	status      int
	contentType string
	headers     [][2]string
	body        []byte
}

func (r response) withHeader(k, v string) response {
	h := make([][2]string, 0, len(r.headers)+1)
	h = append(h, r.headers...)
	r.headers = append(h, [2]string{k, v})
	return r
}

func jsonResponse(status int, v any) response {
	b, err := marshal(v)
	if err != nil {
		return response{status: http.StatusInternalServerError, contentType: "text/plain; charset=utf-8", body: []byte("render error\n")}
	}
	return response{status: status, contentType: "application/json; charset=utf-8", body: append(b, '\n')}
}

func noContent() response { return response{status: http.StatusNoContent} }

// ts renders a timestamp the way the current style's pages do: whole
// seconds on the core pages, milliseconds on the concept and SDR pages.
func (c *reqCtx) ts(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	if c.style == StyleConcept || c.style == StyleData {
		return msTime(t)
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

func msTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// campaignStatus renders "running" as "active" where the concept pages do.
func (c *reqCtx) campaignStatus(st string) string {
	if st == StatusRunning && c.style == StyleConcept {
		return "active"
	}
	return st
}

func (c *reqCtx) ok(v any) response { return jsonResponse(http.StatusOK, v) }

// created answers a create: the guides' examples imply 200, the others 201.
func (c *reqCtx) created(v any) response {
	if c.style == StyleGuide {
		return jsonResponse(http.StatusOK, v)
	}
	return jsonResponse(http.StatusCreated, v)
}

// one wraps a single object: guide/concept name the wrapper key for that
// style ("" = bare). The API reference shows every object bare, and
// StyleData always uses "data".
func (c *reqCtx) one(guide, concept string, o any) any {
	var key string
	switch c.style {
	case StyleGuide:
		key = guide
	case StyleConcept:
		key = concept
	case StyleData:
		key = "data"
	}
	if key == "" {
		return o
	}
	return obj{{key, o}}
}

// dataOnly wraps in {"data":…} only in StyleData: for endpoints whose
// documented shape is the same bare object on every page.
func (c *reqCtx) dataOnly(o any) any {
	if c.style == StyleData {
		return obj{{"data", o}}
	}
	return o
}

// fail renders an error in the current style's error shape.
func (c *reqCtx) fail(status int, code, msg string, items ...obj) response {
	var body obj
	switch c.style {
	case StyleConcept:
		errs := items
		if errs == nil {
			errs = []obj{}
		}
		body = obj{{"error", code}, {"message", msg}, {"errors", errs}}
	case StyleGuide, StyleData:
		body = obj{{"error", obj{{"code", code}, {"message", msg}}}}
		if len(items) > 0 {
			body = append(body, kv{"errors", items})
		}
	default:
		body = obj{{"code", code}, {"message", msg}}
		if len(items) > 0 {
			body = append(body, kv{"errors", items})
		}
	}
	return jsonResponse(status, body)
}

func (c *reqCtx) notFound(code, what, id string) response {
	return c.fail(http.StatusNotFound, code, fmt.Sprintf("No %s with id %q in this workspace", what, id))
}
