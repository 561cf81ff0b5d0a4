package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// frameworkServer is everything the framework's protocol 6 server serves.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
}

// NewServer serves p over protocol 6: the framework's server, except that
// the leads of leadterra_campaign_leads go around the framework (see
// campaign_leads_standin.go) and that the framework keeps no request's
// context after the request (server_contexts.go). main and every test
// serve through it.
func NewServer(p provider.Provider) (tfprotov6.ProviderServer, error) {
	inner, err := providerserver.NewProtocol6WithError(p)()
	if err != nil {
		return nil, err
	}
	fw, ok := inner.(frameworkServer)
	if !ok {
		return nil, fmt.Errorf("the framework's server (%T) lacks list resources or actions", inner)
	}
	return &leadsServer{frameworkServer: &contextServer{frameworkServer: fw}}, nil
}

// ServerFactory is NewServer in the form plugin-testing and tf6server take.
func ServerFactory(newProvider func() provider.Provider) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) { return NewServer(newProvider()) }
}

// leadsServer swaps the leads of leadterra_campaign_leads for stand-ins in
// every request that carries them, and back in every response. Other
// types, and the calls that never carry leads, go straight through, but
// for UpgradeResourceState (server_upgrade.go).
type leadsServer struct {
	frameworkServer

	once       sync.Once
	resources  map[string]resourceType // by type name
	schemasErr error
}

// resourceType is what the server needs of a resource's schema.
type resourceType struct {
	typ     tftypes.Object
	version int64
	// blockFree: no nested blocks, for which the framework turns empty
	// collections into nulls and back.
	blockFree bool
}

const campaignLeadsType = "leadterra_campaign_leads"

// resourceTypes reads the resource schemas once.
func (s *leadsServer) resourceTypes(ctx context.Context) (map[string]resourceType, error) {
	s.once.Do(func() {
		schemas, err := s.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil {
			s.schemasErr = err
			return
		}
		s.resources = make(map[string]resourceType, len(schemas.ResourceSchemas))
		for name, sch := range schemas.ResourceSchemas {
			typ, ok := sch.ValueType().(tftypes.Object)
			if !ok || sch.Block == nil {
				continue
			}
			s.resources[name] = resourceType{typ: typ, version: sch.Version, blockFree: len(sch.Block.BlockTypes) == 0}
		}
	})
	return s.resources, s.schemasErr
}

func (s *leadsServer) objectType(ctx context.Context) (tftypes.Object, error) {
	types, err := s.resourceTypes(ctx)
	if err != nil {
		return tftypes.Object{}, err
	}
	rt, ok := types[campaignLeadsType]
	if !ok {
		return tftypes.Object{}, fmt.Errorf("no object schema for %s", campaignLeadsType)
	}
	return rt.typ, nil
}

// swap is one request's exchange of leads and stand-ins; a nil swap
// passes values through.
type swap struct {
	typ   tftypes.Object
	stash *leadsStash
	sent  []sentValue
	// decoded: a request carries the same leads up to three times (prior
	// state, proposed state, configuration): equal bytes decode once.
	decoded []*decodedLeads
}

// sentValue is a request value the framework got with a stand-in: a
// response equal to it is answered with the original bytes, not encoded
// again (a refresh or plan that changes nothing).
type sentValue struct {
	hidden   tftypes.Value
	original *tfprotov6.DynamicValue
}

type decodedLeads struct {
	raw   []byte
	value tftypes.Value
	key   string // stand-in key; "" until computed
	keyOK bool
}

// begin starts the swap of a request for typeName.
func (s *leadsServer) begin(ctx context.Context, typeName string) (context.Context, *swap, error) {
	if typeName != campaignLeadsType {
		return ctx, nil, nil
	}
	typ, err := s.objectType(ctx)
	if err != nil {
		return ctx, nil, err
	}
	ctx, stash := withLeadsStash(ctx)
	return ctx, &swap{typ: typ, stash: stash}, nil
}

// end lets the request's leads go. The framework keeps every request's
// context until the provider stops (for StopProvider to cancel them): the
// stash, which the context carries, must not keep the leads with it.
func (w *swap) end() {
	if w == nil {
		return
	}
	w.stash.mu.Lock()
	w.stash.leads = nil
	w.stash.mu.Unlock()
	w.sent, w.decoded = nil, nil
}

// hide replaces the leads of request values by their stand-ins, in place.
func (w *swap) hide(values ...**tfprotov6.DynamicValue) error {
	for _, p := range values {
		original := *p
		if original == nil {
			continue
		}
		var last *decodedLeads
		v, err := decodeLeadsObject(w.typ, original, func(raw []byte) (tftypes.Value, error) {
			last = w.decodedFrom(raw)
			if last == nil {
				return tftypes.Value{}, errNotPlain
			}
			return last.value, nil
		})
		if err != nil {
			return err
		}
		var attrs map[string]tftypes.Value
		if !v.IsKnown() || v.IsNull() || v.As(&attrs) != nil {
			continue
		}
		var key string
		var ok bool
		if last != nil {
			if !last.keyOK {
				last.key, last.keyOK = leadsDigest(last.value)
			}
			key, ok = last.key, last.keyOK
		} else {
			key, ok = leadsDigest(attrs["leads"])
		}
		if !ok {
			continue
		}
		w.stash.put(key, attrs["leads"])
		attrs = maps.Clone(attrs)
		attrs["leads"] = standIn(key)
		hidden := tftypes.NewValue(w.typ, attrs)
		enc, err := tfprotov6.NewDynamicValue(w.typ, hidden)
		if err != nil {
			return err
		}
		w.sent = append(w.sent, sentValue{hidden: hidden, original: original})
		*p = &enc
	}
	return nil
}

// decodedFrom decodes the msgpack of a leads map, once per request; nil if
// it needs the generic codec.
func (w *swap) decodedFrom(raw []byte) *decodedLeads {
	for _, d := range w.decoded {
		if bytes.Equal(d.raw, raw) {
			return d
		}
	}
	v, err := decodeLeadsBytes(raw)
	if err != nil {
		return nil
	}
	d := &decodedLeads{raw: raw, value: v}
	w.decoded = append(w.decoded, d)
	return d
}

// reveal puts the real leads back into a response value. A response equal
// to a request value is that value's bytes.
func (w *swap) reveal(dv *tfprotov6.DynamicValue) (*tfprotov6.DynamicValue, error) {
	if w == nil || dv == nil {
		return dv, nil
	}
	v, err := dv.Unmarshal(w.typ)
	if err != nil {
		return nil, err
	}
	if !v.IsKnown() || v.IsNull() {
		return dv, nil
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		return nil, err
	}
	leads, isStandIn, found := w.stash.reveal(attrs["leads"])
	switch {
	case !found:
		return dv, fmt.Errorf("a leads stand-in of %s has no leads behind it", campaignLeadsType)
	case !isStandIn:
		return dv, nil
	}
	for _, s := range w.sent {
		if s.hidden.Equal(v) {
			return s.original, nil
		}
	}
	attrs = maps.Clone(attrs)
	attrs["leads"] = leads
	return encodeLeadsObject(w.typ, tftypes.NewValue(w.typ, attrs))
}

// revealTo reveals *dv in place; a failure is one more diagnostic.
func (w *swap) revealTo(dv **tfprotov6.DynamicValue, diags *[]*tfprotov6.Diagnostic) {
	var err error
	if *dv, err = w.reveal(*dv); err != nil {
		*diags = append(*diags, bug(err)...)
	}
}

// bug is the diagnostic of a failed exchange: the provider's own fault.
func bug(err error) []*tfprotov6.Diagnostic {
	return []*tfprotov6.Diagnostic{{
		Severity: tfprotov6.DiagnosticSeverityError,
		Summary:  "Unexpected leadterra_campaign_leads value",
		Detail:   fmt.Sprintf("Exchanging the leads map failed: %s. This is a bug in the provider; please report it.", err),
	}}
}

func (s *leadsServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	ctx, w, err := s.begin(ctx, req.TypeName)
	defer w.end()
	if w != nil {
		r := *req
		err = w.hide(&r.Config)
		req = &r
	}
	if err != nil {
		return &tfprotov6.ValidateResourceConfigResponse{Diagnostics: bug(err)}, nil
	}
	return s.frameworkServer.ValidateResourceConfig(ctx, req)
}

func (s *leadsServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	ctx, w, err := s.begin(ctx, req.TypeName)
	defer w.end()
	if w != nil {
		r := *req
		err = w.hide(&r.PriorState, &r.ProposedNewState, &r.Config)
		req = &r
	}
	if err != nil {
		return &tfprotov6.PlanResourceChangeResponse{Diagnostics: bug(err)}, nil
	}
	resp, err := s.frameworkServer.PlanResourceChange(ctx, req)
	if err == nil && resp != nil {
		w.revealTo(&resp.PlannedState, &resp.Diagnostics)
	}
	return resp, err
}

func (s *leadsServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	ctx, w, err := s.begin(ctx, req.TypeName)
	defer w.end()
	if w != nil {
		r := *req
		err = w.hide(&r.PriorState, &r.PlannedState, &r.Config)
		req = &r
	}
	if err != nil {
		return &tfprotov6.ApplyResourceChangeResponse{Diagnostics: bug(err)}, nil
	}
	resp, err := s.frameworkServer.ApplyResourceChange(ctx, req)
	if err == nil && resp != nil {
		w.revealTo(&resp.NewState, &resp.Diagnostics)
	}
	return resp, err
}

func (s *leadsServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	ctx, w, err := s.begin(ctx, req.TypeName)
	defer w.end()
	if w != nil {
		r := *req
		err = w.hide(&r.CurrentState)
		req = &r
	}
	if err != nil {
		return &tfprotov6.ReadResourceResponse{Diagnostics: bug(err)}, nil
	}
	resp, err := s.frameworkServer.ReadResource(ctx, req)
	if err == nil && resp != nil {
		w.revealTo(&resp.NewState, &resp.Diagnostics)
	}
	return resp, err
}

func (s *leadsServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	ctx, w, err := s.begin(ctx, req.TypeName)
	defer w.end()
	if err != nil {
		return &tfprotov6.ImportResourceStateResponse{Diagnostics: bug(err)}, nil
	}
	resp, err := s.frameworkServer.ImportResourceState(ctx, req)
	if err == nil && resp != nil && w != nil {
		for _, r := range resp.ImportedResources {
			if r == nil || r.TypeName != campaignLeadsType {
				continue
			}
			w.revealTo(&r.State, &resp.Diagnostics)
		}
	}
	return resp, err
}

// leadsStateFromJSON decodes a saved state as the framework would (unknown
// attributes ignored, missing ones null), but its leads directly.
func leadsStateFromJSON(typ tftypes.Object, raw []byte) (tftypes.Value, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		return tftypes.Value{}, err
	}
	var leads map[string]map[string]*string
	if l, ok := top["leads"]; ok {
		if err := json.Unmarshal(l, &leads); err != nil {
			return tftypes.Value{}, fmt.Errorf("leads: %w", err)
		}
		delete(top, "leads")
	}
	rest, err := json.Marshal(top)
	if err != nil {
		return tftypes.Value{}, err
	}
	v, err := tftypes.ValueFromJSONWithOpts(rest, typ, tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true})
	if err != nil {
		return tftypes.Value{}, err
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		return tftypes.Value{}, err
	}
	attrs["leads"] = leadsFromGo(leads)
	return tftypes.NewValue(typ, attrs), nil
}

// leadsFromGo builds a leads map value; nil is null, as a nil lead or
// field is.
func leadsFromGo(leads map[string]map[string]*string) tftypes.Value {
	if leads == nil {
		return tftypes.NewValue(leadsTF, nil)
	}
	elems := make(map[string]tftypes.Value, len(leads))
	for email, fields := range leads {
		if fields == nil {
			elems[email] = tftypes.NewValue(leadFieldsTF, nil)
			continue
		}
		fv := make(map[string]tftypes.Value, len(fields))
		for k, s := range fields {
			if s == nil {
				fv[k] = tftypes.NewValue(tftypes.String, nil)
			} else {
				fv[k] = tftypes.NewValue(tftypes.String, *s)
			}
		}
		elems[email] = tftypes.NewValue(leadFieldsTF, fv)
	}
	return tftypes.NewValue(leadsTF, elems)
}
