package com.zaxxer.hikari;

import java.io.Closeable;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

/** Stand-in for HikariCP's pool: every borrowed connection is a fresh DriverManager connection. */
public class HikariDataSource extends HikariConfig implements DataSource, Closeable {

    private volatile boolean closed;

    public HikariDataSource() {
    }

    public HikariDataSource(HikariConfig config) {
        setJdbcUrl(config.getJdbcUrl());
        setUsername(config.getUsername());
        setPassword(config.getPassword());
        setDriverClassName(config.getDriverClassName());
        setMaximumPoolSize(config.getMaximumPoolSize());
        setPoolName(config.getPoolName());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(getUsername(), getPassword());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        if (closed) {
            throw new SQLException("HikariDataSource " + getPoolName() + " has been closed.");
        }
        Properties info = new Properties();
        info.putAll(getDataSourceProperties());
        if (username != null) {
            info.setProperty("user", username);
        }
        if (password != null) {
            info.setProperty("password", password);
        }
        return DriverManager.getConnection(getJdbcUrl(), info);
    }

    public boolean isClosed() { return closed; }

    @Override
    public void close() { closed = true; }

    @Override
    public PrintWriter getLogWriter() { return null; }

    @Override
    public void setLogWriter(PrintWriter out) { }

    @Override
    public void setLoginTimeout(int seconds) { }

    @Override
    public int getLoginTimeout() { return 0; }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) { return iface.isInstance(this); }
}
