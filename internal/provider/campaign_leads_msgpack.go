package provider

import (
	"bytes"
	"errors"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"
	"github.com/vmihailenco/msgpack/v5/msgpcode"
)

// The protocol's generic msgpack codec builds an attribute path for every
// value it reads or writes: for 20,000 leads that is most of the garbage of
// a request. The leads resource's values are decoded and encoded here
// instead, the leads map by hand, every other attribute by the generic
// codec. A value holding anything unknown goes to the generic codec whole.

// errNotPlain says a value needs the generic codec.
var errNotPlain = errors.New("not a plain known value")

// decodeLeadsObject is dv.Unmarshal(typ) for the leads resource's type.
// leads decodes the msgpack of the leads attribute (decodeLeadsBytes, or
// a cache of it).
func decodeLeadsObject(typ tftypes.Object, dv *tfprotov6.DynamicValue, leads func([]byte) (tftypes.Value, error)) (tftypes.Value, error) {
	if len(dv.MsgPack) > 0 {
		if v, err := decodePlainObject(typ, dv.MsgPack, leads); err == nil {
			return v, nil
		}
	}
	return dv.Unmarshal(typ)
}

// decodeLeadsBytes decodes the msgpack of a leads map without unknowns.
func decodeLeadsBytes(raw []byte) (tftypes.Value, error) {
	return decodePlainLeads(msgpack.NewDecoder(bytes.NewReader(raw)))
}

func decodePlainObject(typ tftypes.Object, data []byte, leads func([]byte) (tftypes.Value, error)) (tftypes.Value, error) {
	// A bytes.Reader is not buffered ahead: its Len tells where the
	// decoder is.
	r := bytes.NewReader(data)
	dec := msgpack.NewDecoder(r)
	code, err := dec.PeekCode()
	if err != nil || !msgpcode.IsFixedMap(code) && code != msgpcode.Map16 && code != msgpcode.Map32 {
		return tftypes.Value{}, errNotPlain
	}
	n, err := dec.DecodeMapLen()
	if err != nil || n != len(typ.AttributeTypes) {
		return tftypes.Value{}, errNotPlain
	}
	attrs := make(map[string]tftypes.Value, n)
	for range n {
		name, err := dec.DecodeString()
		if err != nil {
			return tftypes.Value{}, err
		}
		at, ok := typ.AttributeTypes[name]
		if !ok {
			return tftypes.Value{}, errNotPlain
		}
		if name == "leads" {
			start := len(data) - r.Len()
			if err := dec.Skip(); err != nil {
				return tftypes.Value{}, err
			}
			if attrs[name], err = leads(data[start : len(data)-r.Len()]); err != nil {
				return tftypes.Value{}, err
			}
			continue
		}
		raw, err := dec.DecodeRaw()
		if err != nil {
			return tftypes.Value{}, err
		}
		if attrs[name], err = (&tfprotov6.DynamicValue{MsgPack: raw}).Unmarshal(at); err != nil {
			return tftypes.Value{}, err
		}
	}
	return tftypes.NewValue(typ, attrs), nil
}

// decodePlainLeads reads a leads map holding no unknown value.
func decodePlainLeads(dec *msgpack.Decoder) (tftypes.Value, error) {
	isNil, err := nextIsNil(dec)
	if err != nil || isNil {
		return tftypes.NewValue(leadsTF, nil), err
	}
	n, err := dec.DecodeMapLen()
	if err != nil {
		return tftypes.Value{}, err
	}
	elems := make(map[string]tftypes.Value, n)
	for range n {
		email, err := dec.DecodeString()
		if err != nil {
			return tftypes.Value{}, err
		}
		if isNil, err = nextIsNil(dec); err != nil {
			return tftypes.Value{}, err
		} else if isNil {
			elems[email] = tftypes.NewValue(leadFieldsTF, nil)
			continue
		}
		m, err := dec.DecodeMapLen()
		if err != nil {
			return tftypes.Value{}, err
		}
		fields := make(map[string]tftypes.Value, m)
		for range m {
			name, err := dec.DecodeString()
			if err != nil {
				return tftypes.Value{}, err
			}
			if isNil, err = nextIsNil(dec); err != nil {
				return tftypes.Value{}, err
			} else if isNil {
				fields[name] = tftypes.NewValue(tftypes.String, nil)
				continue
			}
			s, err := dec.DecodeString()
			if err != nil {
				return tftypes.Value{}, err
			}
			fields[name] = tftypes.NewValue(tftypes.String, s)
		}
		elems[email] = tftypes.NewValue(leadFieldsTF, fields)
	}
	return tftypes.NewValue(leadsTF, elems), nil
}

// nextIsNil consumes a nil; an unknown value (a msgpack extension) is
// errNotPlain.
func nextIsNil(dec *msgpack.Decoder) (bool, error) {
	code, err := dec.PeekCode()
	switch {
	case err != nil:
		return false, err
	case msgpcode.IsExt(code):
		return false, errNotPlain
	case code == msgpcode.Nil:
		return true, dec.DecodeNil()
	}
	return false, nil
}

// encodeLeadsObject is tfprotov6.NewDynamicValue(typ, v) for the leads
// resource's type; keys come out sorted, as Terraform's own encoder does.
func encodeLeadsObject(typ tftypes.Object, v tftypes.Value) (*tfprotov6.DynamicValue, error) {
	if data, err := encodePlainObject(typ, v); err == nil {
		return &tfprotov6.DynamicValue{MsgPack: data}, nil
	}
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	return &dv, err
}

func encodePlainObject(typ tftypes.Object, v tftypes.Value) ([]byte, error) {
	var attrs map[string]tftypes.Value
	if !v.IsKnown() || v.IsNull() || v.As(&attrs) != nil || len(attrs) != len(typ.AttributeTypes) {
		return nil, errNotPlain
	}
	var buf bytes.Buffer
	enc := msgpack.NewEncoder(&buf)
	if err := enc.EncodeMapLen(len(attrs)); err != nil {
		return nil, err
	}
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		at, ok := typ.AttributeTypes[name]
		if !ok {
			return nil, errNotPlain
		}
		if err := enc.EncodeString(name); err != nil {
			return nil, err
		}
		if name == "leads" {
			if err := encodePlainLeads(enc, attrs[name]); err != nil {
				return nil, err
			}
			continue
		}
		dv, err := tfprotov6.NewDynamicValue(at, attrs[name])
		if err != nil {
			return nil, err
		}
		if err := enc.Encode(msgpack.RawMessage(dv.MsgPack)); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}

func encodePlainLeads(enc *msgpack.Encoder, v tftypes.Value) error {
	if !v.IsKnown() {
		return errNotPlain
	}
	if v.IsNull() {
		return enc.EncodeNil()
	}
	var elems map[string]tftypes.Value
	if err := v.As(&elems); err != nil {
		return err
	}
	if err := enc.EncodeMapLen(len(elems)); err != nil {
		return err
	}
	for _, email := range slices.Sorted(maps.Keys(elems)) {
		if err := enc.EncodeString(email); err != nil {
			return err
		}
		el := elems[email]
		if err := encodePlainStrings(enc, el); err != nil {
			return err
		}
	}
	return nil
}

// encodePlainStrings writes a known map of strings.
func encodePlainStrings(enc *msgpack.Encoder, v tftypes.Value) error {
	if !v.IsKnown() {
		return errNotPlain
	}
	if v.IsNull() {
		return enc.EncodeNil()
	}
	var fields map[string]tftypes.Value
	if err := v.As(&fields); err != nil {
		return err
	}
	if err := enc.EncodeMapLen(len(fields)); err != nil {
		return err
	}
	var buf [16]string
	for _, name := range sortedKeys(fields, buf[:0]) {
		if err := enc.EncodeString(name); err != nil {
			return err
		}
		f := fields[name]
		var s string
		switch {
		case !f.IsKnown():
			return errNotPlain
		case f.IsNull():
			if err := enc.EncodeNil(); err != nil {
				return err
			}
		case f.As(&s) != nil:
			return errNotPlain
		default:
			if err := enc.EncodeString(s); err != nil {
				return err
			}
		}
	}
	return nil
}

// sortedKeys appends the keys of m to buf, sorted: with a buffer on the
// caller's stack, a lead's few fields cost no allocation.
func sortedKeys(m map[string]tftypes.Value, buf []string) []string {
	for k := range m {
		buf = append(buf, k)
	}
	slices.Sort(buf)
	return buf
}
