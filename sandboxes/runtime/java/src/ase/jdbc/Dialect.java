package ase.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Carries SQL written for MySQL/MariaDB or PostgreSQL over to SQLite, token by token, so
 * that the statement means on SQLite what the server would have understood:
 * <ul>
 * <li>MySQL: backslash escapes and double quotes in string literals, {@code #} and
 * {@code -- } comments, {@code /*! ... *}{@code /} executable comments, {@code ||} / {@code &&}
 * as OR / AND, and the backslash as the default LIKE escape character;</li>
 * <li>PostgreSQL: standard strings (a backslash is an ordinary character), E'' strings, dollar
 * quoting ({@code $$...$$}, {@code $tag$...$tag$}), nested block comments, {@code ::type} casts,
 * ILIKE, and the full-text match operator {@code @@} (as the function ts_match, see {@link Functions}).</li>
 * </ul>
 * Text that neither dialect treats specially is passed on unchanged. {@link #main} is a self-test.
 */
enum Dialect {
    MYSQL, POSTGRES;

    /** One lexical token: its kind and the SQLite text it becomes. */
    private record Token(char kind, String text) {
        boolean is(String word) {
            return kind == 'w' && text.equalsIgnoreCase(word);
        }
    }

    String translate(String sql) {
        List<Token> tokens = standard(lex(sql));
        if (this == MYSQL) {
            tokens = likeEscapes(tokens);
        } else {
            tokens = matchOperators(tokens);
        }
        StringBuilder out = new StringBuilder(sql.length() + 16);
        for (Token token : tokens) {
            out.append(token.text);
        }
        return out.toString();
    }

    private static String literal(CharSequence value) {
        return "'" + value.toString().replace("'", "''") + "'";
    }

    /** Kinds: s string, w word, n number, p punctuation, ' ' blank (spaces and comments), ? parameter. */
    private List<Token> lex(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        int openExecutable = 0;
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (c == '\'' || (c == '"' && this == MYSQL)
                    || ((c == 'E' || c == 'e') && next == '\'' && this == POSTGRES && !afterWord(sql, i))) {
                boolean escapes = this == MYSQL || c != '\'';
                int start = c == '\'' || c == '"' ? i : i + 1;
                char quote = sql.charAt(start);
                StringBuilder value = new StringBuilder();
                int j = start + 1;
                boolean closed = false;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == '\\' && escapes && j + 1 < n) {
                        value.append(unescape(sql.charAt(j + 1)));
                        j += 2;
                    } else if (d == quote && j + 1 < n && sql.charAt(j + 1) == quote) {
                        value.append(quote);
                        j += 2;
                    } else if (d == quote) {
                        closed = true;
                        j++;
                        break;
                    } else {
                        value.append(d);
                        j++;
                    }
                }
                // an unterminated literal is a syntax error on the server: SQLite must fail on it too
                tokens.add(new Token('s', closed ? literal(value) : "'" + value.toString().replace("'", "''")));
                i = j;
            } else if (c == '"' || c == '`') {
                int j = sql.indexOf(c, i + 1);
                j = j < 0 ? n : j + 1;
                tokens.add(new Token('w', sql.substring(i, j)));
                i = j;
            } else if (c == '#' && this == MYSQL) {
                int j = sql.indexOf('\n', i);
                j = j < 0 ? n : j;
                tokens.add(new Token(' ', " "));
                i = j;
            } else if (c == '-' && next == '-'
                    && (this == POSTGRES || i + 2 >= n || Character.isWhitespace(sql.charAt(i + 2)) || sql.charAt(i + 2) < ' ')) {
                int j = sql.indexOf('\n', i);
                j = j < 0 ? n : j;
                tokens.add(new Token(' ', " "));
                i = j;
            } else if (c == '-' && next == '-') {
                tokens.add(new Token('p', "- "));
                i++;
            } else if (c == '/' && next == '*') {
                if (this == MYSQL && i + 2 < n && sql.charAt(i + 2) == '!') {
                    int j = i + 3;
                    while (j < n && Character.isDigit(sql.charAt(j))) {
                        j++;
                    }
                    openExecutable++;
                    tokens.add(new Token(' ', " "));
                    i = j;
                } else {
                    int j = this == POSTGRES ? nestedCommentEnd(sql, i) : sql.indexOf("*/", i + 2);
                    if (j < 0) {
                        tokens.add(new Token('p', sql.substring(i)));
                        i = n;
                    } else {
                        tokens.add(new Token(' ', " "));
                        i = j + 2;
                    }
                }
            } else if (c == '*' && next == '/' && openExecutable > 0) {
                openExecutable--;
                tokens.add(new Token(' ', " "));
                i += 2;
            } else if (Character.isWhitespace(c)) {
                int j = i;
                while (j < n && Character.isWhitespace(sql.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(' ', sql.substring(i, j)));
                i = j;
            } else if (c == '$' && this == POSTGRES && dollarTagEnd(sql, i) > i) {
                int open = dollarTagEnd(sql, i);
                String tag = sql.substring(i, open + 1);
                int close = sql.indexOf(tag, open + 1);
                String value = sql.substring(open + 1, close < 0 ? n : close);
                // as for quotes: an unterminated dollar-quoted string must fail on SQLite too
                tokens.add(new Token('s', close < 0 ? "'" + value.replace("'", "''") : literal(value)));
                i = close < 0 ? n : close + tag.length();
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
                    j++;
                }
                String word = sql.substring(i, j);
                if (this == POSTGRES && word.equalsIgnoreCase("ILIKE")) {
                    word = "LIKE";
                }
                tokens.add(new Token('w', word));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                tokens.add(new Token('n', sql.substring(i, j)));
                i = j;
            } else if (c == ':' && next == ':' && this == POSTGRES) {
                int j = i + 2;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == ' ')) {
                    if (sql.charAt(j) == ' ' && !(j + 1 < n && Character.isLetter(sql.charAt(j + 1))
                            && sql.substring(i + 2, j).trim().toLowerCase(Locale.ROOT).matches("double|character|timestamp|time"))) {
                        break;
                    }
                    j++;
                }
                if (j < n && sql.charAt(j) == '(') {
                    int close = sql.indexOf(')', j);
                    j = close < 0 ? n : close + 1;
                }
                tokens.add(new Token(' ', ""));
                i = j;
            } else if (c == '|' && next == '|' && this == MYSQL) {
                tokens.add(new Token('w', " OR "));
                i += 2;
            } else if (c == '&' && next == '&' && this == MYSQL) {
                tokens.add(new Token('w', " AND "));
                i += 2;
            } else if (c == '@' && next == '@') {
                tokens.add(new Token('p', "@@"));
                i += 2;
            } else if (c == '?') {
                tokens.add(new Token('?', "?"));
                i++;
            } else {
                tokens.add(new Token('p', String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }

    private static final Set<String> TEMPORAL_TYPES = Set.of("DATE", "TIME", "TIMESTAMP", "DATETIME");
    private static final Set<String> NILADIC = Set.of("CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
            "LOCALTIME", "LOCALTIMESTAMP", "UTC_DATE", "UTC_TIMESTAMP");
    private static final Set<String> INTERVAL_UNITS = Set.of("MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY",
            "WEEK", "MONTH", "QUARTER", "YEAR", "SECONDS", "MINUTES", "HOURS", "DAYS", "WEEKS", "MONTHS", "YEARS");

    private static String upper(Token token) {
        return token.text.toUpperCase(Locale.ROOT);
    }

    /**
     * Standard SQL that both servers accept and SQLite does not: typed literals ({@code DATE '2024-02-01'},
     * {@code TIME '..'}, {@code TIMESTAMP '..'}) become the text SQLite stores, {@code CAST(x AS DATE)} casts to
     * text (SQLite's DATE affinity would make a number of it), {@code CURRENT_DATE()} loses its parentheses, and
     * intervals ({@code d + INTERVAL 7 DAY}, {@code d - INTERVAL '7 days'}, {@code DATE_ADD(d, INTERVAL ? DAY)})
     * become calls of ase_interval (see {@link Functions}).
     */
    private static List<Token> standard(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens.size());
        List<Boolean> casts = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.text.equals("(") && t.kind == 'p') {
                int before = out.size() - 1;
                while (before >= 0 && out.get(before).kind == ' ') {
                    before--;
                }
                casts.add(before >= 0 && (out.get(before).is("CAST") || out.get(before).is("CONVERT")));
            } else if (t.text.equals(")") && t.kind == 'p' && !casts.isEmpty()) {
                casts.remove(casts.size() - 1);
            }
            if (t.kind == 'w' && TEMPORAL_TYPES.contains(upper(t))) {
                int value = nextSolid(tokens, i + 1);
                if (value < tokens.size() && tokens.get(value).kind == 's') {
                    i = value - 1;  // the literal alone: SQLite keeps dates and times as ISO text
                    continue;
                }
            }
            if (t.kind == 'w' && NILADIC.contains(upper(t))) {
                int open = nextSolid(tokens, i + 1);
                int close = nextSolid(tokens, open + 1);
                if (close < tokens.size() && tokens.get(open).text.equals("(") && tokens.get(close).text.equals(")")) {
                    out.add(t);
                    i = close;
                    continue;
                }
            }
            if (t.is("AS") && !casts.isEmpty() && casts.get(casts.size() - 1)) {
                int type = nextSolid(tokens, i + 1);
                if (type < tokens.size() && tokens.get(type).kind == 'w') {
                    String name = upper(tokens.get(type));
                    String replaced = TEMPORAL_TYPES.contains(name) ? "TEXT"
                            : name.equals("SIGNED") || name.equals("UNSIGNED") ? "INTEGER" : null;
                    if (replaced != null) {
                        out.add(t);
                        out.add(new Token(' ', " "));
                        out.add(new Token('w', replaced));
                        int after = nextSolid(tokens, type + 1);
                        // SIGNED INTEGER, TIMESTAMP WITH TIME ZONE...: the rest of the type name goes too
                        while (after < tokens.size() && tokens.get(after).kind == 'w'
                                && upper(tokens.get(after)).matches("INT|INTEGER|WITH|WITHOUT|TIME|ZONE")) {
                            type = after;
                            after = nextSolid(tokens, after + 1);
                        }
                        i = type;
                        continue;
                    }
                }
            }
            if (t.is("INTERVAL")) {
                int value = nextSolid(tokens, i + 1);
                if (value < tokens.size() && "sn?".indexOf(tokens.get(value).kind) >= 0) {
                    int unitAt = nextSolid(tokens, value + 1);
                    String unit = "NULL";
                    int end = value;
                    if (unitAt < tokens.size() && tokens.get(unitAt).kind == 'w'
                            && INTERVAL_UNITS.contains(upper(tokens.get(unitAt)))) {
                        unit = "'" + upper(tokens.get(unitAt)) + "'";
                        end = unitAt;
                    }
                    int op = out.size() - 1;
                    while (op >= 0 && out.get(op).kind == ' ') {
                        op--;
                    }
                    if (op >= 0 && (out.get(op).text.equals("+") || out.get(op).text.equals("-"))) {
                        int leftEnd = op - 1;
                        while (leftEnd >= 0 && out.get(leftEnd).kind == ' ') {
                            leftEnd--;
                        }
                        int leftStart = operandStart(out, leftEnd);
                        if (leftStart >= 0) {
                            List<Token> left = new ArrayList<>(out.subList(leftStart, leftEnd + 1));
                            String sign = out.get(op).text;
                            out.subList(leftStart, out.size()).clear();
                            out.add(new Token('w', "ase_interval("));
                            out.addAll(left);
                            out.add(new Token('p', ", '" + sign + "', "));
                            out.add(tokens.get(value));
                            out.add(new Token('p', ", " + unit + ")"));
                            i = end;
                            continue;
                        }
                    } else if (op >= 0 && out.get(op).text.equals(",")) {
                        // DATE_ADD(d, INTERVAL 7 DAY) and the like: the function takes value and unit
                        out.add(tokens.get(value));
                        out.add(new Token('p', ", " + unit));
                        i = end;
                        continue;
                    }
                }
            }
            out.add(t);
        }
        return out;
    }

    private static boolean afterWord(String sql, int i) {
        return i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_');
    }

    /**
     * Where the opening delimiter of a PostgreSQL dollar-quoted string that starts at {@code i} ends
     * (its closing {@code $}), or -1: {@code $$} or {@code $tag$}, the tag an identifier that does not
     * start with a digit ({@code $1} is a parameter), not inside a word.
     */
    private static int dollarTagEnd(String sql, int i) {
        if (afterWord(sql, i) || i > 0 && sql.charAt(i - 1) == '$') {
            return -1;
        }
        int j = i + 1;
        if (j < sql.length() && Character.isDigit(sql.charAt(j))) {
            return -1;
        }
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j : -1;
    }

    /** The index of the {@code *}{@code /} closing the block comment opened at {@code i} (PostgreSQL nests them), or -1. */
    private static int nestedCommentEnd(String sql, int i) {
        int depth = 0;
        for (int j = i; j + 1 < sql.length(); j++) {
            if (sql.charAt(j) == '/' && sql.charAt(j + 1) == '*') {
                depth++;
                j++;
            } else if (sql.charAt(j) == '*' && sql.charAt(j + 1) == '/') {
                depth--;
                if (depth == 0) {
                    return j;
                }
                j++;
            }
        }
        return -1;
    }

    private static String unescape(char c) {
        switch (c) {
            case '0': return "\0";
            case 'b': return "\b";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'Z': return "\u001a";
            case '%': return "\\%";
            case '_': return "\\_";
            default: return String.valueOf(c);
        }
    }

    private static int nextSolid(List<Token> tokens, int from) {
        int i = from;
        while (i < tokens.size() && tokens.get(i).kind == ' ') {
            i++;
        }
        return i;
    }

    /** MySQL's LIKE takes the backslash as escape character unless ESCAPE says otherwise. */
    private static List<Token> likeEscapes(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens.size() + 4);
        for (int i = 0; i < tokens.size(); i++) {
            out.add(tokens.get(i));
            if (!tokens.get(i).is("LIKE")) {
                continue;
            }
            int operand = nextSolid(tokens, i + 1);
            if (operand >= tokens.size()) {
                continue;
            }
            if (tokens.get(operand).kind == 'w' || tokens.get(operand).text.equals("(")) {
                operand = operandEnd(tokens, operand);  // CONCAT('%', ?, '%'), a name, a parenthesised pattern
                if (operand < 0) {
                    continue;
                }
            } else if (tokens.get(operand).kind != 's' && tokens.get(operand).kind != '?') {
                continue;
            }
            for (int k = i + 1; k <= operand; k++) {
                out.add(tokens.get(k));
            }
            int after = nextSolid(tokens, operand + 1);
            if (after >= tokens.size() || !tokens.get(after).is("ESCAPE")) {
                out.add(new Token(' ', " ESCAPE '\\' "));
            }
            i = operand;
        }
        return out;
    }

    /** {@code a @@ b} becomes {@code ts_match(a, b)}; operands are names, literals or calls. */
    private static List<Token> matchOperators(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens);
        for (int at = 0; at < out.size(); at++) {
            if (!out.get(at).text.equals("@@") || out.get(at).kind != 'p') {
                continue;
            }
            int leftEnd = at - 1;
            while (leftEnd >= 0 && out.get(leftEnd).kind == ' ') {
                leftEnd--;
            }
            int leftStart = operandStart(out, leftEnd);
            int rightStart = nextSolid(out, at + 1);
            int rightEnd = operandEnd(out, rightStart);
            if (leftStart < 0 || rightEnd < 0) {
                continue;
            }
            List<Token> replaced = new ArrayList<>();
            replaced.add(new Token('w', "ts_match("));
            replaced.addAll(out.subList(leftStart, leftEnd + 1));
            replaced.add(new Token('p', ", "));
            replaced.addAll(out.subList(rightStart, rightEnd + 1));
            replaced.add(new Token('p', ")"));
            List<Token> rebuilt = new ArrayList<>(out.subList(0, leftStart));
            rebuilt.addAll(replaced);
            rebuilt.addAll(out.subList(rightEnd + 1, out.size()));
            out = rebuilt;
            at = leftStart + replaced.size() - 1;
        }
        return out;
    }

    private static int operandStart(List<Token> tokens, int end) {
        if (end < 0) {
            return -1;
        }
        int i = end;
        if (tokens.get(i).text.equals(")")) {
            int depth = 0;
            for (; i >= 0; i--) {
                String t = tokens.get(i).text;
                depth += t.equals(")") ? 1 : t.equals("(") ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            if (i > 0 && tokens.get(i - 1).kind == 'w') {
                i--;
            }
            return i;
        }
        while (i - 2 >= 0 && tokens.get(i - 1).text.equals(".") && tokens.get(i - 2).kind == 'w') {
            i -= 2;
        }
        return i;
    }

    private static int operandEnd(List<Token> tokens, int start) {
        if (start >= tokens.size()) {
            return -1;
        }
        int i = start;
        while (i + 2 < tokens.size() && tokens.get(i + 1).text.equals(".") && tokens.get(i + 2).kind == 'w') {
            i += 2;
        }
        int open = nextSolid(tokens, i + 1);
        if (open < tokens.size() && tokens.get(open).text.equals("(") && tokens.get(i).kind == 'w'
                || tokens.get(i).text.equals("(")) {
            int j = tokens.get(i).text.equals("(") ? i : open;
            int depth = 0;
            for (; j < tokens.size(); j++) {
                String t = tokens.get(j).text;
                depth += t.equals("(") ? 1 : t.equals(")") ? -1 : 0;
                if (depth == 0) {
                    return j;
                }
            }
            return -1;
        }
        return i;
    }

    /** Self-test of the lexical rules: {@code java -cp CLASSES ase.jdbc.Dialect} exits 1 on a mismatch. */
    public static void main(String[] args) {
        String[][] cases = {
            // dialect, SQL as the application sends it, SQL that SQLite runs
            {"MYSQL", "a = 'x\\' OR 1=1 #'", "a = 'x'' OR 1=1 #'"},
            {"MYSQL", "a = 'x\\\\' OR 1=1 #'", "a = 'x\\' OR 1=1  "},
            {"MYSQL", "a = 'x\\' AND b = ' OR 1=1 -- '", "a = 'x'' AND b = ' OR 1=1  "},
            {"MYSQL", "a = \"q\\\"\" || 1", "a = 'q\"'  OR  1"},
            {"MYSQL", "a = 1 --x", "a = 1 - -x"},
            {"MYSQL", "a = 'x'/**/OR/**/1", "a = 'x' OR 1"},
            {"POSTGRES", "a = 'x\\' OR 1=1 -- '", "a = 'x\\' OR 1=1  "},
            {"POSTGRES", "a = E'x\\' OR 1=1 -- '", "a = 'x'' OR 1=1 -- '"},
            {"POSTGRES", "a = $$x' OR '1'='1$$ AND b = $1", "a = 'x'' OR ''1''=''1' AND b = $1"},
            {"POSTGRES", "a = $t$x$$y$t$ OR 1=1", "a = 'x$$y' OR 1=1"},
            {"POSTGRES", "a = $$x", "a = 'x"},
            {"POSTGRES", "a = 1 /* x /* y */ ' */ OR 1=1", "a = 1   OR 1=1"},
            {"POSTGRES", "a = 'x' OR b$c = 1", "a = 'x' OR b$c = 1"},
            {"MYSQL", "d >= DATE '2024-02-01' AND t < TIMESTAMP \"2024-03-01 00:00:00\"", "d >= '2024-02-01' AND t < '2024-03-01 00:00:00'"},
            {"POSTGRES", "d < date '2024-02-01' OR t = TIME '10:00'", "d < '2024-02-01' OR t = '10:00'"},
            {"MYSQL", "d >= CAST(? AS DATE) AND n = CAST(? AS SIGNED INTEGER)", "d >= CAST(? AS TEXT) AND n = CAST(? AS INTEGER)"},
            {"POSTGRES", "SELECT d AS date, CAST(? AS timestamp with time zone)", "SELECT d AS date, CAST(? AS TEXT)"},
            {"MYSQL", "d <= CURRENT_DATE() AND e < CURRENT_TIMESTAMP", "d <= CURRENT_DATE AND e < CURRENT_TIMESTAMP"},
            {"MYSQL", "d >= NOW() - INTERVAL 30 DAY", "d >= ase_interval(NOW(), '-', 30, 'DAY')"},
            {"MYSQL", "d < DATE_ADD(?, INTERVAL ? DAY)", "d < DATE_ADD(?, ?, 'DAY')"},
            {"POSTGRES", "i.d > now() - interval '7 days'", "i.d > ase_interval(now(), '-', '7 days', NULL)"},
            {"MYSQL", "a LIKE ? ESCAPE '!' AND b LIKE CONCAT('%', ?, '%') LIMIT ?, ?",
                "a LIKE ? ESCAPE '!' AND b LIKE CONCAT('%', ?, '%') ESCAPE '\\'  LIMIT ?, ?"},
        };
        int failures = 0;
        for (String[] c : cases) {
            String got = valueOf(c[0]).translate(c[1]);
            if (!got.equals(c[2])) {
                System.out.println(c[0] + ": " + c[1] + " -> " + got + " (expected " + c[2] + ")");
                failures++;
            }
        }
        System.out.println(failures == 0 ? "dialect self-test passed" : failures + " dialect case(s) failed");
        System.exit(failures == 0 ? 0 : 1);
    }
}
