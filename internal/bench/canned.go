package bench

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/leadterra/terraform-provider-leadterra/internal/provider"
)

// cannedServer is the CLI-cost baseline: a provider written directly on
// terraform-plugin-go that has the real provider's schema but answers from
// what the CLI sends, without any HTTP. Plan is the proposed new state with
// null computed attributes unknown; apply is the planned state with every
// unknown replaced by a canned value; read returns the current state. So the
// CLI does the same work as with the real provider, and this process does
// the least any provider must (decode, walk, encode).
type cannedServer struct {
	tfprotov6.ProviderServer // nil: anything not listed below is not served

	meta      *tfprotov6.GetMetadataResponse
	schema    *tfprotov6.GetProviderSchemaResponse
	resources map[string]*cannedResource
	values    cannedValues
}

// ServeCanned serves the canned provider in managed debug mode: it prints
// TF_REATTACH_PROVIDERS like `terraform-provider-leadterra -debug` and
// stops on SIGINT.
func ServeCanned(ctx context.Context) error {
	s, err := newCannedServer(ctx)
	if err != nil {
		return err
	}
	return tf6server.Serve(provider.Address, func() tfprotov6.ProviderServer { return s }, tf6server.WithManagedDebug())
}

// newCannedServer fetches the schema from the real provider, in process and
// once: that is the only thing the framework contributes.
func newCannedServer(ctx context.Context) (*cannedServer, error) {
	fw := providerserver.NewProtocol6(provider.New("bench")())()
	meta, err := fw.GetMetadata(ctx, &tfprotov6.GetMetadataRequest{})
	if err != nil {
		return nil, err
	}
	schema, err := fw.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return nil, err
	}
	for _, d := range append(meta.Diagnostics, schema.Diagnostics...) {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return nil, fmt.Errorf("provider schema: %s: %s", d.Summary, d.Detail)
		}
	}
	s := &cannedServer{meta: meta, schema: schema, resources: map[string]*cannedResource{}}
	for name, rs := range schema.ResourceSchemas {
		s.resources[name] = newCannedResource(rs)
	}
	return s, nil
}

func (s *cannedServer) resource(name string) (*cannedResource, []*tfprotov6.Diagnostic) {
	if r, ok := s.resources[name]; ok {
		return r, nil
	}
	return nil, errDiag(fmt.Errorf("unknown resource type %q", name))
}

func errDiag(err error) []*tfprotov6.Diagnostic {
	return []*tfprotov6.Diagnostic{{Severity: tfprotov6.DiagnosticSeverityError, Summary: "canned provider", Detail: err.Error()}}
}

func (s *cannedServer) GetMetadata(context.Context, *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	return s.meta, nil
}

func (s *cannedServer) GetProviderSchema(context.Context, *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	return s.schema, nil
}

// GetResourceIdentitySchemas declares none: identities are optional, and
// the minimum provider has none.
func (s *cannedServer) GetResourceIdentitySchemas(context.Context, *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov6.GetResourceIdentitySchemasResponse{}, nil
}

func (s *cannedServer) GetFunctions(context.Context, *tfprotov6.GetFunctionsRequest) (*tfprotov6.GetFunctionsResponse, error) {
	return &tfprotov6.GetFunctionsResponse{Functions: s.schema.Functions}, nil
}

func (s *cannedServer) ValidateProviderConfig(_ context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	return &tfprotov6.ValidateProviderConfigResponse{PreparedConfig: req.Config}, nil
}

func (s *cannedServer) ConfigureProvider(context.Context, *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	return &tfprotov6.ConfigureProviderResponse{}, nil
}

func (s *cannedServer) StopProvider(context.Context, *tfprotov6.StopProviderRequest) (*tfprotov6.StopProviderResponse, error) {
	return &tfprotov6.StopProviderResponse{}, nil
}

func (s *cannedServer) ValidateResourceConfig(context.Context, *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return &tfprotov6.ValidateResourceConfigResponse{}, nil
}

func (s *cannedServer) UpgradeResourceState(_ context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	r, diags := s.resource(req.TypeName)
	if diags != nil {
		return &tfprotov6.UpgradeResourceStateResponse{Diagnostics: diags}, nil
	}
	state, err := r.upgrade(req.RawState)
	if err != nil {
		return &tfprotov6.UpgradeResourceStateResponse{Diagnostics: errDiag(err)}, nil
	}
	return &tfprotov6.UpgradeResourceStateResponse{UpgradedState: state}, nil
}

func (s *cannedServer) ReadResource(_ context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return &tfprotov6.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}, nil
}

func (s *cannedServer) PlanResourceChange(_ context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	r, diags := s.resource(req.TypeName)
	if diags != nil {
		return &tfprotov6.PlanResourceChangeResponse{Diagnostics: diags}, nil
	}
	planned, err := r.plan(req.ProposedNewState)
	if err != nil {
		return &tfprotov6.PlanResourceChangeResponse{Diagnostics: errDiag(err)}, nil
	}
	return &tfprotov6.PlanResourceChangeResponse{PlannedState: planned, PlannedPrivate: req.PriorPrivate}, nil
}

func (s *cannedServer) ApplyResourceChange(_ context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	r, diags := s.resource(req.TypeName)
	if diags != nil {
		return &tfprotov6.ApplyResourceChangeResponse{Diagnostics: diags}, nil
	}
	state, err := r.apply(req.PlannedState, &s.values)
	if err != nil {
		return &tfprotov6.ApplyResourceChangeResponse{Diagnostics: errDiag(err)}, nil
	}
	return &tfprotov6.ApplyResourceChangeResponse{NewState: state, Private: req.PlannedPrivate}, nil
}

// The benchmark configurations use no data source, function, import or
// ephemeral resource; these answer with an error rather than pretend.

func (s *cannedServer) ValidateDataResourceConfig(context.Context, *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return &tfprotov6.ValidateDataResourceConfigResponse{}, nil
}

func (s *cannedServer) ReadDataSource(_ context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return &tfprotov6.ReadDataSourceResponse{Diagnostics: errDiag(fmt.Errorf("no data source is canned (%s)", req.TypeName))}, nil
}

func (s *cannedServer) ImportResourceState(_ context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return &tfprotov6.ImportResourceStateResponse{Diagnostics: errDiag(fmt.Errorf("import is not canned (%s)", req.TypeName))}, nil
}

func (s *cannedServer) CallFunction(_ context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return &tfprotov6.CallFunctionResponse{Error: &tfprotov6.FunctionError{Text: "no function is canned (" + req.Name + ")"}}, nil
}
