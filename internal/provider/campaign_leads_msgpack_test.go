package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// leadsObjectType is the resource's object type, as its schema says.
func leadsObjectType(tb testing.TB) tftypes.Object {
	tb.Helper()
	server, err := NewServer(New("test")())
	if err != nil {
		tb.Fatal(err)
	}
	typ, err := server.(*leadsServer).objectType(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return typ
}

// leadsObjects are objects of the resource with the shapes the codec must
// keep apart: null and empty fields, null and empty leads, unknowns.
func leadsObjects(typ tftypes.Object) map[string]tftypes.Value {
	fields := func(kv ...any) tftypes.Value {
		m := map[string]tftypes.Value{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = tftypes.NewValue(tftypes.String, kv[i+1])
		}
		return tftypes.NewValue(leadFieldsTF, m)
	}
	many := map[string]tftypes.Value{}
	for i := range 300 {
		many[fmt.Sprintf("lead%03d@example.com", i)] = fields("first_name", fmt.Sprintf("Lead %d", i), "company", "Ünïcode Co ✓")
	}
	obj := func(leads tftypes.Value, id any) tftypes.Value {
		attrs := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			attrs[name] = tftypes.NewValue(at, nil)
		}
		attrs["campaign_id"] = tftypes.NewValue(tftypes.String, "camp_1")
		attrs["id"] = tftypes.NewValue(tftypes.String, id)
		attrs["leads"] = leads
		return tftypes.NewValue(typ, attrs)
	}
	return map[string]tftypes.Value{
		"plain": obj(tftypes.NewValue(leadsTF, map[string]tftypes.Value{
			"a@example.com": fields("first_name", "Ann", "last_name", ""),
			"b@example.com": fields("first_name", nil),
			"c@example.com": fields(),
			"d@example.com": tftypes.NewValue(leadFieldsTF, nil),
		}), "camp_1"),
		"many":          obj(tftypes.NewValue(leadsTF, many), "camp_1"),
		"unknown id":    obj(tftypes.NewValue(leadsTF, map[string]tftypes.Value{"a@example.com": fields("x", "1")}), tftypes.UnknownValue),
		"empty leads":   obj(tftypes.NewValue(leadsTF, map[string]tftypes.Value{}), "camp_1"),
		"null leads":    obj(tftypes.NewValue(leadsTF, nil), "camp_1"),
		"unknown leads": obj(tftypes.NewValue(leadsTF, tftypes.UnknownValue), "camp_1"),
		"unknown field": obj(tftypes.NewValue(leadsTF, map[string]tftypes.Value{"a@example.com": fields("x", tftypes.UnknownValue)}), "camp_1"),
		"unknown lead":  obj(tftypes.NewValue(leadsTF, map[string]tftypes.Value{"a@example.com": tftypes.NewValue(leadFieldsTF, tftypes.UnknownValue)}), "camp_1"),
		"null object":   tftypes.NewValue(typ, nil),
	}
}

// The leads codec must agree with the protocol's generic one both ways.
func TestLeadsCodecMatchesGeneric(t *testing.T) {
	typ := leadsObjectType(t)
	for name, v := range leadsObjects(typ) {
		t.Run(name, func(t *testing.T) {
			generic, err := tfprotov6.NewDynamicValue(typ, v)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeLeadsObject(typ, &generic, decodeLeadsBytes)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(v) {
				t.Errorf("decoding the generic encoding: got %v, want %v", got, v)
			}
			ours, err := encodeLeadsObject(typ, v)
			if err != nil {
				t.Fatal(err)
			}
			back, err := ours.Unmarshal(typ)
			if err != nil {
				t.Fatal(err)
			}
			if !back.Equal(v) {
				t.Errorf("generic decoding of ours: got %v, want %v", back, v)
			}
			// Sorted keys: encoding twice gives the same bytes, as
			// Terraform's encoder does for equal values.
			again, err := encodeLeadsObject(typ, back)
			if err != nil {
				t.Fatal(err)
			}
			if v.IsFullyKnown() && string(again.MsgPack) != string(ours.MsgPack) {
				t.Error("two encodings of one value differ")
			}
		})
	}
}

// FuzzDecodeLeadsObject: any bytes either fail or decode as the generic
// codec decodes them.
func FuzzDecodeLeadsObject(f *testing.F) {
	typ := leadsObjectType(f)
	for _, v := range leadsObjects(typ) {
		dv, err := tfprotov6.NewDynamicValue(typ, v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(dv.MsgPack)
	}
	f.Add([]byte{0x80})
	f.Add([]byte{0xc0})
	f.Fuzz(func(t *testing.T, data []byte) {
		dv := &tfprotov6.DynamicValue{MsgPack: data}
		got, err := decodeLeadsObject(typ, dv, decodeLeadsBytes)
		want, werr := dv.Unmarshal(typ)
		switch {
		case err != nil && werr == nil:
			t.Fatalf("the generic codec decodes what ours refuses: %v", err)
		case err == nil && werr != nil:
			t.Fatalf("ours decodes what the generic codec refuses (%v): %v", werr, got)
		case err == nil && !got.Equal(want):
			t.Fatalf("got %v, want %v", got, want)
		}
	})
}
