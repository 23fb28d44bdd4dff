'use strict';

/**
 * Self-test of the dialect lexers: what injects on the real server must inject on the
 * stand-in, and what would not, must not. `node selftest.js` exits 1 on the first mismatch.
 */

const assert = require('assert');
const { tokenize, render } = require('./index');

/** The string values and the SQLite text of `sql` read in `dialect`. */
function read(sql, dialect) {
  const tokens = tokenize(sql, dialect);
  return { strings: tokens.filter((t) => t.type === 'string').map((t) => t.value), text: render(tokens) };
}

const cases = [
  // PostgreSQL: a backslash is ordinary in standard strings, so \' does not escape the quote.
  ['pg', "x = 'a\\' OR 1=1 -- '", ['a\\'], / OR 1=1 /],
  ['pg', "x = 'a\\'' OR 1=1 -- '", ["a\\' OR 1=1 -- "], null],
  // E'' strings take backslash escapes; pg's escapeLiteral output stays one literal.
  ['pg', "x = E'a\\'' OR 1=1 -- '", ["a'"], / OR 1=1 /],
  ['pg', "x =  E'a\\\\'' OR 1=1 -- '", ["a\\' OR 1=1 -- "], null],
  ['pg', "x = E'\\x41\\101\\u0042\\n'", ['AAB\n'], null],
  ['pg', "x = e'it''s'", ["it's"], null],
  // Dollar quoting, with and without a tag; $n stays a placeholder; $ inside a word is no quote.
  ['pg', 'x = $$it\'s \\ $$ AND y = $tag$a$$b$tag$', ["it's \\ ", 'a$$b'], null],
  ['pg', "x = $1 AND y = $$a$$", ['a'], /\?1/],
  ['pg', "x = 'a$$' OR 1=1 -- $$'", ['a$$'], / OR 1=1 /],
  // Nested block comments; "" inside a quoted identifier.
  ['pg', "SELECT /* a /* b */ c */ 1", [], /^SELECT\s+1$/],
  ['pg', 'SELECT "a""b" FROM t -- \' x', [], /"a""b"/],
  // MySQL: backslash escapes in '' and "", trailing backslash eats the closing quote.
  ['mysql', "x = 'a\\'' OR 1=1 #'", ["a'"], / OR 1=1 /],
  ['mysql', "x = 'a\\' AND y = ' OR 1=1 #'", ["a' AND y = "], / OR 1=1 /],
  ['mysql', "x = 'a\\\\' OR 1=1 #'", ['a\\'], / OR 1=1 /],
  ['mysql', 'x = "a\\"" OR 1=1 #"', ['a"'], / OR 1=1 /],
  ['mysql', "x = N'a''b' OR y = 'c'", ["a'b", 'c'], null],
  ['mysql', "x = 'a'||'1'='1'", ['a', '1', '1'], / OR /],
  ['mysql', "SELECT 1 /* a /* b */ + 2", [], /1\s+\+ 2/],
  ['mysql', "SELECT 1--1", [], /1- -1/],
];

for (const [dialect, sql, strings, pattern] of cases) {
  const got = read(sql, dialect);
  assert.deepStrictEqual(got.strings, strings, `${dialect} ${sql}: strings ${JSON.stringify(got.strings)}`);
  if (pattern) assert.match(got.text, pattern, `${dialect} ${sql}: ${got.text}`);
}
assert.throws(() => tokenize("x = $$never closed", 'pg'));
assert.throws(() => tokenize("x = 'a\\'", 'mysql'));
console.log(`sqlengine lexers: ${cases.length + 2} cases pass`);
