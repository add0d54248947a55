'use strict';
// Node's string_decoder (string_decoder@1.3.0, Node's own pure-JS version, bundled), with Node
// 20's error for an unknown encoding.
const { StringDecoder: Base } = require('internal/deps/string_decoder');
const { codes: { ERR_UNKNOWN_ENCODING } } = require('internal/errors');

function StringDecoder(encoding) {
  if (!(this instanceof StringDecoder)) return new StringDecoder(encoding);
  if (encoding !== undefined && encoding !== null && encoding !== '' && !Buffer.isEncoding(encoding)) {
    throw new ERR_UNKNOWN_ENCODING(encoding);
  }
  Reflect.apply(Base, this, [encoding]);
}
StringDecoder.prototype = Base.prototype;
Object.defineProperty(Base.prototype, 'constructor', { value: StringDecoder, writable: true, configurable: true, enumerable: false });

module.exports = { StringDecoder };
