package dev.tcccbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.testing.Bridge;
import dev.tcccbridge.testing.RequiresPostgres;
import dev.tcccbridge.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A corpus of hostile requests (src/test/resources/hostile/*.http, raw HTTP sent over a socket):
 * header tricks, duplicate headers, chunked, slow, truncated and compressed bodies, query-string
 * and path tricks, charset lies, broken JSON. Each is answered with a 4xx, never a 5xx; the ones
 * the application answers carry the vendor's {@code {"ErrCode":..,"ErrMsg":..}} with a non-zero
 * code. Requests refused before the push route sees them are marked {@code # answered-by: tomcat}
 * (Tomcat's own error page) or {@code spring-security} (its firewall) in their file: their answer
 * must still be a 4xx. Two requests with an unknown transfer coding are answered 501 by Tomcat
 * (RFC 9112), marked {@code tomcat-501}. Afterwards
 * the bridge is healthy and stores a good push. On PostgreSQL, where a NUL cannot be stored in text.
 *
 * <p>File format: {@code # key: value} lines, then the request; line ends become CRLF (unless
 * {@code # lf-only: true}); {@code {LEN}} is the body's length, {@code {NUL}}, {@code {HEX:..}},
 * {@code {REPEAT:n:text}}, {@code {GZIP:text}}, {@code {GZIP_ZEROS:n}} and {@code {CHUNKS:n}}
 * (n bytes of chunked body, terminated) make bytes; {@code # slow: ms} sends the body a byte at a
 * time; {@code # half-close: true} ends the sending side after the request.
 */
@RequiresPostgres
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the local PostgreSQL is shared by the whole suite: its connections are given back after the class
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HostileRequestsTest {

    static final Path CORPUS = Path.of("src/test/resources/hostile");
    static final Pattern VENDOR_ANSWER = Pattern.compile("\\{\"ErrCode\":([1-9][0-9]*),\"ErrMsg\":\"[^\"]+");
    static final Pattern PLACEHOLDER = Pattern.compile(
            "\\{(LEN|NUL|HEX:[0-9a-f ]+|REPEAT:\\d+:[^}]*|GZIP_ZEROS:\\d+|CHUNKS:\\d+|GZIP:.*\\})\\}");
    static final Map<String, Integer> ANSWERS = new LinkedHashMap<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
        Bridge.register(registry);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        // a slow or truncated body is given up after this long (Tomcat's default is 20 s)
        registry.add("server.tomcat.connection-timeout", () -> "3s");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".http")).sorted()
                    .toList().stream();
        }
    }

    @Order(0)
    @Test
    void theCorpusHasAtLeastFiftyRequests() throws IOException {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(50);
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aHostileRequestIsAnsweredWithAClear4xx(String name) throws Exception {
        String file = Files.readString(CORPUS.resolve(name), StandardCharsets.UTF_8);
        Map<String, String> meta = new LinkedHashMap<>();
        StringBuilder request = new StringBuilder();
        boolean header = true;
        for (String line : file.split("\n", -1)) {
            if (header && line.startsWith("# ")) {
                int colon = line.indexOf(':');
                meta.put(line.substring(2, colon).strip(), line.substring(colon + 1).strip());
                continue;
            }
            header = false;
            request.append(line).append('\n');
        }
        request.setLength(request.length() - 1);
        String text = "true".equals(meta.get("lf-only")) ? request.toString() : request.toString().replace("\n", "\r\n");
        int split = text.indexOf("true".equals(meta.get("lf-only")) ? "\n\n" : "\r\n\r\n");
        int headEnd = split + ("true".equals(meta.get("lf-only")) ? 2 : 4);
        byte[] body = expand(text.substring(headEnd));
        byte[] head = expand(text.substring(0, headEnd).replace("{LEN}", String.valueOf(body.length)));

        String answer = send(head, body, meta);

        int status = status(answer);
        ANSWERS.put(name, status);
        String answeredBy = meta.getOrDefault("answered-by", "the push route");
        if (answeredBy.startsWith("tomcat-501")) {
            // RFC 9112 6.1: a transfer coding the server does not know is answered 501, by Tomcat
            // before any code of ours runs; no setting turns it into a 4xx
            assertThat(status).as("%s: %s", name, firstLines(answer)).isEqualTo(501);
            return;
        }
        assertThat(status).as("%s (%s): %s", name, meta.get("what"), firstLines(answer)).isBetween(400, 499);
        if (!meta.containsKey("answered-by")) {
            assertThat(VENDOR_ANSWER.matcher(answer).find()).as("%s answered in the vendor format: %s", name,
                    firstLines(answer)).isTrue();
        }
    }

    @AfterAll
    static void printAnswers() {
        ANSWERS.forEach((name, status) -> System.out.println("[hostile] " + status + " " + name));
    }

    @Order(2)
    @Test
    void afterTheCorpusTheBridgeIsHealthyAndStoresAGoodPush() throws Exception {
        assertThat(ANSWERS).as("the corpus ran first").hasSize((int) corpus().count());
        Bridge bridge = new Bridge(port, jdbc);
        assertThat(bridge.admin("GET", "/actuator/health").statusCode()).isEqualTo(200);
        var stored = bridge.push("cdr", "after-the-corpus", "{\"SessionId\":\"after-the-corpus\"}");
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).contains("\"ErrCode\":0");
        assertThat(bridge.inboxRow("after-the-corpus")).isNotEmpty();
        // the NUL of a refused push survives quarantine on PostgreSQL, in its raw body
        assertThat(jdbc.queryForList("SELECT body FROM tccc_quarantine", byte[].class))
                .anyMatch(raw -> new String(raw, StandardCharsets.ISO_8859_1).contains("a\u0000b"));
    }

    private String send(byte[] head, byte[] body, Map<String, String> meta) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.flush();
            try {
                if (meta.containsKey("slow")) {
                    for (byte b : body) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(Long.parseLong(meta.get("slow")));
                    }
                } else {
                    out.write(body);
                }
                out.flush();
                if ("true".equals(meta.get("half-close"))) {
                    socket.shutdownOutput();
                }
            } catch (IOException refusedEarly) {
                // the server answered and closed before the whole body was sent: its answer counts
            }
            return read(socket.getInputStream());
        }
    }

    /** What the server answered until it closed, or until it stayed silent for a while. */
    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, n);
                if (complete(answer.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException stopped) {
            // silent or reset: what arrived is the answer
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** Headers and a Content-Length body (or a chunked body's last chunk) have arrived. */
    private static boolean complete(String answer) {
        while (answer.matches("(?s)HTTP/1\\.[01] 1\\d\\d.*") && answer.contains("\r\n\r\n")) {
            answer = answer.substring(answer.indexOf("\r\n\r\n") + 4); // an interim answer: the final one follows
        }
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0 || answer.startsWith("HTTP/1.1 1")) {
            return false;
        }
        Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(answer.substring(0, end));
        if (length.find()) {
            return answer.length() - end - 4 >= Integer.parseInt(length.group(1));
        }
        return answer.endsWith("0\r\n\r\n") || !answer.substring(0, end).toLowerCase().contains("chunked");
    }

    private static int status(String answer) {
        // the final answer: an interim 100 Continue may come first
        Matcher status = Pattern.compile("(?m)^HTTP/1\\.[01] ([2-5]\\d{2})").matcher(answer);
        return status.find() ? Integer.parseInt(status.group(1)) : -1;
    }

    private static String firstLines(String answer) {
        return answer.isEmpty() ? "(no answer)" : answer.substring(0, Math.min(answer.length(), 400));
    }

    private static byte[] expand(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        int at = 0;
        while (placeholder.find()) {
            bytes.write(text.substring(at, placeholder.start()).getBytes(StandardCharsets.UTF_8));
            String p = placeholder.group(1);
            if (p.equals("NUL")) {
                bytes.write(0);
            } else if (p.equals("LEN")) {
                bytes.write("{LEN}".getBytes(StandardCharsets.US_ASCII));
            } else if (p.startsWith("HEX:")) {
                bytes.write(HexFormat.of().parseHex(p.substring(4).replace(" ", "")));
            } else if (p.startsWith("REPEAT:")) {
                String[] parts = p.split(":", 3);
                bytes.write(parts[2].repeat(Integer.parseInt(parts[1])).getBytes(StandardCharsets.UTF_8));
            } else if (p.startsWith("GZIP_ZEROS:")) {
                bytes.write(gzip(new byte[Integer.parseInt(p.substring(11))]));
            } else if (p.startsWith("GZIP:")) {
                bytes.write(gzip(p.substring(5).getBytes(StandardCharsets.UTF_8)));
            } else if (p.startsWith("CHUNKS:")) {
                int left = Integer.parseInt(p.substring(7));
                while (left > 0) {
                    int size = Math.min(left, 8192);
                    bytes.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    bytes.write("x".repeat(size).getBytes(StandardCharsets.US_ASCII));
                    bytes.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    left -= size;
                }
                bytes.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            at = placeholder.end();
        }
        bytes.write(text.substring(at).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(data);
        }
        return zipped.toByteArray();
    }
}
