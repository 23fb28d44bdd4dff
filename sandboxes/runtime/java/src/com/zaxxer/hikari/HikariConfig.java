package com.zaxxer.hikari;

import java.util.Properties;

/** Stand-in for HikariCP's configuration: the settings a DriverManager connection needs. */
public class HikariConfig {

    private String jdbcUrl;
    private String username;
    private String password;
    private String driverClassName;
    private int maximumPoolSize = 10;
    private String poolName;
    private final Properties dataSourceProperties = new Properties();

    public HikariConfig() {
    }

    public HikariConfig(Properties properties) {
        this.jdbcUrl = properties.getProperty("jdbcUrl");
        this.username = properties.getProperty("username");
        this.password = properties.getProperty("password");
    }

    public String getJdbcUrl() { return jdbcUrl; }
    public void setJdbcUrl(String jdbcUrl) { this.jdbcUrl = jdbcUrl; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getDriverClassName() { return driverClassName; }
    public void setDriverClassName(String driverClassName) { this.driverClassName = driverClassName; }
    public int getMaximumPoolSize() { return maximumPoolSize; }
    public void setMaximumPoolSize(int maximumPoolSize) { this.maximumPoolSize = maximumPoolSize; }
    public String getPoolName() { return poolName; }
    public void setPoolName(String poolName) { this.poolName = poolName; }
    public void setMinimumIdle(int minimumIdle) { }
    public void setConnectionTimeout(long millis) { }
    public void setIdleTimeout(long millis) { }
    public void setMaxLifetime(long millis) { }
    public void setAutoCommit(boolean autoCommit) { }
    public void setReadOnly(boolean readOnly) { }
    public void setConnectionTestQuery(String query) { }
    public void addDataSourceProperty(String name, Object value) { dataSourceProperties.put(name, value); }
    public Properties getDataSourceProperties() { return dataSourceProperties; }
}
