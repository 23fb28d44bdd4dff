package ase.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * JDBC objects of SQLite seen through the application's dialect: SQL text is translated,
 * and dates and times are stored and read as ISO text, as a DATE / TIMESTAMP column shows them.
 */
final class Wrappers {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private Wrappers() {
    }

    private static <T> T wrap(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(Wrappers.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static Connection connection(Connection target, Dialect dialect) {
        Connection[] self = new Connection[1];
        self[0] = wrap(Connection.class, (proxy, method, args) -> {
            String name = method.getName();
            if ((name.equals("prepareStatement") || name.equals("prepareCall") || name.equals("nativeSQL"))
                    && args != null && args[0] instanceof String) {
                args[0] = dialect.translate((String) args[0]);
            }
            if (name.equals("unwrap") || name.equals("isWrapperFor")) {
                return forward(target, method, args);
            }
            Object result = forward(target, method, args);
            if (result instanceof CallableStatement) {
                return statement(CallableStatement.class, (Statement) result, dialect, self[0]);
            }
            if (result instanceof PreparedStatement) {
                return statement(PreparedStatement.class, (Statement) result, dialect, self[0]);
            }
            if (result instanceof Statement) {
                return statement(Statement.class, (Statement) result, dialect, self[0]);
            }
            return result;
        });
        return self[0];
    }

    private static <T extends Statement> T statement(Class<T> type, Statement target, Dialect dialect, Connection owner) {
        return wrap(type, (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("getConnection")) {
                return owner;
            }
            if (args != null && args.length > 0 && args[0] instanceof String
                    && (name.startsWith("execute") || name.equals("addBatch"))) {
                args[0] = dialect.translate((String) args[0]);
            }
            if (args != null && args.length >= 2 && name.startsWith("set") && args[0] instanceof Integer) {
                Object converted = parameter(name, args[1]);
                if (converted != NOT_CONVERTED) {
                    ((PreparedStatement) target).setObject((Integer) args[0], converted);
                    return null;
                }
            }
            Object result = forward(target, method, args);
            return result instanceof ResultSet ? resultSet((ResultSet) result, proxy) : result;
        });
    }

    private static final Object NOT_CONVERTED = new Object();

    /** Dates and times bound as ISO text; everything else as the SQLite driver binds it. */
    private static Object parameter(String setter, Object value) {
        if (value == null) {
            return NOT_CONVERTED;
        }
        switch (setter) {
            case "setTimestamp":
                return STAMP.format(((Timestamp) value).toLocalDateTime());
            case "setDate":
                return ((java.sql.Date) value).toLocalDate().toString();
            case "setTime":
                return ((java.sql.Time) value).toLocalTime().toString();
            case "setObject":
                return temporal(value);
            default:
                return NOT_CONVERTED;
        }
    }

    private static Object temporal(Object value) {
        if (value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof LocalDateTime) {
            return STAMP.format((LocalDateTime) value);
        }
        if (value instanceof LocalTime) {
            return value.toString();
        }
        if (value instanceof Instant) {
            return STAMP.format(LocalDateTime.ofInstant((Instant) value, ZoneId.systemDefault()));
        }
        if (value instanceof OffsetDateTime || value instanceof ZonedDateTime) {
            TemporalAccessor t = (TemporalAccessor) value;
            return STAMP.format(LocalDateTime.ofInstant(Instant.from(t), ZoneId.systemDefault()));
        }
        if (value instanceof Timestamp) {
            return STAMP.format(((Timestamp) value).toLocalDateTime());
        }
        if (value instanceof java.sql.Date) {
            return ((java.sql.Date) value).toLocalDate().toString();
        }
        return NOT_CONVERTED;
    }

    private static ResultSet resultSet(ResultSet target, Object statement) {
        return wrap(ResultSet.class, (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("getStatement")) {
                return statement;
            }
            if (args != null && args.length >= 1
                    && (name.equals("getTimestamp") || name.equals("getDate") || name.equals("getTime")
                        || (name.equals("getObject") && args.length == 2 && args[1] instanceof Class))) {
                Object raw = args[0] instanceof Integer ? target.getObject((Integer) args[0]) : target.getObject((String) args[0]);
                if (raw == null) {
                    return null;
                }
                LocalDateTime when = Temporal.parse(raw);
                if (when != null) {
                    switch (name) {
                        case "getTimestamp": return Timestamp.valueOf(when);
                        case "getDate": return java.sql.Date.valueOf(when.toLocalDate());
                        case "getTime": return java.sql.Time.valueOf(when.toLocalTime());
                        default: {
                            Object typed = Temporal.as(when, (Class<?>) args[1]);
                            if (typed != null) {
                                return typed;
                            }
                        }
                    }
                }
            }
            return forward(target, method, args);
        });
    }
}
