package dev.tcccbridge.inbox;

import java.time.OffsetDateTime;

/** An inbox row as operators see it (without its payload). */
public record InboxRow(long id, String pushId, String action, String sessionId, String status, int attempts,
                       OffsetDateTime receivedAt, OffsetDateTime finishedAt, String lastError) {
}
