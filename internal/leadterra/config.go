package leadterra

import (
	"errors"
	"net"
	"strings"
	"unicode"
)

// IsLoopbackHost reports "localhost" and loopback IP literals
// (127.0.0.0/8, ::1). Names under .localhost are not trusted: whether they
// resolve to this machine depends on the resolver.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// KeyCheck is what NormalizeAPIKey found about a raw key.
type KeyCheck struct {
	Key string
	// Trimmed: leading or trailing whitespace (a newline from a file or an
	// env var, the docs' most common 401 cause) was removed.
	Trimmed bool
	// UnknownPrefix: neither sk_live_ nor sk_test_.
	UnknownPrefix bool
	Live          bool
}

// ErrKeyInnerWhitespace reports whitespace inside a key, which no trimming
// can repair.
var ErrKeyInnerWhitespace = errors.New("the API key contains whitespace inside it")

// ErrKeyEmpty reports a key that is empty or only whitespace.
var ErrKeyEmpty = errors.New("the API key is empty")

// NormalizeAPIKey trims stray outer whitespace and checks the rest. The key
// itself never appears in a returned error.
func NormalizeAPIKey(raw string) (KeyCheck, error) {
	key := strings.TrimFunc(raw, blankRune)
	kc := KeyCheck{Key: key, Trimmed: key != raw}
	if key == "" {
		return kc, ErrKeyEmpty
	}
	if strings.IndexFunc(key, blankRune) >= 0 {
		return kc, ErrKeyInnerWhitespace
	}
	kc.Live = strings.HasPrefix(key, "sk_live_")
	kc.UnknownPrefix = !kc.Live && !strings.HasPrefix(key, "sk_test_")
	return kc, nil
}

// blankRune is whitespace or an invisible format character (a zero-width
// space or a byte-order mark copied along with the key).
func blankRune(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }
