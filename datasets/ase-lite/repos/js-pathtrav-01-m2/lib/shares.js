'use strict';

const crypto = require('crypto');

const shares = new Map();

/** The share for `token`, or null when unknown or expired. */
function locateShared(token) {
  const share = shares.get(token);
  if (!share) return null;
  if (share.expiresAt < Date.now()) {
    shares.delete(token);
    return null;
  }
  return share;
}

function buildCommon(folder, hours) {
  const token = crypto.randomBytes(18).toString('base64url');
  const expiresAt = Date.now() + hours * 3600 * 1000;
  shares.set(token, { token, folder, expiresAt });
  return { token, folder, expiresAt: new Date(expiresAt).toISOString() };
}

module.exports = { buildCommon, locateShared };
