package provider

import "github.com/leadterra/terraform-provider-leadterra/internal/leadterra"

// emailKey is the identity of a lead or a suppressed address: Leadterra
// matches addresses ignoring case.
func emailKey(email string) string { return leadterra.EmailKey(email) }

// sameEmail reports whether a and b are one address to Leadterra.
func sameEmail(a, b string) bool { return emailKey(a) == emailKey(b) }
