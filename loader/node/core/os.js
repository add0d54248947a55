'use strict';
// os: the parts that describe the platform are free; the parts that identify the machine or the
// user (hostname, userInfo, homedir, networkInterfaces, ...) need sys.info, checked in Go.

const constants = binding.constants;

function gated(name) {
  return function () { return binding.call(name, ...arguments); };
}

const os = {
  arch: () => binding.arch,
  platform: () => binding.platform,
  type: () => 'Linux',
  endianness: () => 'LE',
  EOL: '\n',
  devNull: '/dev/null',
  constants,
  availableParallelism: () => binding.parallelism,
  tmpdir() {
    let p = process.env.TMPDIR || process.env.TMP || process.env.TEMP || '/tmp';
    if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
    return p;
  },
  totalmem: gated('totalmem'),
  freemem: gated('freemem'),
  loadavg: gated('loadavg'),
  cpus: gated('cpus'),
  hostname: gated('hostname'),
  homedir: gated('homedir'),
  userInfo: gated('userInfo'),
  networkInterfaces: gated('networkInterfaces'),
  release: gated('release'),
  version: gated('version'),
  machine: gated('machine'),
  uptime: gated('uptime'),
  getPriority: gated('getPriority'),
  setPriority: gated('setPriority'),
};
for (const k of Object.keys(os)) {
  if (typeof os[k] === 'function') Object.defineProperty(os[k], 'name', { value: k });
}
module.exports = os;
