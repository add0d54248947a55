'use strict';
// constants: Node's deprecated (DEP0008) flat table, built the way Node builds it — os.constants'
// dlopen, errno, priority and signals, then fs.constants and crypto.constants, frozen. Node builds
// it from the bindings before crypto adds its defaultCipherList accessor, so that one is left out.

const os = require('os').constants;
const fs = require('fs').constants;
const crypto = require('crypto').constants;

for (const part of [os.dlopen, os.errno, os.priority, os.signals, fs, crypto]) {
  for (const key of Object.keys(part)) {
    if (part === crypto && key === 'defaultCipherList') continue;
    exports[key] = part[key];
  }
}
Object.freeze(exports);
