//go:build !nointrinsics

package loader

import "github.com/pkgbox/pkgbox/loader/intrinsics"

var installIntrinsics = intrinsics.Install
