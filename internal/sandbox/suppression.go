package sandbox

import (
	"fmt"
	"net/http"
	"net/mail"
	"slices"
	"strings"
	"unicode"
)

// maxSuppressionBatch is the API reference's limit; the guide's "no
// practical limit" is not honoured, so clients learn to batch.
const maxSuppressionBatch = 1000

// validEmail accepts plain addr-spec addresses with a dotted DNS domain.
// Surrounding whitespace is rejected, not trimmed: the API would store it.
func validEmail(s string) bool {
	if len(s) < 3 || len(s) > 254 {
		return false
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f || unicode.IsSpace(r) {
			return false
		}
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	local, domain := s[:at], s[at+1:]
	if local == "" || len(local) > 64 {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if !isLabelRune(r) {
				return false
			}
		}
	}
	return strings.Trim(labels[len(labels)-1], "0123456789") != ""
}

// isLabelRune reports whether r may appear in a domain label (LDH: ASCII
// letters, digits and hyphens).
func isLabelRune(r rune) bool {
	return r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

func (s *Server) addSuppression(c *reqCtx) response {
	m, bad := c.object()
	if bad != nil {
		return *bad
	}
	arr, ferr := requiredList(m, "emails")
	if ferr != nil {
		return c.invalid(*ferr)
	}
	if len(arr) > maxSuppressionBatch {
		return c.fail(http.StatusBadRequest, "invalid_request", fmt.Sprintf("at most %d emails per request", maxSuppressionBatch))
	}
	emails := make([]string, 0, len(arr))
	var errs []fieldError
	for i, v := range arr {
		e, ok := v.(string)
		if !ok {
			return c.invalid(fieldErr(fmt.Sprintf("emails[%d]", i), "emails[%d] must be a string", i))
		}
		if !validEmail(e) {
			errs = append(errs, fieldError{Index: i, Email: e, Field: "emails", Message: fmt.Sprintf("%q is not a valid email address", e)})
		}
		emails = append(emails, e)
	}
	if len(errs) > 0 {
		return c.unprocessable(fmt.Sprintf("%d address(es) are invalid; nothing was suppressed", len(errs)), errs)
	}
	now := s.clock()
	added, already := 0, 0
	for _, e := range emails {
		key := strings.ToLower(e)
		if _, ok := s.suppressed[key]; ok {
			already++
			continue
		}
		s.suppressed[key] = now
		added++
	}
	if c.style == StyleReference {
		return c.ok(obj{{"suppressed", added}})
	}
	result := obj{{"suppressed", added}, {"alreadySuppressed", already}, {"total", len(emails)}}
	if c.style == StyleData {
		return c.ok(obj{{"data", result}})
	}
	return c.ok(obj{{"result", result}})
}

func (s *Server) removeSuppression(c *reqCtx) response {
	emails, resp := c.emailList(maxSuppressionBatch)
	if resp != nil {
		return *resp
	}
	removed := 0
	for _, e := range emails {
		key := strings.ToLower(e)
		if _, ok := s.suppressed[key]; ok {
			delete(s.suppressed, key)
			removed++
		}
	}
	return c.ok(c.dataOnly(obj{{"removed", removed}}))
}

// Suppressed returns the suppression list, lower-cased and sorted.
func (s *Server) Suppressed() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.suppressed))
	for e := range s.suppressed {
		out = append(out, e)
	}
	slices.Sort(out)
	return out
}

// Unsuppress removes addresses (any case), as the dashboard would.
func (s *Server) Unsuppress(emails ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range emails {
		delete(s.suppressed, strings.ToLower(e))
	}
}
