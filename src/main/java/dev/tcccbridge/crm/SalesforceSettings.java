package dev.tcccbridge.crm;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.camel.component.salesforce.springboot.SalesforceComponentConfiguration;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * The Salesforce connection as configured under Camel's own keys, {@code camel.component.salesforce.*},
 * read the way camel-salesforce reads it, so that a connection that cannot log in is found at
 * start instead of at the first delivery: which connection settings are set, which of them a
 * misspelt key (not an option of the component) stands for, and which keys the chosen (or
 * implied) authentication method still lacks.
 */
final class SalesforceSettings {

    static final String PREFIX = "camel.component.salesforce";

    /** camel-salesforce's authentication methods and the keys each needs (besides a login-url, which has a default). */
    enum Method {
        USERNAME_PASSWORD("client-id", "client-secret", "user-name", "password"),
        CLIENT_CREDENTIALS("client-id", "client-secret"),
        REFRESH_TOKEN("client-id", "client-secret", "refresh-token"),
        JWT("client-id", "user-name", "keystore");

        private final List<String> required;

        Method(String... required) {
            this.required = List.of(required);
        }
    }

    /** Keys that say where and as whom to log in: any of them set means "Salesforce is meant". */
    private static final Set<String> CONNECTION = Set.of("login-url", "instance-url", "client-id", "client-secret",
            "user-name", "password", "refresh-token", "keystore", "authentication-type", "jwt-audience", "login-config");
    /** Options of the component (kebab case); a key under the prefix that is none of them is misspelt. */
    private static final Set<String> OPTIONS = options();

    private final Set<String> set;
    private final Set<String> misspelt;
    private final String authenticationType;

    private SalesforceSettings(Set<String> set, Set<String> misspelt, String authenticationType) {
        this.set = set;
        this.misspelt = misspelt;
        this.authenticationType = authenticationType;
    }

    static SalesforceSettings of(ConfigurableEnvironment environment) {
        ConfigurationPropertyName prefix = ConfigurationPropertyName.of(PREFIX);
        Set<String> set = new TreeSet<>();
        Set<String> misspelt = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            iterable.filter(prefix::isAncestorOf).stream().forEach(name -> {
                String option = name.getElement(prefix.getNumberOfElements(), ConfigurationPropertyName.Form.DASHED);
                String known = known(option);
                if (known == null) {
                    misspelt.add(PREFIX + "." + option);
                } else if (CONNECTION.contains(known) && hasValue(source, name)) {
                    set.add(known);
                }
            });
        }
        return new SalesforceSettings(set, misspelt, environment.getProperty(PREFIX + ".authentication-type"));
    }

    /** Whether any connection setting (or a key that may be a misspelt one) is there. */
    boolean anyPresent() {
        return !set.isEmpty() || !misspelt.isEmpty();
    }

    /**
     * Nothing, when a login can be attempted; else what is wrong, naming the keys.
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String key : misspelt) {
            problems.add(key + " is not a setting of the Salesforce component (misspelt?)");
        }
        Method method;
        if (StringUtils.hasText(authenticationType)) {
            try {
                method = Method.valueOf(authenticationType.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(PREFIX + ".authentication-type '" + authenticationType + "' is none of "
                        + List.of(Method.values()));
                return problems;
            }
        } else {
            method = implied();
        }
        List<String> missing = method.required.stream().filter(key -> !set.contains(key)).toList();
        if (!missing.isEmpty()) {
            problems.add("the Salesforce connection (" + method + ") lacks " + missing.stream()
                    .map(key -> PREFIX + "." + key).collect(Collectors.joining(", "))
                    + (set.isEmpty() ? "" : "; set: " + set.stream().map(key -> PREFIX + "." + key)
                    .collect(Collectors.joining(", "))));
        }
        return problems;
    }

    /**
     * The method camel-salesforce would choose from what is set: password, refresh token or key
     * store decide; else client credentials. When the settings fit none, the one they come closest
     * to (fewest keys missing), so that the message names what to add.
     */
    Method implied() {
        boolean password = set.contains("password");
        boolean refreshToken = set.contains("refresh-token");
        boolean keystore = set.contains("keystore");
        if (password && !refreshToken && !keystore) {
            return Method.USERNAME_PASSWORD;
        }
        if (refreshToken && !password && !keystore) {
            return Method.REFRESH_TOKEN;
        }
        if (keystore && !password && !refreshToken) {
            return Method.JWT;
        }
        if (set.contains("client-id") && set.contains("client-secret") && !password && !refreshToken && !keystore) {
            return Method.CLIENT_CREDENTIALS;
        }
        Map<Method, Long> missing = new EnumMap<>(Method.class);
        for (Method method : Method.values()) {
            missing.put(method, method.required.stream().filter(key -> !set.contains(key)).count());
        }
        // ties go to the first listed: user name and password, what most integrations use
        return missing.entrySet().stream().min(Map.Entry.<Method, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder()))).orElseThrow().getKey();
    }

    private static boolean hasValue(ConfigurationPropertySource source, ConfigurationPropertyName name) {
        var property = source.getConfigurationProperty(name);
        return property != null && property.getValue() != null && StringUtils.hasText(property.getValue().toString());
    }

    /** The option a key's first element names (any form: client-id, clientId, CLIENTID), or null. */
    private static String known(String element) {
        String squashed = element.replace("-", "").toLowerCase(Locale.ROOT);
        return OPTIONS.stream().filter(option -> option.replace("-", "").equals(squashed)).findFirst().orElse(null);
    }

    private static Set<String> options() {
        Set<String> options = new LinkedHashSet<>(List.of("enabled", "customizer"));
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(SalesforceComponentConfiguration.class)) {
            if (property.getWriteMethod() != null) {
                options.add(property.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(options);
    }
}
