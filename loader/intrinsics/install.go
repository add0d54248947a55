package intrinsics

import (
	"errors"
	"fmt"

	"github.com/dop251/goja"
)

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// Install adds the extensions to a fresh goja runtime, before any other script runs and before lockdown
// freezes every intrinsic. Everything it installs keeps working when frozen.
func Install(vm *goja.Runtime) (err error) {
	if vm == nil {
		return errors.New("intrinsics.Install: expected a goja runtime, got nil")
	}
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("intrinsics.Install: %v", x)
		}
	}()
	r := &realm{vm: vm}
	if err := r.captureIntrinsics(); err != nil {
		return err
	}
	steps := []struct {
		name string
		run  func() error
	}{
		{"RegExp", r.installRegExp},
		{"WeakRef", r.installWeakRef},
		{"FinalizationRegistry", r.installFinalizationRegistry},
		{"String", r.installStringExtras},
		{"legacy", r.installAnnexB},
		{"Intl", r.installIntl},
		{"toLocaleString", r.installLocaleMethods},
	}
	for _, s := range steps {
		if err := s.run(); err != nil {
			return fmt.Errorf("intrinsics.Install: %s: %w", s.name, err)
		}
	}
	return nil
}

func (r *realm) captureIntrinsics() error {
	get := func(path ...string) (*goja.Object, error) {
		var cur goja.Value = r.vm.GlobalObject()
		for _, p := range path {
			o, ok := cur.(*goja.Object)
			if !ok {
				return nil, fmt.Errorf("expected %v to be an object", path)
			}
			cur = o.Get(p)
		}
		o, ok := cur.(*goja.Object)
		if !ok {
			return nil, fmt.Errorf("expected %v to be an object", path)
		}
		return o, nil
	}
	var err error
	if r.objectProto, err = get("Object", "prototype"); err != nil {
		return err
	}
	if r.arrayProto, err = get("Array", "prototype"); err != nil {
		return err
	}
	if r.dateProto, err = get("Date", "prototype"); err != nil {
		return err
	}
	if r.rangeErrorCtor, err = get("RangeError"); err != nil {
		return err
	}
	if r.syntaxErrCtor, err = get("SyntaxError"); err != nil {
		return err
	}
	iterFn, _ := goja.AssertFunction(r.arrayProto.GetSymbol(goja.SymIterator))
	it, err := iterFn(r.vm.NewArray())
	if err != nil {
		return err
	}
	// %IteratorPrototype% is the prototype of %ArrayIteratorPrototype%.
	if o, ok := it.(*goja.Object); ok && o.Prototype() != nil {
		r.iteratorProto = o.Prototype().Prototype()
	}
	if r.iteratorProto == nil {
		return errors.New("expected to find %IteratorPrototype%")
	}
	return nil
}
