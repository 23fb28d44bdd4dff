package io.ledgerly.db;

import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.ledgerly.config.AppConfig;

/** The application's single connection pool, created lazily on first use. */
public final class ConnectionPool {

    private static volatile HikariDataSource dataSource;

    private static HikariDataSource dataSource() {
        HikariDataSource ds = dataSource;
        if (ds == null) {
            synchronized (ConnectionPool.class) {
                ds = dataSource;
                if (ds == null) {
                    HikariConfig config = new HikariConfig();
                    config.setJdbcUrl(AppConfig.jdbcUrl());
                    config.setUsername(AppConfig.dbUser());
                    config.setPassword(AppConfig.dbPassword());
                    config.setMaximumPoolSize(AppConfig.poolSize());
                    config.setPoolName("ledgerly");
                    ds = new HikariDataSource(config);
                    dataSource = ds;
                }
            }
        }
        return ds;
    }

    private ConnectionPool() {
    }

    /** Borrows a connection; close it (try-with-resources) to give it back. */
    public static void shutdown() {
        HikariDataSource ds = dataSource;
        if (ds != null) {
            ds.close();
        }
    }

    public static Connection get() throws SQLException {
        return dataSource().getConnection();
    }
}
