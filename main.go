// Command terraform-provider-leadterra is the Terraform and OpenTofu provider
// for Leadterra.
package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/leadterra/terraform-provider-leadterra/internal/heapfloor"
	"github.com/leadterra/terraform-provider-leadterra/internal/provider"
)

// version is set by goreleaser (-ldflags "-X main.version=…").
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	provider.LimitSDKLogs()
	heapfloor.Start(heapfloor.Default)

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	// provider.NewServer is the framework's server with the leads of
	// leadterra_campaign_leads kept out of the framework's walks.
	serve := func() tfprotov6.ProviderServer {
		server, err := provider.NewServer(provider.New(version)())
		if err != nil {
			log.Fatal(err)
		}
		return server
	}
	if err := tf6server.Serve(provider.Address, serve, opts...); err != nil {
		log.Fatal(err)
	}
}
