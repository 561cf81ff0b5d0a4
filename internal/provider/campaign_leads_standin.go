package provider

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The framework walks and copies every value of a request several times
// (defaults, write-only attributes, computed-unknown marking, plan
// modifiers, deep copies): with 20,000 leads that is most of a plan's time
// and memory. So the protocol server (campaign_leads_server.go) hands the
// framework a stand-in for a leads map: a one-element map whose only key
// is a digest of the leads' content. Equal leads get equal stand-ins, so
// the framework's own comparisons (is the plan a change?) still hold. The
// real maps wait in a stash carried by the request's context: the resource
// reads them through attrsOf and stores through object, and the server puts
// them back into the responses.

// standInPrefix starts the key of a stand-in; no address starts with a NUL.
const standInPrefix = "\x00leads-sha256:"

type stashKey struct{}

// leadsStash holds the real leads maps of one request by stand-in key.
type leadsStash struct {
	mu    sync.Mutex
	leads map[string]tftypes.Value
}

func withLeadsStash(ctx context.Context) (context.Context, *leadsStash) {
	s := &leadsStash{leads: map[string]tftypes.Value{}}
	return context.WithValue(ctx, stashKey{}, s), s
}

func stashFrom(ctx context.Context) *leadsStash {
	s, _ := ctx.Value(stashKey{}).(*leadsStash)
	return s
}

// hide returns the stand-in of leads, keeping leads in the stash, or leads
// itself (hidden false) when it cannot stand in: unknown in part, null, or
// empty (the framework's own checks must see an empty map).
func (s *leadsStash) hide(leads tftypes.Value) (v tftypes.Value, hidden bool) {
	key, ok := leadsDigest(leads)
	if !ok {
		return leads, false
	}
	s.put(key, leads)
	return standIn(key), true
}

func (s *leadsStash) put(key string, leads tftypes.Value) {
	s.mu.Lock()
	if s.leads != nil {
		s.leads[key] = leads
	}
	s.mu.Unlock()
}

// standIn is the value that stands in for the leads of key.
func standIn(key string) tftypes.Value {
	return tftypes.NewValue(leadsTF, map[string]tftypes.Value{key: tftypes.NewValue(leadFieldsTF, map[string]tftypes.Value{})})
}

// reveal returns the leads a stand-in stands for; any other value comes
// back as it is. found is false for a stand-in this stash never saw.
func (s *leadsStash) reveal(v tftypes.Value) (leads tftypes.Value, isStandIn, found bool) {
	key, ok := standInKey(v)
	if !ok {
		return v, false, true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	leads, found = s.leads[key]
	return leads, true, found
}

// standInKey is the key of a stand-in value.
func standInKey(v tftypes.Value) (string, bool) {
	if !v.Type().Is(leadsTF) || !v.IsKnown() || v.IsNull() {
		return "", false
	}
	var elems map[string]tftypes.Value
	if v.As(&elems) != nil || len(elems) != 1 {
		return "", false
	}
	for k := range elems {
		if strings.HasPrefix(k, standInPrefix) {
			return k, true
		}
	}
	return "", false
}

// leadsDigest is the stand-in key of a known, non-empty leads map: a
// SHA-256 of its addresses and fields in order, where a null field differs
// from an empty one.
func leadsDigest(v tftypes.Value) (string, bool) {
	if !v.Type().Is(leadsTF) || !v.IsKnown() || v.IsNull() {
		return "", false
	}
	var elems map[string]tftypes.Value
	if v.As(&elems) != nil || len(elems) == 0 {
		return "", false
	}
	h := sha256.New()
	var buf []byte
	text := func(s string) {
		buf = binary.AppendUvarint(buf[:0], uint64(len(s)))
		buf = append(buf, s...)
		h.Write(buf)
	}
	for _, email := range slices.Sorted(maps.Keys(elems)) {
		el := elems[email]
		var fields map[string]tftypes.Value
		if !el.IsKnown() || el.As(&fields) != nil {
			return "", false
		}
		text(email)
		if el.IsNull() {
			h.Write([]byte{0})
			continue
		}
		buf = binary.AppendUvarint(append(buf[:0], 1), uint64(len(fields)))
		h.Write(buf)
		var names [16]string
		for _, name := range sortedKeys(fields, names[:0]) {
			f := fields[name]
			var s string
			switch {
			case !f.IsKnown():
				return "", false
			case f.IsNull():
				text(name)
				h.Write([]byte{0})
			case f.As(&s) == nil:
				text(name)
				h.Write([]byte{1})
				text(s)
			default:
				return "", false
			}
		}
	}
	return standInPrefix + hex.EncodeToString(h.Sum(nil)), true
}
