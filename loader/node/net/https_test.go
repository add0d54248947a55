package net_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"testing"
	"time"
)

// testPKI makes a CA and a server certificate for 127.0.0.1 and localhost signed by it.
func testPKI(t *testing.T) (caPEM, certPEM, keyPEM string) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "pkgbox test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	kder, _ := x509.MarshalECPrivateKey(key)
	enc := func(typ string, b []byte) string { return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b})) }
	return enc("CERTIFICATE", caDER), enc("CERTIFICATE", der), enc("EC PRIVATE KEY", kder)
}

func TestHTTPSWithTestCA(t *testing.T) {
	ca, cert, key := testPKI(t)
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	out, errs, code := runApp(t, map[string]string{"app.js": `
const https = require('https');
const ca = ` + q(ca) + `, cert = ` + q(cert) + `, key = ` + q(key) + `;
const srv = https.createServer({ cert, key }, (req, res) => res.end('secure ' + req.url + ' ' + req.socket.encrypted));
srv.listen(0, '127.0.0.1', async () => {
  const port = srv.address().port;
  const get = (opts) => new Promise((resolve) => {
    const req = https.get({ host: '127.0.0.1', port, path: '/x', agent: false, ...opts }, (res) => {
      let s = '';
      res.on('data', (d) => { s += d; });
      res.on('end', () => resolve([res.statusCode, s, req.socket.authorized]));
    });
    req.on('error', (e) => resolve(['error', e.code]));
  });
  console.log(JSON.stringify(await get({ ca })));
  console.log(JSON.stringify(await get({})));
  console.log(JSON.stringify(await get({ rejectUnauthorized: false })));
  srv.close(() => console.log('closed'));
});
`}, "app.js")
	wantLines(t, out, errs, code,
		`[200,"secure /x true",true]`,
		`["error","UNABLE_TO_VERIFY_LEAF_SIGNATURE"]`,
		`[200,"secure /x true",false]`,
		`closed`)
}
