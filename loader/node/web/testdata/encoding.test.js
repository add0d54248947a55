// TextEncoder and TextDecoder against Node 20, quirks included.
const cps = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');
const bytes = (...b) => new Uint8Array(b);

const te = new TextEncoder();
print(te.encoding, show(te.encode()), show(te.encode(undefined)), show(te.encode(5)), show(te.encode(null)));
print(show(te.encode('\ud800a\udc00')), show(te.encode('€😀')), show(te.encode('\uDBFF\uDFFF')));
print(Object.getPrototypeOf(te.encode('x')) === Uint8Array.prototype, te.encode('x').buffer.byteLength, te.encode.length);
const dst = new Uint8Array(5);
print(show(te.encodeInto('a€😀b', dst)), show(dst));
print(show(te.encodeInto('😀', new Uint8Array(3))), show(te.encodeInto('\ud800x', new Uint8Array(10))), show(te.encodeInto('', new Uint8Array(0))));
const big = new Uint8Array(8);
print(show(te.encodeInto('ab', big.subarray(2))), show(big));
print(attempt(() => te.encodeInto('x', 5)), attempt(() => te.encodeInto('x', new Uint16Array(2))));
print(attempt(() => te.encodeInto('x')), attempt(() => te.encodeInto()), attempt(() => te.encodeInto(5, new Uint8Array(1))));
print(attempt(() => TextEncoder.prototype.encode.call({}, 'x')), attempt(() => Object.getOwnPropertyDescriptor(TextEncoder.prototype, 'encoding').get.call(5)));

// Labels: every label of the Encoding Standard.
const labels = ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8', '866', 'cp866',
  'csibm866', 'ibm866', 'csisolatin2', 'iso-8859-2', 'iso-ir-101', 'iso8859-2', 'iso88592', 'iso_8859-2', 'iso_8859-2:1987',
  'l2', 'latin2', 'csisolatin3', 'iso-8859-3', 'l3', 'csisolatin4', 'iso-8859-4', 'latin4', 'csisolatincyrillic', 'cyrillic',
  'iso-8859-5', 'arabic', 'asmo-708', 'csiso88596e', 'csiso88596i', 'csisolatinarabic', 'ecma-114', 'iso-8859-6',
  'iso-8859-6-e', 'iso-8859-6-i', 'csisolatingreek', 'ecma-118', 'elot_928', 'greek', 'greek8', 'iso-8859-7', 'sun_eu_greek',
  'csiso88598e', 'csisolatinhebrew', 'hebrew', 'iso-8859-8', 'iso-8859-8-e', 'visual', 'csiso88598i', 'iso-8859-8-i', 'logical',
  'csisolatin6', 'iso-8859-10', 'latin6', 'iso-8859-13', 'iso-8859-14', 'csisolatin9', 'iso-8859-15', 'l9', 'iso-8859-16',
  'cskoi8r', 'koi', 'koi8', 'koi8-r', 'koi8_r', 'koi8-ru', 'koi8-u', 'csmacintosh', 'mac', 'macintosh', 'x-mac-roman',
  'dos-874', 'iso-8859-11', 'tis-620', 'windows-874', 'cp1250', 'windows-1250', 'x-cp1250', 'cp1251', 'windows-1251',
  'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100', 'iso8859-1', 'iso88591',
  'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252', 'cp1253', 'windows-1253',
  'cp1254', 'csisolatin5', 'iso-8859-9', 'latin5', 'windows-1254', 'cp1255', 'windows-1255', 'cp1256', 'windows-1256',
  'cp1257', 'windows-1257', 'cp1258', 'windows-1258', 'x-mac-cyrillic', 'x-mac-ukrainian', 'chinese', 'csgb2312', 'gb2312',
  'gbk', 'x-gbk', 'gb18030', 'big5', 'big5-hkscs', 'cn-big5', 'csbig5', 'x-x-big5', 'cseucpkdfmtjapanese', 'euc-jp',
  'x-euc-jp', 'csiso2022jp', 'iso-2022-jp', 'csshiftjis', 'ms932', 'ms_kanji', 'shift-jis', 'shift_jis', 'sjis',
  'windows-31j', 'x-sjis', 'cseuckr', 'csksc56011987', 'euc-kr', 'iso-ir-149', 'korean', 'ks_c_5601-1987', 'ks_c_5601-1989',
  'ksc5601', 'ksc_5601', 'windows-949', 'csiso2022kr', 'hz-gb-2312', 'iso-2022-cn', 'iso-2022-cn-ext', 'iso-2022-kr',
  'replacement', 'unicodefffe', 'utf-16be', 'csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16',
  'utf-16le', 'x-user-defined', ' UTF-8 ', '\tlatin1\n', '\vutf-8', 'utf-8\u00a0', 'utf-7', 'x', ''];
const names = [];
for (const l of labels) {
  try {
    names.push(`${JSON.stringify(l)}=${new TextDecoder(l).encoding}`);
  } catch (e) {
    names.push(`${JSON.stringify(l)}!${errInfo(e)}`);
  }
}
print(names.join('\n'));
print(attempt(() => new TextDecoder(undefined).encoding), attempt(() => new TextDecoder(null)), attempt(() => new TextDecoder({ toString() { return 'latin1'; } }).encoding));
print(attempt(() => new TextDecoder('utf-8', []).fatal), attempt(() => new TextDecoder('utf-8', () => 1).fatal), attempt(() => new TextDecoder('utf-8', null).fatal));
print(attempt(() => new TextDecoder('x', 5)), attempt(() => new TextDecoder('utf-8', 'x')), attempt(() => new TextDecoder('utf-8', { fatal: 1, ignoreBOM: 'y' }).ignoreBOM));

// Single-byte encodings over every byte value.
const all = new Uint8Array(256);
for (let i = 0; i < 256; i++) all[i] = i;
for (const l of ['latin1', 'iso-8859-2', 'iso-8859-7', 'windows-1250', 'windows-1251', 'koi8-r', 'macintosh', 'ibm866', 'windows-874', 'iso-8859-8-i', 'x-mac-cyrillic']) {
  print(l, cps(new TextDecoder(l).decode(all)));
}
const stream1252 = new TextDecoder('latin1');
print('latin1 stream', cps(stream1252.decode(all.subarray(0x80, 0xa0), { stream: true })), '|', cps(stream1252.decode(all.subarray(0x80, 0x88))));
print('latin1 fatal', cps(new TextDecoder('latin1', { fatal: true }).decode(bytes(0x80, 0x81, 0xff))));
print(attempt(() => new TextDecoder('windows-1253', { fatal: true }).decode(bytes(0x41, 0xaa))));

// UTF-8.
const d8 = new TextDecoder();
print(cps(d8.decode(bytes(0xe2, 0x82, 0x41, 0xf0, 0x80, 0x80, 0xed, 0xa0, 0x80, 0xc0, 0xaf, 0xf4, 0x90, 0xff, 0xf0, 0x9f, 0x98))));
print(cps(d8.decode(bytes(0xef, 0xbb, 0xbf, 0x41))), cps(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes(0xef, 0xbb, 0xbf, 0x41))));
const split = new TextDecoder();
print(cps(split.decode(bytes(0xef, 0xbb), { stream: true })), '|', cps(split.decode(bytes(0xbf, 0x41, 0xef, 0xbb, 0xbf))), '|', cps(split.decode(bytes(0xef, 0xbb, 0xbf, 0x42))));
const s8 = new TextDecoder();
print(cps(s8.decode(bytes(0xe2, 0x82), { stream: true })), '|', cps(s8.decode(bytes(0xac, 0xe2), { stream: true })), '|', cps(s8.decode()));
print(attempt(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes(0xe2))));
const f8 = new TextDecoder('utf-8', { fatal: true });
print(show(f8.decode(bytes(0xe2), { stream: true })), attempt(() => f8.decode()), show(f8.decode(bytes(0x41))));
const f8b = new TextDecoder('utf-8', { fatal: true });
print(attempt(() => f8b.decode(bytes(0xe2, 0x41), { stream: true })), show(f8b.decode(bytes(0x41))));
print(JSON.stringify(d8.decode(new DataView(bytes(0x61, 0x62).buffer))), JSON.stringify(d8.decode(new Uint16Array([0x6261]))),
  JSON.stringify(d8.decode(bytes(0x61, 0x62, 0x63).buffer)), JSON.stringify(d8.decode(bytes(0x41, 0, 0x42).subarray(1))));
for (const x of [undefined, null, 'str', 5, {}, [1, 2], Object.create(ArrayBuffer.prototype)]) print(attempt(() => d8.decode(x)));
print(attempt(() => new TextDecoder().decode(bytes(0x41), 5)), attempt(() => new TextDecoder('utf-16le').decode(bytes(0x41, 0), 5)));
print(attempt(() => new TextDecoder('utf-8').decode('x', { stream: true })), attempt(() => new TextDecoder('latin1').decode(null)), attempt(() => new TextDecoder('koi8-r').decode(5)));

// UTF-16.
const u16 = bytes(0xff, 0xfe, 0x41, 0x00, 0x3d, 0xd8, 0x00, 0xde, 0x00, 0xd8, 0x42);
print(cps(new TextDecoder('utf-16le').decode(u16)), '|', cps(new TextDecoder('utf-16le', { ignoreBOM: true }).decode(u16)));
print(attempt(() => new TextDecoder('utf-16le', { fatal: true }).decode(u16)));
const d16 = new TextDecoder('utf-16le');
print(cps(d16.decode(u16.subarray(0, 3), { stream: true })), '|', cps(d16.decode(u16.subarray(3, 7), { stream: true })), '|', cps(d16.decode(u16.subarray(7))));
print(cps(new TextDecoder('utf-16be').decode(bytes(0xfe, 0xff, 0, 0x41, 0xd8, 0x3d, 0xde, 0, 0xdc, 0, 0xd8, 0, 0, 0x41))));
const n16 = new TextDecoder('utf-16le');
print(show(n16.decode(bytes(0x41), { stream: true })), show(n16.decode(bytes(0x00), null)), show(n16.decode(bytes(0x42), {})));
print(JSON.stringify(new TextDecoder('utf-16le').decode(bytes(0x41, 0, 0x42).buffer)));

// Multi-byte legacy encodings on valid input.
print(cps(new TextDecoder('gb18030').decode(bytes(0x81, 0x30, 0x81, 0x30, 0xa1, 0xa1, 0x41))));
print(cps(new TextDecoder('gbk').decode(bytes(0xc4, 0xe3, 0xba, 0xc3))));
print(cps(new TextDecoder('shift_jis').decode(bytes(0x82, 0xa0, 0x41, 0x93, 0xfa))));
print(cps(new TextDecoder('euc-kr').decode(bytes(0xb0, 0xa1))), cps(new TextDecoder('big5').decode(bytes(0xa4, 0x40))));
print(cps(new TextDecoder('euc-jp').decode(bytes(0xa4, 0xa2))));
print(cps(new TextDecoder('iso-2022-jp').decode(bytes(0x1b, 0x24, 0x42, 0x30, 0x21, 0x1b, 0x28, 0x42, 0x41))));
const sj = new TextDecoder('shift_jis');
print(cps(sj.decode(bytes(0x82), { stream: true })), '|', cps(sj.decode(bytes(0xa0))));
print(attempt(() => new TextDecoder('shift_jis', { fatal: true }).decode(bytes(0x81))));

// Shape and inspect.
print(describe(TextEncoder.prototype));
print(describe(TextDecoder.prototype));
print(TextDecoder.length, TextEncoder.length, TextDecoder.prototype.decode.length, TextEncoder.prototype.encodeInto.length);
print(Object.prototype.toString.call(new TextDecoder()), Object.prototype.toString.call(new TextEncoder()));
print(attempt(() => TextDecoder.prototype.decode.call({}, bytes(1))), attempt(() => Object.getOwnPropertyDescriptor(TextDecoder.prototype, 'fatal').get.call({})));
print(inspect(new TextEncoder()));
print(inspect(new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true })));
class MyDecoder extends TextDecoder {}
print(inspect(new MyDecoder()));
