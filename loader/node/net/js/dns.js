'use strict';
// Node's dns module over Go's resolver. Every look-up passes the net.resolve gate first, with the
// normalised host as resource, before any query leaves the machine.
const { makeError } = require('internal/pkgbox/net').internals;
const { codes } = require('internal/errors');

const lookupErr = (info, hostname) => {
  const err = makeError(info, 'getaddrinfo');
  if (hostname !== undefined && !err.hostname && !(info && info.error)) err.hostname = hostname;
  return err;
};

function familyOf(f) {
  if (f === 'IPv4') return 4;
  if (f === 'IPv6') return 6;
  if (f === undefined || f === null || f === 0) return 0;
  if (f !== 4 && f !== 6) throw new codes.ERR_INVALID_ARG_VALUE('options.family', f, 'must be one of: 0, 4, 6');
  return f;
}

function lookup(hostname, options, callback, api = 'dns.lookup') {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  if (typeof callback !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  if (hostname !== undefined && hostname !== null && typeof hostname !== 'string') {
    throw new codes.ERR_INVALID_ARG_TYPE('hostname', 'string', hostname);
  }
  if (typeof options === 'number') options = { family: options };
  options = options || {};
  const family = familyOf(options.family);
  const all = options.all === true;
  if (!hostname) {
    process.nextTick(() => (all ? callback(null, []) : callback(null, null, family === 6 ? 6 : 4)));
    return {};
  }
  binding.lookup(hostname, family, api, (err, list) => {
    if (err) return callback(lookupErr(err, hostname));
    let addrs = list.map(([address, fam]) => ({ address, family: fam }));
    if (options.verbatim === false || options.order === 'ipv4first') {
      addrs = addrs.filter((a) => a.family === 4).concat(addrs.filter((a) => a.family === 6));
    } else if (options.order === 'ipv6first') {
      addrs = addrs.filter((a) => a.family === 6).concat(addrs.filter((a) => a.family === 4));
    }
    if (all) callback(null, addrs);
    else callback(null, addrs[0].address, addrs[0].family);
  });
  return {};
}

function lookupService(address, port, callback) {
  if (typeof callback !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  binding.resolve(String(address), 'REVERSE', 'dns.lookupService', (err, names) => {
    if (err) return callback(lookupErr(err, address));
    callback(null, names[0] || address, String(port));
  });
}

const rrtypes = { A: 'resolve4', AAAA: 'resolve6', CNAME: 'resolveCname', MX: 'resolveMx', NS: 'resolveNs',
  TXT: 'resolveTxt', SRV: 'resolveSrv', PTR: 'resolvePtr' };

function resolver(rrtype, api) {
  return function (hostname, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    if (typeof hostname !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('name', 'string', hostname);
    if (typeof callback !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
    binding.resolve(hostname, rrtype, api, (err, records) => {
      if (err) return callback(makeError(err, 'query'));
      if (options && options.ttl && (rrtype === 'A' || rrtype === 'AAAA')) {
        records = records.map((address) => ({ address, ttl: 0 }));
      }
      callback(null, records);
    });
    return {};
  };
}

function makeApi(prefix) {
  const api = {};
  for (const [rr, name] of Object.entries(rrtypes)) api[name] = resolver(rr, prefix + name);
  api.resolve = function (hostname, rrtype, callback) {
    if (typeof rrtype === 'function') {
      callback = rrtype;
      rrtype = 'A';
    }
    const name = rrtypes[rrtype];
    if (!name) throw new codes.ERR_INVALID_ARG_VALUE('rrtype', rrtype);
    return resolver(rrtype, prefix + 'resolve')(hostname, callback);
  };
  api.reverse = function (ip, callback) {
    if (typeof callback !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
    binding.resolve(String(ip), 'REVERSE', prefix + 'reverse', (err, names) => {
      if (err) return callback(makeError(err, 'getHostByAddr'));
      callback(null, names);
    });
    return {};
  };
  return api;
}

const callbackApi = makeApi('dns.');
const promiseBase = makeApi('dns.promises.');

function promisify(fn) {
  return (...args) => new Promise((resolve, reject) => {
    fn(...args, (err, value) => (err ? reject(err) : resolve(value)));
  });
}

let servers = ['127.0.0.53'];
let defaultOrder = 'verbatim';

class Resolver {
  constructor() { this._servers = servers.slice(); }
  getServers() { return this._servers.slice(); }
  setServers(list) { this._servers = list.slice(); }
  cancel() {}
  setLocalAddress() {}
}
Object.assign(Resolver.prototype, callbackApi);

const promises = {
  lookup(hostname, options) {
    return new Promise((resolve, reject) => {
      lookup(hostname, options || {}, (err, address, family) => {
        if (err) return reject(err);
        if (options && options.all) resolve(address);
        else resolve({ address, family });
      }, 'dns.promises.lookup');
    });
  },
  lookupService: promisify(lookupService),
};
for (const k of Object.keys(promiseBase)) promises[k] = promisify(promiseBase[k]);
class PromiseResolver extends Resolver {}
for (const k of Object.keys(promiseBase)) PromiseResolver.prototype[k] = promises[k];
promises.Resolver = PromiseResolver;
promises.getServers = () => servers.slice();
promises.setServers = (list) => dns.setServers(list);
promises.setDefaultResultOrder = (o) => { defaultOrder = o; };
promises.getDefaultResultOrder = () => defaultOrder;

const errorCodes = ['NODATA', 'FORMERR', 'SERVFAIL', 'NOTFOUND', 'NOTIMP', 'REFUSED', 'BADQUERY', 'BADNAME',
  'BADFAMILY', 'BADRESP', 'CONNREFUSED', 'TIMEOUT', 'EOF', 'FILE', 'NOMEM', 'DESTRUCTION', 'BADSTR', 'BADFLAGS',
  'NONAME', 'BADHINTS', 'NOTINITIALIZED', 'LOADIPHLPAPI', 'ADDRGETNETWORKPARAMS', 'CANCELLED'];

const dns = {
  lookup,
  lookupService,
  ...callbackApi,
  Resolver,
  promises,
  getServers: () => servers.slice(),
  // pkgbox always asks the system resolver; the list is kept for getServers only, so changing it
  // cannot redirect another package's look-ups.
  setServers(list) { servers = list.slice(); },
  setDefaultResultOrder: (o) => { defaultOrder = o; },
  getDefaultResultOrder: () => defaultOrder,
  ADDRCONFIG: 1024,
  V4MAPPED: 2048,
  ALL: 256,
};
for (const c of errorCodes) dns[c] = 'E' + c;
for (const c of errorCodes) promises[c] = 'E' + c;

module.exports = dns;
