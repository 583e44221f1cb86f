package dev.tcccbridge.testing;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/** Binds and validates a settings record as Spring does at start-up, without starting anything. */
public final class Settings {

    private static final LocalValidatorFactoryBean VALIDATOR = validator();

    private Settings() {
    }

    /**
     * @param values keys as written in application.yaml, e.g. {@code bridge.delivery.lease}
     * @throws org.springframework.boot.context.properties.bind.BindException as start-up would fail
     */
    public static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate(prefix, Bindable.of(type), new ValidationBindHandler(VALIDATOR));
    }

    private static LocalValidatorFactoryBean validator() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        return validator;
    }
}
