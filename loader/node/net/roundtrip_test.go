package net_test

import (
	"testing"
)

func TestNetEchoTCPAndUnix(t *testing.T) {
	out, errs, code := runApp(t, map[string]string{"app.js": `
const net = require('net');
const path = require('path');
function echo(listenArgs, connectArgs, label) {
  return new Promise((resolve) => {
    const srv = net.createServer((s) => { s.on('data', (d) => s.write('echo:' + d)); s.on('end', () => s.end()); });
    srv.listen(...listenArgs, () => {
      const addr = srv.address();
      const c = net.connect(...connectArgs(addr));
      c.setEncoding('utf8');
      c.setNoDelay(true);
      let got = '';
      c.on('connect', () => { c.write('hi ' + label); c.end(); });
      c.on('data', (d) => { got += d; });
      c.on('close', (hadError) => srv.close(() => resolve([label, got, hadError, c.bytesRead, c.bytesWritten])));
    });
  });
}
(async () => {
  console.log(JSON.stringify(await echo([0, '127.0.0.1'], (a) => [a.port, '127.0.0.1'], 'tcp')));
  const sock = path.join(process.cwd(), 's.sock');
  console.log(JSON.stringify(await echo([sock], () => [sock], 'unix')));
  console.log(net.isIP('10.0.0.1'), net.isIP('::1'), net.isIP('2130706433'), net.isIPv6('fe80::1%eth0'));
})();
`}, "app.js")
	wantLines(t, out, errs, code,
		`["tcp","echo:hi tcp",false,11,6]`,
		`["unix","echo:hi unix",false,12,7]`,
		`4 6 0 true`)
}

func TestHTTPKeepAliveChunkedAndUpgrade(t *testing.T) {
	out, errs, code := runApp(t, map[string]string{"app.js": `
const http = require('http');
const srv = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    if (req.url === '/chunked') { res.write('a,'); res.write('b,'); res.end('c'); return; }
    res.setHeader('X-Seen', req.headers['x-h'] || 'none');
    res.end(req.method + ' ' + req.url + ' ' + body);
  });
});
srv.on('upgrade', (req, socket, head) => {
  socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n');
  if (head.length) socket.write(head);
  socket.on('data', (d) => socket.write(d));
  socket.on('end', () => socket.end());
});
srv.listen(0, '127.0.0.1', async () => {
  const port = srv.address().port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const call = (path, body, headers) => new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent, method: body ? 'POST' : 'GET', headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve([res.statusCode, res.headers['transfer-encoding'] || 'len ' + res.headers['content-length'],
        res.headers['x-seen'] || '-', Buffer.concat(chunks).toString(), req.reusedSocket]));
    });
    req.on('error', reject);
    if (body) { req.write(body.slice(0, 3)); req.write(body.slice(3)); }
    req.end();
  });
  console.log(JSON.stringify(await call('/a', null, { 'x-h': 'one' })));
  console.log(JSON.stringify(await call('/b', 'posted body')));
  console.log(JSON.stringify(await call('/chunked')));
  const up = http.request({ host: '127.0.0.1', port, headers: { Connection: 'Upgrade', Upgrade: 'echo' } });
  up.on('upgrade', (res, socket, head) => {
    socket.setEncoding('utf8');
    socket.on('data', (d) => {
      console.log('upgraded', res.statusCode, res.headers.upgrade, d);
      socket.end();
      agent.destroy();
      srv.close(() => console.log('closed'));
    });
    socket.write('ping over raw socket');
  });
  up.end();
  console.log(http.STATUS_CODES[418], http.METHODS.includes('PATCH'));
});
`}, "app.js")
	wantLines(t, out, errs, code,
		`[200,"len 7","one","GET /a ",false]`,
		`[200,"len 19","none","POST /b posted body",true]`,
		`[200,"chunked","-","a,b,c",true]`,
		`I'm a Teapot true`,
		`upgraded 101 echo ping over raw socket`,
		`closed`)
}

// Express re-parents req and res (Object.setPrototypeOf(req, app.request)); the prototypes must be
// Node's so that getters such as headers keep working and methods added on the way are found.
func TestHTTPPrototypesCanBeExtended(t *testing.T) {
	out, errs, code := runApp(t, map[string]string{"app.js": `
const http = require('http');
const reqProto = Object.create(http.IncomingMessage.prototype, { hello: { value() { return 'hi ' + this.headers['x-name']; } } });
const resProto = Object.create(http.ServerResponse.prototype, { sendJSON: { value(o) { this.setHeader('content-type', 'application/json'); this.end(JSON.stringify(o)); } } });
const srv = http.createServer((req, res) => {
  Object.setPrototypeOf(req, reqProto);
  Object.setPrototypeOf(res, resProto);
  res.sendJSON({ msg: req.hello(), isReadable: req instanceof require('stream').Readable });
});
srv.listen(0, '127.0.0.1', () => {
  http.get({ host: '127.0.0.1', port: srv.address().port, headers: { 'x-name': 'ann' }, agent: false }, (res) => {
    let s = '';
    res.on('data', (d) => { s += d; });
    res.on('end', () => { console.log(res.headers['content-type'], s); srv.close(); });
  });
});
`}, "app.js")
	wantLines(t, out, errs, code, `application/json {"msg":"hi ann","isReadable":true}`)
}
