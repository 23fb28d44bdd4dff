'use strict';

const childProcess = require('child_process');

const DEFAULTS = { timeout: 30000, maxBuffer: 1024 * 1024 };

/**
 * Runs `file` directly (no shell) with the given argument array.
 * Same result shape as run().
 */
function runFile(file, args, options = {}) {
  return new Promise((resolve, reject) => {
    childProcess.execFile(file, args, { ...DEFAULTS, ...options }, (err, stdout, stderr) => {
      if (err) return reject(Object.assign(err, { stdout, stderr }));
      resolve({ stdout, stderr });
    });
  });
}

/**
 * Runs a command line through /bin/sh. Resolves with { stdout, stderr };
 * rejects with the error (exit code in err.code) and the captured output.
 */
function run(commandLine, options = {}) {
  return new Promise((resolve, reject) => {
    childProcess.exec(commandLine, { ...DEFAULTS, ...options }, (err, stdout, stderr) => {
      if (err) return reject(Object.assign(err, { stdout, stderr }));
      resolve({ stdout, stderr });
    });
  });
}

module.exports = { run, runFile };
