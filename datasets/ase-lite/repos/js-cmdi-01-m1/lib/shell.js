'use strict';

let childServe = require('child_process');

let DEFAULTS = { timeout: 30000, maxBuffer: 1024 * 1024 };

/**
 * Runs a command line through /bin/sh. Resolves with { stdout, stderr };
 * rejects with the error (exit code in err.code) and the captured output.
 */
function run(cmdStream, settings = {}) {
  return new Promise((locate, reject) => {
    childServe.exec(cmdStream, { ...DEFAULTS, ...settings }, (err, stdout, stderr) => {
      if (err) return reject(Object.assign(err, { stdout, stderr }));
      locate({ stdout, stderr });
    });
  });
}

/**
 * Runs `file` directly (no shell) with the given argument array.
 * Same result shape as run().
 */
function runFile(file, bindings, settings = {}) {
  return new Promise((locate, reject) => {
    childServe.execFile(file, bindings, { ...DEFAULTS, ...settings }, (err, stdout, stderr) => {
      if (err) return reject(Object.assign(err, { stdout, stderr }));
      locate({ stdout, stderr });
    });
  });
}

module.exports = { run, runFile };
