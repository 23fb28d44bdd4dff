package ase.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Stand-in for the MySQL/MariaDB and PostgreSQL drivers: the application's own SQL runs on
 * the SQLite database named by the system property {@code ase.db}, after the dialect's lexical
 * rules (string escapes, comments, operators) are carried over (see {@link Dialect}).
 */
public final class AseDriver implements Driver {

    static {
        try {
            DriverManager.registerDriver(new AseDriver());
            Class.forName("org.sqlite.JDBC");
        } catch (SQLException | ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static Dialect dialect(String url) {
        if (url == null) {
            return null;
        }
        if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
            return Dialect.MYSQL;
        }
        if (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:pgsql:")) {
            return Dialect.POSTGRES;
        }
        return null;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Dialect dialect = dialect(url);
        if (dialect == null) {
            return null;
        }
        String file = System.getProperty("ase.db");
        if (file == null || file.isEmpty()) {
            throw new SQLException("no database: the check did not set -Dase.db for " + url);
        }
        Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + file);
        Functions.register(sqlite, dialect);
        return Wrappers.connection(sqlite, dialect);
    }

    @Override
    public boolean acceptsURL(String url) {
        return dialect(url) != null;
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
