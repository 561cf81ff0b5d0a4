package diagnostics

import (
	"fmt"
	"strings"

	"github.com/leadterra/terraform-provider-leadterra/internal/leadterra"
)

// BulletList renders at most 20 entries, so that 2,000 leads do not flood
// the terminal.
func BulletList(items []string) string {
	const maxShown = 20
	var b strings.Builder
	for i, it := range items {
		if i == maxShown {
			fmt.Fprintf(&b, "\n  … and %d more", len(items)-maxShown)
			break
		}
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("  - " + it)
	}
	return b.String()
}

// rejectedItems lists the entries of a 422's errors array by the name of
// the item they refer to: by index into sent where they give one (the item
// shape is undocumented and may hold only an index), else by the address
// they carry. Without entries, the whole request is listed.
func rejectedItems(items []leadterra.ErrorItem, sent []string) string {
	if len(items) == 0 {
		return fmt.Sprintf("  (the API did not say which; the refused request held these %d)\n%s", len(sent), BulletList(sent))
	}
	var order []string
	reasons := map[string][]string{}
	for _, it := range items {
		name := it.Email
		if it.Index >= 0 && it.Index < len(sent) {
			name = sent[it.Index]
		}
		if name == "" {
			name = "(an item the API did not identify)"
		}
		msg := it.Message
		if msg == "" {
			msg = it.Code
		}
		if it.Field != "" && !strings.Contains(msg, it.Field) {
			msg += " (field " + it.Field + ")"
		}
		if _, seen := reasons[name]; !seen {
			order = append(order, name)
		}
		reasons[name] = append(reasons[name], msg)
	}
	lines := make([]string, len(order))
	for i, n := range order {
		lines[i] = n + ": " + strings.Join(reasons[n], "; ")
	}
	return BulletList(lines)
}
