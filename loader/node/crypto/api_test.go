package crypto

import (
	"strings"
	"testing"

	"github.com/dop251/goja"
)

func run(t *testing.T, src string) goja.Value {
	t.Helper()
	h := newHost()
	h.VM().Set("crypto", h.Require("crypto"))
	v, err := h.VM().RunString(src)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	if err := h.Run(); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestUnavailableNamesTheFunction checks that what is not built fails with Node's
// ERR_FEATURE_NOT_AVAILABLE_ON_PLATFORM and names the function.
func TestUnavailableNamesTheFunction(t *testing.T) {
	for _, call := range []string{
		"crypto.sign('sha256', new Uint8Array(1), 'k')", "crypto.verify()", "crypto.generateKeyPairSync('rsa')",
		"crypto.generateKeyPair('rsa', {}, () => {})", "crypto.createSign('sha256')", "crypto.createVerify('sha256')",
		"crypto.publicEncrypt('k', new Uint8Array(1))", "crypto.privateDecrypt('k', new Uint8Array(1))",
		"crypto.createPublicKey('k')", "crypto.createPrivateKey('k')", "crypto.createECDH('prime256v1')",
		"crypto.createDiffieHellman(512)", "crypto.getDiffieHellman('modp14')", "crypto.diffieHellman({})",
		"crypto.generatePrimeSync(16)", "crypto.checkPrimeSync(7n)", "new crypto.X509Certificate('x')",
		"crypto.createCipher('aes-128-cbc', 'pw')", "crypto.Certificate.exportChallenge('x')", "crypto.setFips(true)",
	} {
		name := call[:strings.IndexAny(call, "(")]
		name = strings.TrimPrefix(name, "new ")
		v := run(t, `(() => { try { `+call+`; return 'no error'; } catch (e) { return [e.code, e.message, e instanceof TypeError].join('|'); } })()`)
		want := "ERR_FEATURE_NOT_AVAILABLE_ON_PLATFORM|The feature " + name + " is unavailable on the current platform, which is being used to run Node.js|true"
		if v.String() != want {
			t.Errorf("%s:\n got %s\nwant %s", call, v, want)
		}
	}
	h := newHost()
	h.VM().Set("crypto", h.Require("crypto"))
	if _, err := h.VM().RunString(`var r; crypto.subtle.importKey('raw', new Uint8Array(1), 'AES-GCM', false, []).catch((e) => { r = e.code + ' ' + e.message; })`); err != nil {
		t.Fatal(err)
	}
	if err := h.Run(); err != nil {
		t.Fatal(err)
	}
	if got := h.VM().Get("r").String(); !strings.HasPrefix(got, "ERR_FEATURE_NOT_AVAILABLE_ON_PLATFORM The feature crypto.subtle.importKey ") {
		t.Errorf("subtle.importKey rejected with %q", got)
	}
}

// TestHandlesExposeNoGoValues checks that what the binding returns is plain JavaScript: handles
// have only the methods built for them and errors are ordinary Error objects, not GoErrors.
func TestHandlesExposeNoGoValues(t *testing.T) {
	h := newHost()
	vm := h.VM()
	vm.Set("binding", Binding(h))
	v, err := vm.RunString(`[
		Object.getOwnPropertyNames(binding.hashNew('sha256')).sort().join(),
		Object.getOwnPropertyNames(binding.hmacNew('sha256', new Uint8Array(1))).sort().join(),
		typeof binding.hashNew('sha256')(1, 'hex'),
		Object.getOwnPropertyNames(binding.cipherNew('aes-128-gcm', new Uint8Array(16), new Uint8Array(12), false, -1)).sort().join(),
		(() => { try { binding.cipherNew('aes-128-cbc', new Uint8Array(3), new Uint8Array(16), false, -1) } catch (e) { return Object.getPrototypeOf(e) === RangeError.prototype && !('value' in e) } })(),
		(() => { try { binding.hashNew('sha256').update({}) } catch (e) { return e instanceof TypeError } })(),
	].join(' | ')`)
	if err != nil {
		t.Fatal(err)
	}
	want := "length,name | length,name | string | final,getAuthTag,setAAD,setAuthTag,setAutoPadding,update | true | true"
	if v.String() != want {
		t.Fatalf("got  %s\nwant %s", v, want)
	}
}

// TestHostileInputsThrowJSErrors feeds odd values everywhere; each call must end in a JavaScript
// exception or a result, never a Go panic escaping.
func TestHostileInputsThrowJSErrors(t *testing.T) {
	weird := []string{"undefined", "null", "{}", "[]", "-1", "2**53", "NaN", "'x'", "Symbol()", "new Proxy({}, {})",
		"new Uint8Array(0)", "new DataView(new ArrayBuffer(0))", "{ length: -1 }", "function () {}"}
	calls := []string{"crypto.createHash($A).update($B)", "crypto.createHmac('sha1', $A).update($B).digest($A)",
		"crypto.createCipheriv('aes-128-gcm', $A, $B).update($A)", "crypto.pbkdf2Sync($A, $B, 1, 1, 'sha1')",
		"crypto.scryptSync($A, $B, 1, { N: 2 })", "crypto.randomFillSync($A, $B)", "crypto.timingSafeEqual($A, $B)",
		"crypto.hkdfSync('sha1', $A, $B, $A, 1)", "crypto.randomInt($A, $B)", "crypto.hash($A, $B, $A)",
		"crypto.createSecretKey($A, $B).export($B)", "crypto.getCipherInfo($A, $B)", "crypto.getRandomValues($A)",
		"crypto.createDecipheriv('aes-128-cbc', new Uint8Array(16), new Uint8Array(16)).setAuthTag($A)"}
	var src strings.Builder
	src.WriteString("let n = 0;\n")
	for _, c := range calls {
		for _, a := range weird {
			for _, b := range weird {
				expr := strings.NewReplacer("$A", a, "$B", b).Replace(c)
				src.WriteString("try { " + expr + "; } catch (e) { if (!(e instanceof Error)) throw new Error('non-Error thrown'); }\nn++;\n")
			}
		}
	}
	src.WriteString("n")
	v := run(t, src.String())
	if v.ToInteger() != int64(len(calls)*len(weird)*len(weird)) {
		t.Fatalf("ran %v calls", v)
	}
}
