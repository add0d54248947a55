=== punycode
const p = require('punycode');
print(p.encode('mañana'), p.decode('maana-pta'), p.toASCII('mañana.com'), p.toUnicode('xn--maana-pta.com'), p.toASCII('☃-⌘.com'));
print(p.ucs2.decode('𝌆'), p.ucs2.encode([0x1D306]), typeof p.version);
