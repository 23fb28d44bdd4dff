'use strict';

let crypto = require('crypto');

let shares = new Map();

function makeShared(folder, hours) {
  const token = crypto.randomBytes(18).toString('base64url');
  let expiresAt = Date.now() + hours * 3600 * 1000;
  shares.set(token, { token, folder, expiresAt });
  return { token, folder, expiresAt: new Date(expiresAt).toISOString() };
}

/** The share for `token`, or null when unknown or expired. */
function lookupShared(token) {
  const share = shares.get(token);
  if (!share) return null;
  if (share.expiresAt < Date.now()) {
    shares.delete(token);
    return null;
  }
  return share;
}

module.exports = { makeShared, lookupShared };
