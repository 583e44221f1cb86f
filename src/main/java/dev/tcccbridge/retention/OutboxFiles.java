package dev.tcccbridge.retention;

import dev.tcccbridge.mail.MailProperties;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The {@code .eml} files mail file mode writes under {@code bridge.mail.outbox-dir}, deleted by age. */
@Component
public class OutboxFiles {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxFiles.class);

    private final Path directory;

    public OutboxFiles(MailProperties mail) {
        this.directory = mail.outboxDir();
    }

    /** Deletes at most {@code limit} mail files last written before {@code before}. */
    public RetentionRepository.Batch deleteBatch(Instant before, int limit) {
        int picked = 0;
        int deleted = 0;
        try (DirectoryStream<Path> mails = Files.newDirectoryStream(directory, "*.eml")) {
            for (Path mail : mails) {
                if (picked == limit) {
                    break;
                }
                try {
                    if (Files.isRegularFile(mail) && Files.getLastModifiedTime(mail).toInstant().isBefore(before)) {
                        picked++;
                        Files.delete(mail);
                        deleted++;
                    }
                } catch (NoSuchFileException e) {
                    // gone meanwhile (written again under its name, or deleted by another instance)
                } catch (IOException e) {
                    LOG.warn("retention: could not delete the outbox file {}: {}", mail, e.toString());
                }
            }
        } catch (NoSuchFileException e) {
            return new RetentionRepository.Batch(0, 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the outbox " + directory + ": " + e.getMessage(), e);
        }
        return new RetentionRepository.Batch(picked, deleted);
    }

    /** Mail files in the outbox now (0 when there is no outbox). */
    public long count() {
        long count = 0;
        try (DirectoryStream<Path> mails = Files.newDirectoryStream(directory, "*.eml")) {
            for (Path ignored : mails) {
                count++;
            }
        } catch (IOException e) {
            return 0;
        }
        return count;
    }
}
