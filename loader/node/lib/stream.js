'use strict';
// Node 20's stream module: readable-stream 4 (Node 18's lib/internal/streams, bundled), with its
// errors and inspect pointed at ours by gen.go.
const Stream = require('internal/deps/stream');

Stream._isArrayBufferView = ArrayBuffer.isView;

// duplexPair (Node 20.17): two Duplexes where what one writes the other reads.
function duplexPair(options) {
  const { Duplex } = Stream;
  let a;
  let b;
  const make = (other) => new Duplex({
    ...options,
    read() {},
    write(chunk, encoding, callback) {
      other().push(chunk, encoding);
      callback();
    },
    final(callback) {
      other().push(null);
      callback();
    },
  });
  a = make(() => b);
  b = make(() => a);
  return [a, b];
}
Stream.duplexPair = duplexPair;

module.exports = Stream;
