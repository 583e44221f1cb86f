package dev.tcccbridge.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The File's JSON is written from the downloaded audio as a stream, and is what Salesforce reads. */
class ContentVersionJsonTest {

    @TempDir
    Path dir;

    @Test
    void audioOfAnySizeIsBase64EncodedIntoVersionDataBesideTheOtherFields() throws Exception {
        ObjectMapper objectMapper = new ObjectMapper();
        for (int size : new int[] {0, 1, 2, 3, 4, 16 * 1024 + 1, 200_000}) {
            byte[] audio = new byte[size];
            for (int i = 0; i < size; i++) {
                audio[i] = (byte) (i * 7);
            }
            Path audioFile = Files.write(dir.resolve("audio-" + size), audio);
            Path json = dir.resolve("json-" + size);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Title", "Call recording, Agent \"zhang\" <zhangsan@tencent.com>");
            fields.put("FirstPublishLocationId", "00T000000000001AAA");

            RecordingArchive.writeJson(objectMapper, fields, audioFile, json);

            JsonNode written = objectMapper.readTree(json.toFile());
            assertThat(written.path("Title").asText()).isEqualTo("Call recording, Agent \"zhang\" <zhangsan@tencent.com>");
            assertThat(written.path("FirstPublishLocationId").asText()).isEqualTo("00T000000000001AAA");
            assertThat(Base64.getDecoder().decode(written.path("VersionData").asText())).isEqualTo(audio);
        }
    }
}
