package sandbox

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"strings"
)

const maxLeadsPerRequest = 10000

// standardLeadFields are the documented lead fields besides email.
var standardLeadFields = []string{"firstName", "lastName", "company", "jobTitle"}

// ignoredLeadKeys are read-only attributes a client may echo back; they
// must not turn into custom fields.
var ignoredLeadKeys = map[string]bool{"email": true, "customFields": true, "id": true, "enrolledAt": true, "status": true, "createdAt": true, "updatedAt": true}

// leadInput is one validated entry of a bulk request: only the fields
// actually sent, so an upsert overwrites nothing else.
type leadInput struct {
	email  string
	fields map[string]string
	custom map[string]string
}

func (c *reqCtx) leadObj(l *leadState) obj {
	return obj{
		{"email", l.Email},
		{"firstName", l.FirstName},
		{"lastName", l.LastName},
		{"company", l.Company},
		{"jobTitle", l.JobTitle},
		{"customFields", l.clone().CustomFields},
		{"enrolledAt", c.ts(l.EnrolledAt)},
	}
}

// customValue accepts strings, and numbers or booleans as their text; the
// docs allow "any" type for extra keys but tokens render as text.
func customValue(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case json.Number:
		return t.String(), true
	case bool:
		return fmt.Sprint(t), true
	}
	return "", false
}

// parseLead validates one lead. Shape problems are 400s; bad values 422s.
func parseLead(i int, it any) (leadInput, *fieldError, []fieldError) {
	p := fmt.Sprintf("leads[%d]", i)
	lm, ok := it.(map[string]any)
	if !ok {
		e := fieldErr(p, "%s must be an object", p)
		return leadInput{}, &e, nil
	}
	in := leadInput{fields: map[string]string{}, custom: map[string]string{}}
	var errs []fieldError
	bad := func(email, field, format string, args ...any) {
		errs = append(errs, fieldError{Index: i, Email: email, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	switch v := lm["email"].(type) {
	case nil:
		bad("", "email", "email is required")
	case string:
		in.email = v
		if !validEmail(v) {
			bad(v, "email", "email %q is not a valid email address", v)
		}
	default:
		bad("", "email", "email must be a string")
	}
	for _, f := range standardLeadFields {
		val, present, ferr := stringField(lm, f, f)
		if ferr != nil {
			bad(in.email, f, "%s", ferr.Message)
		} else if present {
			in.fields[f] = val
		}
	}
	for k, v := range lm {
		if ignoredLeadKeys[k] || v == nil || isStandardField(k) {
			continue
		}
		if s, ok := customValue(v); ok {
			in.custom[k] = s
		} else {
			bad(in.email, k, "%s must be a string, number or boolean", k)
		}
	}
	switch cf := lm["customFields"].(type) {
	case nil:
	case map[string]any:
		for k, v := range cf {
			if v == nil {
				continue
			}
			if s, ok := customValue(v); ok {
				in.custom[k] = s // the nested object wins over a top-level key
			} else {
				bad(in.email, "customFields."+k, "customFields.%s must be a string, number or boolean", k)
			}
		}
	default:
		bad(in.email, "customFields", "customFields must be an object")
	}
	return in, nil, errs
}

func isStandardField(k string) bool {
	for _, f := range standardLeadFields {
		if f == k {
			return true
		}
	}
	return false
}

func (s *Server) bulkLeads(c *reqCtx) response {
	cs, bad := s.campaign(c, c.id())
	if bad != nil {
		return *bad
	}
	m, bad := c.object()
	if bad != nil {
		return *bad
	}
	arr, ferr := requiredList(m, "leads")
	if ferr != nil {
		return c.invalid(*ferr)
	}
	if len(arr) > maxLeadsPerRequest {
		return c.invalid(fieldErr("leads", "at most %d leads per request", maxLeadsPerRequest))
	}
	inputs := make([]leadInput, 0, len(arr))
	var shapeErrs, valueErrs []fieldError
	for i, it := range arr {
		in, shape, errs := parseLead(i, it)
		if shape != nil {
			shapeErrs = append(shapeErrs, *shape)
		}
		valueErrs = append(valueErrs, errs...)
		inputs = append(inputs, in)
	}
	if len(shapeErrs) > 0 {
		return c.invalid(shapeErrs...)
	}
	if len(valueErrs) > 0 {
		return c.unprocessable(fmt.Sprintf("%d lead(s) failed validation; nothing was enrolled", countIndexes(valueErrs)), valueErrs)
	}

	now := s.clock()
	enrolled, updated := 0, 0
	skipped := []string{}
	for _, in := range inputs {
		key := strings.ToLower(in.email)
		if _, ok := s.suppressed[key]; ok {
			skipped = append(skipped, in.email)
			continue
		}
		l, exists := cs.leads[key]
		if exists {
			updated++
		} else {
			enrolled++
			l = &leadState{Lead: Lead{CustomFields: map[string]string{}, EnrolledAt: now}}
			cs.leads[key] = l
		}
		l.Email = in.email
		applyLeadFields(&l.Lead, in)
		if !exists && cs.Status != StatusDraft {
			s.queueLead(cs, l) // held while paused, sent by Tick while running
		}
	}
	if enrolled+updated > 0 {
		cs.UpdatedAt = now
	}
	body := obj{{"enrolled", enrolled}, {"updated", updated}}
	if c.style == StyleGuide {
		body = append(body, kv{"skipped", len(skipped)})
	}
	body = append(body, kv{"total", enrolled + updated})
	if c.style == StyleGuide {
		body = append(body, kv{"skippedEmails", skipped})
	}
	return c.ok(c.dataOnly(body))
}

func applyLeadFields(l *Lead, in leadInput) {
	for f, v := range in.fields {
		switch f {
		case "firstName":
			l.FirstName = v
		case "lastName":
			l.LastName = v
		case "company":
			l.Company = v
		case "jobTitle":
			l.JobTitle = v
		}
	}
	maps.Copy(l.CustomFields, in.custom)
}

func countIndexes(errs []fieldError) int {
	seen := map[int]bool{}
	for _, e := range errs {
		seen[e.Index] = true
	}
	return len(seen)
}

func (s *Server) listLeads(c *reqCtx) response {
	cs, bad := s.campaign(c, c.id())
	if bad != nil {
		return *bad
	}
	var all []any
	for _, l := range sortedLeads(cs) {
		all = append(all, c.leadObj(l))
	}
	return c.list("leads", "leads", "", all)
}

func (s *Server) deleteLeads(c *reqCtx) response {
	cs, bad := s.campaign(c, c.id())
	if bad != nil {
		return *bad
	}
	emails, resp := c.emailList(maxLeadsPerRequest)
	if resp != nil {
		return *resp
	}
	removed := 0
	for _, e := range emails {
		key := strings.ToLower(e)
		if _, ok := cs.leads[key]; ok {
			delete(cs.leads, key)
			removed++
		}
	}
	if removed > 0 {
		cs.UpdatedAt = s.clock()
	}
	return c.ok(c.dataOnly(obj{{"removed", removed}}))
}

// emailList reads {"emails":[…]} for the removal endpoints: required,
// non-empty, strings only, at most limit entries.
func (c *reqCtx) emailList(limit int) ([]string, *response) {
	m, bad := c.object()
	if bad != nil {
		return nil, bad
	}
	arr, ferr := requiredList(m, "emails")
	if ferr != nil {
		resp := c.invalid(*ferr)
		return nil, &resp
	}
	if len(arr) > limit {
		resp := c.fail(http.StatusBadRequest, "invalid_request", fmt.Sprintf("at most %d emails per request", limit))
		return nil, &resp
	}
	out := make([]string, 0, len(arr))
	for i, v := range arr {
		s, ok := v.(string)
		if !ok {
			resp := c.invalid(fieldErr(fmt.Sprintf("emails[%d]", i), "emails[%d] must be a string", i))
			return nil, &resp
		}
		out = append(out, s)
	}
	return out, nil
}
