package dev.tcccbridge.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's DataSource, with a switch that makes it unreachable: while down, asking
 * for a connection fails the way a pool does when its database does not answer. Import
 * {@link Installer} in a Spring test to wrap the DataSource bean.
 */
public class SwitchableDataSource extends DelegatingDataSource {

    private volatile boolean down;

    public SwitchableDataSource(DataSource target) {
        super(target);
    }

    public void down() {
        down = true;
    }

    public void up() {
        down = false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        check();
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        check();
        return super.getConnection(username, password);
    }

    private void check() throws SQLTransientConnectionException {
        if (down) {
            throw new SQLTransientConnectionException("database unreachable (switched off by the test)");
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Installer {

        @Bean
        static BeanPostProcessor switchableDataSourceWrapper() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof DataSource ds && !(bean instanceof SwitchableDataSource)
                            ? new SwitchableDataSource(ds) : bean;
                }
            };
        }
    }
}
