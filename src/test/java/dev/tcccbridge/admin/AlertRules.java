package dev.tcccbridge.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The Prometheus rule files under {@code ops/}, and the metric names their expressions use. */
final class AlertRules {

    static final Path OPS = Path.of("ops");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    /** A rule: its name (alert or record) and its PromQL expression. */
    record Rule(String name, String expr) {
    }

    private AlertRules() {
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(OPS)) {
            return files.filter(file -> file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
                    .filter(AlertRules::isRuleFile).sorted().toList();
        }
    }

    static List<Rule> rules(String yaml) {
        List<Rule> rules = new ArrayList<>();
        Map<String, Object> document = new Yaml().load(yaml);
        for (Object group : (List<?>) document.get("groups")) {
            for (Object item : (List<?>) ((Map<?, ?>) group).get("rules")) {
                Map<?, ?> rule = (Map<?, ?>) item;
                Object name = rule.get("alert") != null ? rule.get("alert") : rule.get("record");
                rules.add(new Rule(String.valueOf(name), String.valueOf(rule.get("expr"))));
            }
        }
        return rules;
    }

    /** The metric names a PromQL expression reads: every identifier that is no function, keyword or label. */
    static Set<String> metrics(String expr) {
        String bare = STRING.matcher(expr).replaceAll(" ");
        bare = MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGE.matcher(bare).replaceAll(" ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            int after = identifier.end();
            while (after < bare.length() && Character.isWhitespace(bare.charAt(after))) {
                after++;
            }
            boolean function = after < bare.length() && bare.charAt(after) == '(';
            boolean number = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
            if (!function && !number && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /** The metric names of {@code exposition} (Prometheus text format): each sample's name. */
    static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    /** The rules' metrics that {@code exported} lacks, as "rule: metric". */
    static Set<String> unknown(List<Rule> rules, Set<String> exported) {
        Set<String> unknown = new TreeSet<>();
        for (Rule rule : rules) {
            for (String metric : metrics(rule.expr())) {
                if (!exported.contains(metric)) {
                    unknown.add(rule.name() + ": " + metric);
                }
            }
        }
        return unknown;
    }

    private static boolean isRuleFile(Path file) {
        try {
            return Files.readString(file).lines().anyMatch(line -> line.startsWith("groups:"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
