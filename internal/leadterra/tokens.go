package leadterra

import (
	"fmt"
	"regexp"
	"strings"
)

// Token is one {{name}} found in a subject or body. Offset is the byte
// offset of its "{{".
type Token struct {
	Name   string
	Offset int
}

// TokenProblem is a malformed token: "{{" without "}}", or a name that is
// not a plain identifier.
type TokenProblem struct {
	Offset  int
	Message string
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// IsIdentifier reports a plain identifier (letters, digits and _, not
// starting with a digit): the names a {{token}} and a custom lead field may
// have.
func IsIdentifier(name string) bool { return identifier.MatchString(name) }

// ParseTokens finds every {{token}} in s. Whitespace inside the braces is
// allowed ({{ firstName }}); the name must be a plain identifier. A "}}"
// with no opening is left alone: HTML and CSS may contain it.
func ParseTokens(s string) ([]Token, []TokenProblem) {
	var tokens []Token
	var problems []TokenProblem
	for i := 0; i < len(s); {
		open := strings.Index(s[i:], "{{")
		if open < 0 {
			break
		}
		open += i
		end := strings.Index(s[open+2:], "}}")
		if end < 0 {
			problems = append(problems, TokenProblem{Offset: open, Message: fmt.Sprintf("%q opens a personalization token that is never closed with }}", excerpt(s, open))})
			break
		}
		end += open + 2
		inner := s[open+2 : end]
		name := strings.TrimSpace(inner)
		switch {
		case strings.Contains(inner, "{{"):
			problems = append(problems, TokenProblem{Offset: open, Message: fmt.Sprintf("%q opens a personalization token that is never closed with }}", excerpt(s, open))})
			i = open + 2
			continue
		case !IsIdentifier(name):
			problems = append(problems, TokenProblem{Offset: open, Message: fmt.Sprintf("{{%s}} is not a valid personalization token: the name must be a plain identifier such as firstName or useCase (letters, digits and _, not starting with a digit)", strings.ToValidUTF8(inner, "\uFFFD"))})
		default:
			tokens = append(tokens, Token{Name: name, Offset: open})
		}
		i = end + 2
	}
	return tokens, problems
}

// FoldName is how a name is compared with the standard field names: case
// and _ aside, so that firstName, FirstName and first_name are one.
func FoldName(name string) string { return strings.ToLower(strings.ReplaceAll(name, "_", "")) }

// LikelyTypo returns the standard token a name probably meant ({{firstname}}
// or {{first_name}} for {{firstName}}), or "".
func LikelyTypo(name string) string {
	folded := FoldName(name)
	for _, std := range StandardLeadFields {
		if name != std && folded == FoldName(std) {
			return std
		}
	}
	return ""
}

func excerpt(s string, at int) string {
	end := min(at+24, len(s))
	return strings.ToValidUTF8(s[at:end], "") + map[bool]string{true: "…", false: ""}[end < len(s)]
}
