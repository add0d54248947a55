package net

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"

	"github.com/dop251/goja"

	"github.com/pkgbox/pkgbox/loader/node/host"
)

// verifyState is a TLS client's certificate check, done by hand (crypto/tls's own check is off)
// so that rejectUnauthorized: false still reports authorized/authorizationError as Node does.
type verifyState struct {
	name   string
	roots  *x509.CertPool // nil: the system roots
	reject bool
	err    string // Node's code of the verification failure, "" when verified
}

// verifyError carries Node's code for a certificate failure.
type verifyError struct{ code, msg string }

func (e *verifyError) Error() string { return e.msg }

// tlsErrorCode returns Node's code and message for a TLS failure, or "" when err is not one.
func tlsErrorCode(err error) (string, string) {
	var ve *verifyError
	if errors.As(err, &ve) {
		return ve.code, ve.msg
	}
	var re tls.RecordHeaderError
	if errors.As(err, &re) {
		return "ERR_SSL_WRONG_VERSION_NUMBER", "wrong version number"
	}
	if strings.HasPrefix(err.Error(), "tls: ") || strings.Contains(err.Error(), "remote error: tls") {
		return "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE", err.Error()
	}
	return "", ""
}

func classify(err error, chain []*x509.Certificate) *verifyError {
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	var ci x509.CertificateInvalidError
	switch {
	case errors.As(err, &he):
		return &verifyError{"ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames: " + he.Error()}
	case errors.As(err, &ci) && ci.Reason == x509.Expired:
		return &verifyError{"CERT_HAS_EXPIRED", "certificate has expired"}
	case errors.As(err, &ua):
		selfSigned := func(c *x509.Certificate) bool { return c.CheckSignatureFrom(c) == nil }
		if len(chain) == 1 && selfSigned(chain[0]) {
			return &verifyError{"DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"}
		}
		if len(chain) > 1 && selfSigned(chain[len(chain)-1]) {
			return &verifyError{"SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain"}
		}
		return &verifyError{"UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate"}
	}
	return &verifyError{"UNABLE_TO_VERIFY_LEAF_SIGNATURE", err.Error()}
}

// pems reads a PEM option: a string, a Buffer, or an array of them.
func (b *binding) pems(v goja.Value) [][]byte {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	if bs, ok := host.Bytes(b.vm, v); ok {
		return [][]byte{append([]byte(nil), bs...)}
	}
	if o, ok := v.(*goja.Object); ok && o.ClassName() == "Array" {
		var out [][]byte
		n := int(o.Get("length").ToInteger())
		for i := 0; i < n; i++ {
			out = append(out, b.pems(o.Get(fmt.Sprint(i)))...)
		}
		return out
	}
	return [][]byte{[]byte(v.String())}
}

func (b *binding) strings(v goja.Value) []string {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	var out []string
	n := int(o.Get("length").ToInteger())
	for i := 0; i < n; i++ {
		out = append(out, o.Get(fmt.Sprint(i)).String())
	}
	return out
}

func isSet(v goja.Value) bool { return v != nil && !goja.IsUndefined(v) && !goja.IsNull(v) }

func (b *binding) certPool(v goja.Value) (*x509.CertPool, error) {
	list := b.pems(v)
	if list == nil {
		return nil, nil
	}
	pool := x509.NewCertPool()
	for _, p := range list {
		if !pool.AppendCertsFromPEM(p) {
			return nil, errors.New("tls: the ca option holds no PEM certificate")
		}
	}
	return pool, nil
}

func (b *binding) keyPair(o *goja.Object) ([]tls.Certificate, error) {
	certs, keys := b.pems(o.Get("cert")), b.pems(o.Get("key"))
	if len(certs) == 0 && len(keys) == 0 {
		return nil, nil
	}
	if len(certs) != len(keys) {
		return nil, errors.New("tls: cert and key must be given together (PEM strings or Buffers)")
	}
	var out []tls.Certificate
	for i := range certs {
		c, err := tls.X509KeyPair(certs[i], keys[i])
		if err != nil {
			return nil, fmt.Errorf("tls: cert/key: %v", err)
		}
		out = append(out, c)
	}
	return out, nil
}

// tlsClientConfig reads tls.connect's options (nil when v is not set: a plain socket).
func (b *binding) tlsClientConfig(v goja.Value) (*tls.Config, *verifyState, error) {
	if !isSet(v) {
		return nil, nil, nil
	}
	o := v.ToObject(b.vm)
	roots, err := b.certPool(o.Get("ca"))
	if err != nil {
		return nil, nil, err
	}
	certs, err := b.keyPair(o)
	if err != nil {
		return nil, nil, err
	}
	vs := &verifyState{roots: roots, reject: !isSet(o.Get("rejectUnauthorized")) || o.Get("rejectUnauthorized").ToBoolean()}
	cfg := &tls.Config{
		ServerName:         str(o, "servername"),
		NextProtos:         b.strings(o.Get("ALPNProtocols")),
		Certificates:       certs,
		InsecureSkipVerify: true, // verified in VerifyConnection, so a failure can be reported and tolerated
		MinVersion:         tls.VersionTLS12,
	}
	cfg.VerifyConnection = func(st tls.ConnectionState) error {
		opts := x509.VerifyOptions{Roots: vs.roots, DNSName: vs.name, Intermediates: x509.NewCertPool()}
		if len(st.PeerCertificates) == 0 {
			vs.err = "UNABLE_TO_GET_ISSUER_CERT"
		} else {
			for _, c := range st.PeerCertificates[1:] {
				opts.Intermediates.AddCert(c)
			}
			if _, err := st.PeerCertificates[0].Verify(opts); err != nil {
				ve := classify(err, st.PeerCertificates)
				vs.err = ve.code
				if vs.reject {
					return ve
				}
			}
		}
		return nil
	}
	return cfg, vs, nil
}

// tlsServerConfig reads tls.createServer's options.
func (b *binding) tlsServerConfig(v goja.Value) (*tls.Config, error) {
	if !isSet(v) {
		return nil, nil
	}
	o := v.ToObject(b.vm)
	certs, err := b.keyPair(o)
	if err != nil {
		return nil, err
	}
	if len(certs) == 0 {
		return nil, errors.New("tls: a server needs cert and key")
	}
	pool, err := b.certPool(o.Get("ca"))
	if err != nil {
		return nil, err
	}
	cfg := &tls.Config{Certificates: certs, NextProtos: b.strings(o.Get("ALPNProtocols")), ClientCAs: pool, MinVersion: tls.VersionTLS12}
	if o.Get("requestCert").ToBoolean() {
		cfg.ClientAuth = tls.VerifyClientCertIfGiven
		if o.Get("rejectUnauthorized").ToBoolean() {
			cfg.ClientAuth = tls.RequireAndVerifyClientCert
		}
	}
	return cfg, nil
}

func tlsVersionName(v uint16) string {
	switch v {
	case tls.VersionTLS13:
		return "TLSv1.3"
	case tls.VersionTLS12:
		return "TLSv1.2"
	}
	return "unknown"
}

func (b *binding) certInfo(c *x509.Certificate) *goja.Object {
	o := b.vm.NewObject()
	name := func(n string, org []string) *goja.Object {
		x := b.vm.NewObject()
		if n != "" {
			b.set(x, "CN", n)
		}
		if len(org) > 0 {
			b.set(x, "O", org[0])
		}
		return x
	}
	b.set(o, "subject", name(c.Subject.CommonName, c.Subject.Organization))
	b.set(o, "issuer", name(c.Issuer.CommonName, c.Issuer.Organization))
	var alt []string
	for _, d := range c.DNSNames {
		alt = append(alt, "DNS:"+d)
	}
	for _, ip := range c.IPAddresses {
		alt = append(alt, "IP Address:"+ip.String())
	}
	b.set(o, "subjectaltname", strings.Join(alt, ", "))
	b.set(o, "valid_from", c.NotBefore.UTC().Format("Jan _2 15:04:05 2006 GMT"))
	b.set(o, "valid_to", c.NotAfter.UTC().Format("Jan _2 15:04:05 2006 GMT"))
	sum := sha256.Sum256(c.Raw)
	hexes := make([]string, len(sum))
	for i, x := range sum {
		hexes[i] = fmt.Sprintf("%02X", x)
	}
	b.set(o, "fingerprint256", strings.Join(hexes, ":"))
	b.set(o, "serialNumber", strings.ToUpper(c.SerialNumber.Text(16)))
	b.set(o, "raw", b.h.NewBuffer(append([]byte(nil), c.Raw...)))
	return o
}
