package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

const (
	maxNameLen  = 255
	maxSteps    = 50
	maxDelayDay = 365
)

// campaignObj renders a campaign. delayDays is always present in the guide
// (the only page that documents it) and elsewhere only when non-zero, so
// clients learn to treat a missing delayDays as 0.
func (c *reqCtx) campaignObj(cs *campaignState) obj {
	steps := make([]obj, 0, len(cs.Steps))
	for _, st := range cs.Steps {
		o := obj{{"subject", st.Subject}, {"bodyHtml", st.BodyHTML}}
		if c.style == StyleGuide || st.DelayDays != 0 {
			o = append(o, kv{"delayDays", st.DelayDays})
		}
		steps = append(steps, o)
	}
	o := obj{
		{"id", cs.ID},
		{"name", cs.Name},
		{"status", c.campaignStatus(cs.Status)},
		{"sequenceSteps", steps},
		{"createdAt", c.ts(cs.CreatedAt)},
		{"updatedAt", c.ts(cs.UpdatedAt)},
	}
	if !cs.StartedAt.IsZero() {
		o = append(o, kv{"startedAt", c.ts(cs.StartedAt)})
	}
	if !cs.PausedAt.IsZero() {
		o = append(o, kv{"pausedAt", c.ts(cs.PausedAt)})
	}
	return o
}

// parseName validates "name"; required on create, optional on update.
func parseName(m map[string]any, required bool) (string, bool, []fieldError) {
	name, present, ferr := stringField(m, "name", "name")
	switch {
	case ferr != nil:
		return "", false, []fieldError{*ferr}
	case !present && required:
		return "", false, []fieldError{fieldErr("name", "name is required")}
	case !present:
		return "", false, nil
	case strings.TrimSpace(name) == "":
		return "", false, []fieldError{fieldErr("name", "name must not be empty")}
	case len([]rune(name)) > maxNameLen:
		return "", false, []fieldError{fieldErr("name", "name must be at most %d characters", maxNameLen)}
	}
	return name, true, nil
}

// parseSteps validates "sequenceSteps"; null or absent means not given.
func parseSteps(m map[string]any) ([]Step, bool, []fieldError) {
	v, ok := m["sequenceSteps"]
	if !ok || v == nil {
		return nil, false, nil
	}
	arr, ok := v.([]any)
	if !ok {
		return nil, false, []fieldError{fieldErr("sequenceSteps", "sequenceSteps must be an array")}
	}
	if len(arr) > maxSteps {
		return nil, false, []fieldError{fieldErr("sequenceSteps", "sequenceSteps must have at most %d steps", maxSteps)}
	}
	steps := make([]Step, 0, len(arr))
	var errs []fieldError
	for i, it := range arr {
		p := fmt.Sprintf("sequenceSteps[%d]", i)
		sm, ok := it.(map[string]any)
		if !ok {
			errs = append(errs, fieldErr(p, "%s must be an object", p))
			continue
		}
		var st Step
		for _, f := range []struct {
			key string
			dst *string
		}{{"subject", &st.Subject}, {"bodyHtml", &st.BodyHTML}} {
			path := p + "." + f.key
			val, present, ferr := stringField(sm, f.key, path)
			switch {
			case ferr != nil:
				errs = append(errs, *ferr)
			case !present:
				errs = append(errs, fieldErr(path, "%s is required", path))
			case strings.TrimSpace(val) == "":
				errs = append(errs, fieldErr(path, "%s must not be empty", path))
			default:
				*f.dst = val
			}
		}
		if d, ok := sm["delayDays"]; ok && d != nil {
			path := p + ".delayDays"
			n, isNum := d.(json.Number)
			days, err := n.Int64()
			switch {
			case !isNum || err != nil:
				errs = append(errs, fieldErr(path, "%s must be an integer", path))
			case days < 0:
				errs = append(errs, fieldErr(path, "%s must be greater than or equal to 0", path))
			case days > maxDelayDay:
				errs = append(errs, fieldErr(path, "%s must be at most %d", path, maxDelayDay))
			default:
				st.DelayDays = int(days)
			}
		}
		steps = append(steps, st)
	}
	return steps, true, errs
}

func (s *Server) createCampaign(c *reqCtx) response {
	m, bad := c.object()
	if bad != nil {
		return *bad
	}
	name, _, errs := parseName(m, true)
	steps, _, stepErrs := parseSteps(m)
	if errs = append(errs, stepErrs...); len(errs) > 0 {
		return c.invalid(errs...)
	}
	now := s.clock()
	cs := &campaignState{
		Campaign: Campaign{ID: newID("camp_", now), Name: name, Status: StatusDraft, Steps: steps, CreatedAt: now, UpdatedAt: now},
		leads:    map[string]*leadState{},
	}
	if cs.Steps == nil {
		cs.Steps = []Step{}
	}
	s.campaigns[cs.ID] = cs
	return c.created(c.one("campaign", "campaign", c.campaignObj(cs)))
}

// campaign finds the :id campaign or renders 404 campaign_not_found.
func (s *Server) campaign(c *reqCtx, id string) (*campaignState, *response) {
	cs, ok := s.campaigns[id]
	if !ok {
		resp := c.notFound("campaign_not_found", "campaign", id)
		return nil, &resp
	}
	return cs, nil
}

func (s *Server) sortedCampaigns() []*campaignState {
	out := make([]*campaignState, 0, len(s.campaigns))
	for _, cs := range s.campaigns {
		out = append(out, cs)
	}
	slices.SortFunc(out, func(a, b *campaignState) int {
		if n := a.CreatedAt.Compare(b.CreatedAt); n != 0 {
			return n
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

func (s *Server) listCampaigns(c *reqCtx) response {
	var all []any
	for _, cs := range s.sortedCampaigns() {
		all = append(all, c.campaignObj(cs))
	}
	return c.list("campaigns", "data", "", all)
}

func (s *Server) getCampaign(c *reqCtx) response {
	cs, bad := s.campaign(c, c.id())
	if bad != nil {
		return *bad
	}
	return c.ok(c.one("campaign", "data", c.campaignObj(cs)))
}

func (s *Server) updateCampaign(c *reqCtx) response {
	cs, bad := s.campaign(c, c.id())
	if bad != nil {
		return *bad
	}
	m, bad := c.object()
	if bad != nil {
		return *bad
	}
	name, hasName, errs := parseName(m, false)
	steps, hasSteps, stepErrs := parseSteps(m)
	if errs = append(errs, stepErrs...); len(errs) > 0 {
		return c.invalid(errs...)
	}
	if hasName {
		cs.Name = name
	}
	if hasSteps {
		cs.Steps = steps
	}
	if hasName || hasSteps {
		cs.UpdatedAt = s.clock()
	}
	return c.ok(c.one("campaign", "data", c.campaignObj(cs)))
}

// deleteCampaign answers 204 in reference and concept styles and 200 with
// the deleted object in the others: both forms exist in REST APIs.
func (s *Server) deleteCampaign(c *reqCtx) response {
	cs, bad := s.campaign(c, c.id())
	if bad != nil {
		return *bad
	}
	body := c.campaignObj(cs)
	s.removeCampaign(cs.ID)
	switch c.style {
	case StyleGuide:
		return c.ok(obj{{"campaign", body}})
	case StyleData:
		return c.ok(obj{{"data", body}})
	}
	return noContent()
}

// removeCampaign drops a campaign with its leads and replies; s.mu held.
func (s *Server) removeCampaign(id string) bool {
	if _, ok := s.campaigns[id]; !ok {
		return false
	}
	delete(s.campaigns, id)
	for rid, r := range s.replies {
		if r.CampaignID == id {
			delete(s.replies, rid)
		}
	}
	return true
}

func (s *Server) startCampaign(c *reqCtx) response {
	cs, bad := s.campaign(c, c.id())
	if bad != nil {
		return *bad
	}
	if cs.Status != StatusRunning {
		if len(cs.leads) == 0 {
			return c.fail(http.StatusBadRequest, "no_leads_enrolled", "Campaign has no enrolled leads; enroll leads before starting it")
		}
		if len(cs.Steps) == 0 {
			return c.fail(http.StatusBadRequest, "no_sequence_steps", "Campaign has no sequence steps; add at least one step before starting it")
		}
		s.setRunning(cs)
	}
	return c.ok(c.dataOnly(obj{{"id", cs.ID}, {"status", c.campaignStatus(cs.Status)}, {"startedAt", c.ts(cs.StartedAt)}}))
}

// setRunning moves a campaign to running and queues every lead that still
// has steps to receive; s.mu held.
func (s *Server) setRunning(cs *campaignState) {
	now := s.clock()
	cs.Status = StatusRunning
	cs.StartedAt, cs.PausedAt, cs.UpdatedAt = now, timeZero, now
	for _, l := range cs.leads {
		if !l.queued && !l.bounced && l.stepsSent < len(cs.Steps) {
			s.queueLead(cs, l)
		}
	}
}

func (s *Server) pauseCampaign(c *reqCtx) response {
	cs, bad := s.campaign(c, c.id())
	if bad != nil {
		return *bad
	}
	if cs.Status == StatusRunning {
		now := s.clock()
		cs.Status, cs.PausedAt, cs.UpdatedAt = StatusPaused, now, now
	}
	return c.ok(c.dataOnly(obj{{"id", cs.ID}, {"status", c.campaignStatus(cs.Status)}, {"pausedAt", c.ts(cs.PausedAt)}}))
}
