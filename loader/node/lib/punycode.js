'use strict';
// punycode@2, the library Node itself ships as its punycode module (bundled).
module.exports = require('internal/deps/punycode');
