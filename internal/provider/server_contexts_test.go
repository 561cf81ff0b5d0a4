package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

type ctxKey struct{}

// keepingServer keeps the context of each request, with a child made as
// the framework makes one (registerContext), as the framework does.
type keepingServer struct {
	frameworkServer
	kept   context.Context
	cancel context.CancelFunc
	during any
}

func (k *keepingServer) ReadResource(ctx context.Context, _ *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	k.kept, k.cancel = context.WithCancel(ctx)
	k.during = k.kept.Value(ctxKey{})
	return &tfprotov6.ReadResourceResponse{}, nil
}

// A request's values reach the framework during the request, and nothing
// of them is left in the context it keeps afterwards.
func TestContextServerDetachesAfterTheRequest(t *testing.T) {
	keeper := &keepingServer{}
	s := &contextServer{frameworkServer: keeper}
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "the request's loggers"))
	if _, err := s.ReadResource(parent, &tfprotov6.ReadResourceRequest{}); err != nil {
		t.Fatal(err)
	}
	cancel() // as gRPC does when a call ends
	if keeper.during != "the request's loggers" {
		t.Fatalf("during the request the context holds %v, want the request's values", keeper.during)
	}
	if got := keeper.kept.Value(ctxKey{}); got != nil {
		t.Errorf("after the request the kept context still holds %v", got)
	}
	keeper.cancel() // as StopProvider does
}
