package sandbox

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// crockford is the lower-case ULID alphabet (no i, l, o, u).
const crockford = "0123456789abcdefghjkmnpqrstvwxyz"

// newID returns prefix + a 26-character lower-case ULID: 10 characters of
// millisecond time, then 16 random ones, like camp_01hx4mrqpbcn7wh2gfk9yz6e3s.
func newID(prefix string, t time.Time) string {
	var b [26]byte
	ms := uint64(t.UnixMilli())
	for i := 9; i >= 0; i-- {
		b[i] = crockford[ms&31]
		ms >>= 5
	}
	var rnd [16]byte
	_, _ = rand.Read(rnd[:])
	for i := range 16 {
		b[10+i] = crockford[rnd[i]&31]
	}
	return prefix + string(b[:])
}

func randomHex(n int) string {
	buf := make([]byte, n)
	_, _ = rand.Read(buf)
	return hex.EncodeToString(buf)
}

func newRequestID() string { return "req_" + randomHex(12) }

func newSigningSecret() string { return "whsec_" + randomHex(24) }
