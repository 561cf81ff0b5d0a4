package provider

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// contextServer hands the framework each request's context through a
// detachableContext. The framework keeps the cancel function of every
// request's context until StopProvider, and with it the context's chain:
// the per-request loggers, about 30 KB a request, 90 MB in a plan of 1,500
// resources. Detached when the call returns, a context keeps nothing.
//
// The calls made for every resource, data source or function call of a run
// are wrapped, all unary, their work ended when they return. Left to the
// framework: the calls made a few times per process (schemas, Configure,
// which may keep its context, ephemeral resources, action plans) and those
// that stream results after they return (list resources, actions).
type contextServer struct {
	frameworkServer
}

// detachableContext is a request's context until detach, then an empty
// one: done, canceled, without values.
type detachableContext struct {
	ctx atomic.Pointer[context.Context]
}

var detachedCtx, cancelDetached = context.WithCancel(context.Background())

func init() { cancelDetached() }

func (d *detachableContext) current() context.Context {
	if p := d.ctx.Load(); p != nil {
		return *p
	}
	return detachedCtx
}

func (d *detachableContext) Deadline() (time.Time, bool) { return d.current().Deadline() }
func (d *detachableContext) Done() <-chan struct{}       { return d.current().Done() }
func (d *detachableContext) Err() error                  { return d.current().Err() }
func (d *detachableContext) Value(key any) any           { return d.current().Value(key) }

// detached calls f with ctx behind a detachableContext, detached when f returns.
func detached[Req, Resp any](ctx context.Context, req Req, f func(context.Context, Req) (Resp, error)) (Resp, error) {
	d := &detachableContext{}
	d.ctx.Store(&ctx)
	defer d.ctx.Store(nil)
	return f(d, req)
}

func (s *contextServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return detached(ctx, req, s.frameworkServer.ValidateResourceConfig)
}

func (s *contextServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return detached(ctx, req, s.frameworkServer.UpgradeResourceState)
}

func (s *contextServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return detached(ctx, req, s.frameworkServer.UpgradeResourceIdentity)
}

func (s *contextServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return detached(ctx, req, s.frameworkServer.ReadResource)
}

func (s *contextServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return detached(ctx, req, s.frameworkServer.PlanResourceChange)
}

func (s *contextServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return detached(ctx, req, s.frameworkServer.ApplyResourceChange)
}

func (s *contextServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return detached(ctx, req, s.frameworkServer.ImportResourceState)
}

func (s *contextServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return detached(ctx, req, s.frameworkServer.MoveResourceState)
}

func (s *contextServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return detached(ctx, req, s.frameworkServer.ValidateDataResourceConfig)
}

func (s *contextServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return detached(ctx, req, s.frameworkServer.ReadDataSource)
}

func (s *contextServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return detached(ctx, req, s.frameworkServer.CallFunction)
}
