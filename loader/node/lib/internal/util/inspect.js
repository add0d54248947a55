'use strict';
// Node's util.inspect/format (node-inspect-extracted, bundled as internal/deps/inspect), one
// instance per compartment so inspect.defaultOptions and inspect.styles stay per package.
const deps = require('internal/deps/inspect');
module.exports = {
  inspect: deps.inspect,
  format: deps.format,
  formatWithOptions: deps.formatWithOptions,
  stripVTControlCharacters: deps.stripVTControlCharacters,
};
