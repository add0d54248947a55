=== decoding
const { StringDecoder } = require('string_decoder');
const d = new StringDecoder('utf8');
const euro = Buffer.from('€');
print(JSON.stringify(d.write(euro.slice(0, 1))), JSON.stringify(d.write(euro.slice(1))), JSON.stringify(d.end()));
print(JSON.stringify(d.write(Buffer.from([0xe2]))), JSON.stringify(d.end()));
const h = new StringDecoder('hex'); print(h.write(Buffer.from('ab')), h.end(Buffer.from('c')));
const b64 = new StringDecoder('base64'); print(b64.write(Buffer.from('abcd')), b64.end());
const u16 = new StringDecoder('utf16le'); const u = Buffer.from('hi€', 'utf16le'); print(u16.write(u.slice(0, 3)), u16.write(u.slice(3)), u16.end());
print(new StringDecoder().encoding, new StringDecoder('UCS2').encoding, new StringDecoder('latin1').encoding);
