//go:build nointrinsics

package loader

import "github.com/dop251/goja"

var installIntrinsics = func(*goja.Runtime) error { return nil }
