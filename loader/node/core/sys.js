'use strict';
// sys is the deprecated alias of util.
module.exports = require('util');
