package dev.tcccbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The curl examples of README.md, run as written against the bridge on its defaults: each
 * gets the answer the README promises (the {@code # {...}} line under it, else ErrCode 0).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeExamplesTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void everyCurlExampleGetsTheAnswerTheReadmeShows() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        int examples = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("curl ")) {
                continue;
            }
            examples++;
            HttpResponse<String> answer = http.send(toRequest(lines.get(i)), HttpResponse.BodyHandlers.ofString());
            String next = i + 1 < lines.size() ? lines.get(i + 1) : "";
            if (next.startsWith("# {")) {
                assertThat(json.readTree(answer.body())).as(lines.get(i)).isEqualTo(json.readTree(next.substring(2)));
            } else {
                assertThat(answer.statusCode()).as(lines.get(i)).isEqualTo(200);
                assertThat(json.readTree(answer.body()).get("ErrCode").asInt()).as(lines.get(i)).isZero();
            }
        }
        assertThat(examples).as("curl examples in README.md").isGreaterThanOrEqualTo(3);
    }

    /** Reads the curl options the README uses: -H, --data-binary (text or @file) and the URL. */
    private HttpRequest toRequest(String curl) throws Exception {
        List<String> words = shellWords(curl);
        HttpRequest.Builder request = HttpRequest.newBuilder();
        String body = null;
        for (int w = 1; w < words.size(); w++) {
            String word = words.get(w);
            switch (word) {
                case "-s" -> { }
                case "-H" -> {
                    String[] header = words.get(++w).split(":\\s*", 2);
                    request.header(header[0], header[1]);
                }
                case "--data-binary" -> {
                    String data = words.get(++w);
                    body = data.startsWith("@") ? Files.readString(Path.of(data.substring(1))) : data;
                }
                default -> {
                    assertThat(word).as("a curl option this test does not know").startsWith("http://localhost:8080/");
                    request.uri(URI.create(word.replace("localhost:8080", "localhost:" + port)));
                }
            }
        }
        return request.POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)).build();
    }

    private static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
