package intrinsics

import (
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// TestHostileArguments calls every function Install added with odd receivers and arguments. Each call
// may throw a JavaScript error, but none may crash the host or surface a recovered Go panic. (goja's own
// RegExp.prototype methods are left out: RegExp.prototype[Symbol.replace].call({}, "a", "b") is a Go nil
// dereference inside goja itself.)
func TestHostileArguments(t *testing.T) {
	vm := goja.New()
	if err := Install(vm); err != nil {
		t.Fatal(err)
	}
	v, err := vm.RunString(`
	(function () {
		var throwing = new Proxy({}, { get: function () { throw new Error("trap"); } });
		var odd = [undefined, null, 0, -0, NaN, Infinity, -1e308, 1e308, 2 ** 53, -5, 12345678901234567890n,
			"", "de", "en-US", "\ud800", "x".repeat(300), Symbol("s"), {}, [], ["en", 5], throwing,
			function () {}, new Date(NaN), {valueOf: function () { throw new Error("v"); }},
			{style: "currency"}, {timeZone: "Mars/Base"}, {granularity: "word"}, {type: "ordinal"}];
		var targets = [Intl.NumberFormat, Intl.DateTimeFormat, Intl.Collator, Intl.PluralRules,
			Intl.RelativeTimeFormat, Intl.ListFormat, Intl.DisplayNames, Intl.Segmenter, Intl.Locale,
			WeakRef, FinalizationRegistry, RegExp];
		var receivers = [undefined, {}, 1];
		var problems = [];
		function note(e) {
			var m = String(e && e.message);
			if (m.indexOf("internal error") >= 0) problems.push(m);
		}
		function tryCall(f, self, args) {
			try {
				var r = f.apply(self, args);
				if (r && typeof r[Symbol.iterator] === "function" && typeof r !== "string") {
					var n = 0;
					for (var x of r) { if (++n > 5) break; }
				}
			} catch (e) { note(e); }
		}
		targets.forEach(function (C) {
			var instances = [];
			odd.forEach(function (a) {
				odd.forEach(function (b) {
					try { instances.push(new C(a, b)); } catch (e) { note(e); }
					try { C(a, b); } catch (e) { note(e); }
				});
			});
			instances = instances.filter(function (x, i) { return i % 97 === 0; }).slice(0, 6);
			[["en"], ["en", {type: "region"}], [function () {}], [{}], ["a", "u"]].forEach(function (args) {
				try { instances.push(Reflect.construct(C, args)); } catch (e) { note(e); }
			});
			instances.push(Object.create(C.prototype));
			var proto = C.prototype;
			var keys = C === RegExp ? ["compile", "hasIndices", "unicodeSets"] : Reflect.ownKeys(proto).concat(Reflect.ownKeys(C));
			keys.forEach(function (k) {
				var owner = Reflect.getOwnPropertyDescriptor(proto, k) ? proto : C;
				var d = Reflect.getOwnPropertyDescriptor(owner, k);
				var fns = [d.value, d.get].filter(function (f) { return typeof f === "function"; });
				fns.forEach(function (f) {
					instances.concat(receivers).forEach(function (self) {
						odd.forEach(function (a) {
							tryCall(f, self, [a, odd[(odd.indexOf(a) + 3) % odd.length]]);
						});
						try {
							var g = d.get && d.get.call(self);
							if (typeof g === "function") odd.forEach(function (a) { tryCall(g, undefined, [a, a]); });
						} catch (e) { note(e); }
					});
				});
			});
		});
		[Number.prototype.toLocaleString, BigInt.prototype.toLocaleString, Date.prototype.toLocaleString,
		 Date.prototype.toLocaleDateString, Date.prototype.toLocaleTimeString, String.prototype.localeCompare,
		 Array.prototype.toLocaleString, String.prototype.isWellFormed, String.prototype.toWellFormed,
		 Date.prototype.setYear, Object.prototype.__lookupGetter__, Intl.getCanonicalLocales, Intl.supportedValuesOf
		].forEach(function (f) {
			[1, 1n, new Date(0), "s", [1, null], undefined, {}, throwing].forEach(function (self) {
				odd.forEach(function (a) { tryCall(f, self, [a, {style: "percent"}]); });
			});
		});
		return problems;
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	if err := vm.ExportTo(v, &problems); err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Fatalf("recovered Go panics:\n%s", strings.Join(problems, "\n"))
	}
}
