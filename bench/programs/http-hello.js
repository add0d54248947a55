// A hello-world HTTP server for bench/http.sh: listens on 127.0.0.1:PORT (argv[2]) until killed.
const http = require('http');
const port = Number(process.argv[2] || 8080);
http.createServer((req, res) => {
  res.end('hello world');
}).listen(port, '127.0.0.1');
