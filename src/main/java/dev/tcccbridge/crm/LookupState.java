package dev.tcccbridge.crm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one {@link BatchLookup} stands for one batch: the answers so far, the keys still to ask,
 * the keys of the request under way, and how many one request may ask (fewer after an answer
 * that was cut short).
 */
final class LookupState<V> {

    final Map<String, Optional<V>> found = new HashMap<>();
    /** SessionId → the key its call is looked up by. */
    final Map<String, String> keys = new HashMap<>();
    final Deque<String> unasked = new ArrayDeque<>();
    List<String> asking = List.of();
    int maxKeys;
    boolean started;

    /** What was found for a session's call; empty also when nothing is known. */
    Optional<V> forSession(String sessionId) {
        String key = keys.get(sessionId);
        return key == null ? Optional.empty() : found.getOrDefault(key, Optional.empty());
    }
}
