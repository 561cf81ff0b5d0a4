// Package leadterra is a client for the Leadterra REST API.
//
// The public docs contradict themselves: several pages show the same endpoint
// answering in different shapes. Every decoder here accepts each documented
// variant (DESIGN.md, "Documented endpoints") and ignores unknown fields.
// Endpoints the docs lack (campaign read/update/delete and the like) are
// tried as conventional REST "completions"; when the API does not offer one,
// the client remembers that for the rest of the run and falls back on the
// documented API (DESIGN.md, "Completions and fallbacks").
//
// The package has no Terraform imports: the provider maps its typed errors to
// diagnostics.
package leadterra
