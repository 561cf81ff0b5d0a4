package provider

import "fmt"

// campaignObject and webhookObject name an object in diagnostics
// (diagnostics.Op.Object).
func campaignObject(id string) string { return fmt.Sprintf("campaign %q", id) }

func webhookObject(id string) string { return fmt.Sprintf("webhook %q", id) }
