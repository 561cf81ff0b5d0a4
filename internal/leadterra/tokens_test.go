package leadterra

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseTokens(t *testing.T) {
	for _, tc := range []struct {
		in       string
		names    []string
		problems int
	}{
		{"Hi {{firstName}}, from {{ company }}", []string{"firstName", "company"}, 0},
		{"{{useCase}} and {{custom_field_2}}", []string{"useCase", "custom_field_2"}, 0},
		{"no tokens; a CSS rule a{b:c}} stays", nil, 0},
		{"Hi {{firstName", nil, 1},
		{"Hi {{first name}}", nil, 1},
		{"Hi {{2fast}}", nil, 1},
		{"Hi {{}}", nil, 1},
		{"Hi {{a.b}}", nil, 1},
		{"Hi {{firstName {{company}}", []string{"company"}, 1},
		{"{{a}}{{b}}", []string{"a", "b"}, 0},
	} {
		tokens, problems := ParseTokens(tc.in)
		var names []string
		for _, tok := range tokens {
			names = append(names, tok.Name)
		}
		if strings.Join(names, ",") != strings.Join(tc.names, ",") || len(problems) != tc.problems {
			t.Errorf("ParseTokens(%q) = %v, %d problems %v; want %v, %d", tc.in, names, len(problems), problems, tc.names, tc.problems)
		}
	}
}

func TestLikelyTypo(t *testing.T) {
	for in, want := range map[string]string{"firstname": "firstName", "first_name": "firstName", "JOBTITLE": "jobTitle", "firstName": "", "useCase": ""} {
		if got := LikelyTypo(in); got != want {
			t.Errorf("LikelyTypo(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseTokens(f *testing.F) {
	for _, seed := range []string{"", "{{", "}}", "{{firstName}}", "{{ a }}{{b", "{{{{x}}}}", "<p>{{company}}</p>", "\xff{{\xfe}}", strings.Repeat("{{", 100)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tokens, problems := ParseTokens(s)
		last := -1
		for _, tok := range tokens {
			if tok.Offset <= last || tok.Offset >= len(s) || !strings.HasPrefix(s[tok.Offset:], "{{") {
				t.Fatalf("token %+v out of order or not at a {{", tok)
			}
			last = tok.Offset
			if !identifier.MatchString(tok.Name) {
				t.Fatalf("token name %q is not an identifier", tok.Name)
			}
		}
		for _, p := range problems {
			if !utf8.ValidString(p.Message) {
				t.Fatalf("problem message is not valid UTF-8: %q", p.Message)
			}
		}
		if !strings.Contains(s, "{{") && (len(tokens) > 0 || len(problems) > 0) {
			t.Fatal("no {{ means no tokens and no problems")
		}
	})
}
