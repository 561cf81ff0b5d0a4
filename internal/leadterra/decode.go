package leadterra

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// flexInt accepts a JSON number (integral, possibly written as 12.0) or a
// numeric string: the docs never fix the wire type of counters.
type flexInt int64

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		return nil
	}
	if unq, err := strconv.Unquote(s); err == nil {
		s = strings.TrimSpace(unq)
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		*f = flexInt(i)
		return nil
	}
	fl, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(fl) || math.IsInf(fl, 0) || fl != math.Trunc(fl) || math.Abs(fl) > 1<<53 {
		return errors.New("a counter is not an integer")
	}
	*f = flexInt(int64(fl))
	return nil
}

// flexFloat accepts a JSON number or a numeric string.
type flexFloat float64

func (f *flexFloat) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		return nil
	}
	if unq, err := strconv.Unquote(s); err == nil {
		s = strings.TrimSpace(unq)
	}
	fl, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(fl) || math.IsInf(fl, 0) {
		return errors.New("a rate is not a number")
	}
	*f = flexFloat(fl)
	return nil
}

// Pagination is the optional paging object some list answers carry.
type Pagination struct {
	Total   int64
	Page    int64
	PerPage int64
	HasMore bool
	Present bool
}

type rawPagination struct {
	Total   *flexInt `json:"total"`
	Page    *flexInt `json:"page"`
	PerPage *flexInt `json:"perPage"`
	HasMore *bool    `json:"hasMore"`
}

var errNotJSON = errors.New("not JSON")

// decodeList finds the list in a list answer: a bare array, or an array under
// the first of keys present (also one level down under "data", as the SDR
// pages nest data.threads). It returns the paging object when there is one.
func decodeList(body []byte, keys ...string) ([]json.RawMessage, Pagination, error) {
	var page Pagination
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, page, errors.New("empty body")
	}
	var list []json.RawMessage
	if body[0] == '[' {
		if err := json.Unmarshal(body, &list); err != nil {
			return nil, page, err
		}
		return list, page, nil
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		return nil, page, errNotJSON
	}
	page = readPagination(top)
	for _, k := range keys {
		raw, ok := top[k]
		if !ok || isNull(raw) {
			continue
		}
		if err := json.Unmarshal(raw, &list); err == nil {
			return list, page, nil
		}
		var inner map[string]json.RawMessage
		if json.Unmarshal(raw, &inner) == nil {
			for _, k2 := range keys {
				if r2, ok := inner[k2]; ok && json.Unmarshal(r2, &list) == nil {
					if !page.Present {
						page = readPagination(inner)
					}
					return list, page, nil
				}
			}
		}
	}
	return nil, page, fmt.Errorf("no list under any of %s", strings.Join(keys, ", "))
}

func readPagination(top map[string]json.RawMessage) Pagination {
	var p Pagination
	var rp rawPagination
	if raw, ok := top["pagination"]; ok && json.Unmarshal(raw, &rp) == nil {
		p.Present = true
	} else {
		// {"total":…, "hasMore":…} beside the list (SDR inbox style).
		_ = json.Unmarshal(top["total"], &rp.Total)
		_ = json.Unmarshal(top["hasMore"], &rp.HasMore)
		p.Present = rp.Total != nil || rp.HasMore != nil
	}
	if rp.Total != nil {
		p.Total = int64(*rp.Total)
	}
	if rp.Page != nil {
		p.Page = int64(*rp.Page)
	}
	if rp.PerPage != nil {
		p.PerPage = int64(*rp.PerPage)
	}
	if rp.HasMore != nil {
		p.HasMore = *rp.HasMore
	}
	return p
}

// decodeObject finds the object in a single-object answer: bare, or wrapped
// under the first of keys whose value is an object. A bare object is
// recognised by carrying marker (usually "id").
func decodeObject(body []byte, marker string, keys ...string) (json.RawMessage, error) {
	return decodeObjectAny(body, []string{marker}, keys...)
}

// decodeObjectAny is decodeObject for objects recognised by any of several
// markers. The object may also sit two wrappers deep ({"data":{"campaign":
// {…}}}). A wrapped object that carries a marker wins; failing that, the
// first wrapped object is returned for the caller to judge (a create answer
// without an id must fail there, with its own message).
func decodeObjectAny(body []byte, markers []string, keys ...string) (json.RawMessage, error) {
	body = bytes.TrimSpace(body)
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		return nil, errNotJSON
	}
	if hasAnyKey(top, markers) {
		return body, nil
	}
	var fallback json.RawMessage
	for _, k := range keys {
		inner, ok := jsonObject(top[k])
		if !ok {
			continue
		}
		if hasAnyKey(inner, markers) {
			return top[k], nil
		}
		for _, k2 := range keys {
			if deep, ok := jsonObject(inner[k2]); ok && hasAnyKey(deep, markers) {
				return inner[k2], nil
			}
		}
		if fallback == nil {
			fallback = top[k]
		}
	}
	if fallback != nil {
		return fallback, nil
	}
	return nil, fmt.Errorf("no object with %s, bare or under any of %s", strings.Join(markers, " or "), strings.Join(keys, ", "))
}

// jsonObject parses raw when it is a JSON object.
func jsonObject(raw json.RawMessage) (map[string]json.RawMessage, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	var m map[string]json.RawMessage
	return m, json.Unmarshal(raw, &m) == nil
}

func hasAnyKey(m map[string]json.RawMessage, keys []string) bool {
	for _, k := range keys {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

// ErrCreateWithoutID is the cause of a DecodeError on a create whose 2xx
// answer names no id, or cannot be read at all. The object may well exist:
// callers must neither save state without an id nor report the create as
// not done.
var ErrCreateWithoutID = errors.New("the API answered the create without an id")

// IsCreateWithoutID reports a create answered without a usable id.
func IsCreateWithoutID(err error) bool { return errors.Is(err, ErrCreateWithoutID) }

// requireID wraps the decoder of a create answer: any failure, or a blank
// id, becomes ErrCreateWithoutID.
func requireID[T any](decode func([]byte) (T, error), id func(T) string) func([]byte) (T, error) {
	return func(b []byte) (T, error) {
		v, err := decode(b)
		switch {
		case err != nil:
			return v, fmt.Errorf("%w (%v)", ErrCreateWithoutID, err)
		case strings.TrimSpace(id(v)) == "":
			return v, ErrCreateWithoutID
		}
		return v, nil
	}
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// decodeEach unmarshals every list item with one decoder function.
func decodeEach[T any](items []json.RawMessage, decode func([]byte) (T, error)) ([]T, error) {
	out := make([]T, 0, len(items))
	for i, raw := range items {
		v, err := decode(raw)
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", i, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// NormalizeTimestamp turns any RFC 3339 form the API uses (whole seconds or
// milliseconds) into whole-second UTC RFC 3339, so that the same instant
// rendered two ways never shows as a change. Unparseable input is returned
// unchanged.
func NormalizeTimestamp(s string) string {
	if s == "" {
		return ""
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}
