package dev.tcccbridge.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.http.AddressRanges;
import dev.tcccbridge.tccc.PushAnswer;
import dev.tcccbridge.tccc.PushError;
import dev.tcccbridge.tccc.TcccProperties;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Collections;
import java.util.Enumeration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;

/**
 * {@code bridge.tccc.push.allowed-sources}: refuses a push from any other address (403, in TCCC's
 * answer format, before authentication and before the body is read), so that even mode
 * {@code none} can be locked to TCCC's egress addresses. The sender is the connection's peer;
 * when that peer is one of {@code bridge.tccc.push.trusted-proxies}, it is the last address of
 * {@code X-Forwarded-For} that is not a trusted proxy itself (addresses a client writes into the
 * header come before those its proxies append, so they are never believed). The ranges are parsed
 * once; a push costs one address parse (two behind a proxy), no lookup.
 */
final class PushSources implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(PushSources.class);
    static final String ALLOWED_KEY = "bridge.tccc.push.allowed-sources";

    private final AddressRanges allowed;
    private final AddressRanges trustedProxies;
    private final byte[] refusal;

    PushSources(TcccProperties.Push push, ObjectMapper objectMapper) throws IOException {
        this.allowed = AddressRanges.parse(push.allowedSources(), ALLOWED_KEY);
        this.trustedProxies = AddressRanges.parse(push.trustedProxies(), "bridge.tccc.push.trusted-proxies");
        this.refusal = objectMapper.writeValueAsBytes(PushAnswer.refused(PushError.SOURCE_NOT_ALLOWED,
                "this address may not push to this bridge"));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        InetAddress sender = sender(http);
        if (sender != null && allowed.contains(sender)) {
            chain.doFilter(request, response);
            return;
        }
        LOG.warn("push from {} refused: not in {}", sender == null ? describe(http) : sender.getHostAddress(),
                ALLOWED_KEY);
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setStatus(PushError.SOURCE_NOT_ALLOWED.httpStatus());
        answer.setContentType(MediaType.APPLICATION_JSON_VALUE + ";charset=UTF-8");
        answer.getOutputStream().write(refusal);
    }

    /** Who sent the push, or null when that cannot be told (an X-Forwarded-For entry that is no address). */
    InetAddress sender(HttpServletRequest request) {
        InetAddress peer = AddressRanges.literal(request.getRemoteAddr());
        if (peer == null || trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        InetAddress sender = peer;
        Enumeration<String> headers = request.getHeaders("X-Forwarded-For");
        String forwarded = headers == null || !headers.hasMoreElements() ? null : String.join(",",
                Collections.list(headers));
        if (forwarded == null) {
            return sender;
        }
        // from the right: the nearest hop first, through the trusted proxies to the first that is not one
        int end = forwarded.length();
        while (end > 0) {
            int start = forwarded.lastIndexOf(',', end - 1) + 1;
            InetAddress hop = AddressRanges.literal(forwarded.substring(start, end).strip());
            if (hop == null) {
                return null;
            }
            sender = hop;
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
            end = start - 1;
        }
        return sender;
    }

    private static String describe(HttpServletRequest request) {
        return request.getRemoteAddr() + " (X-Forwarded-For: " + request.getHeader("X-Forwarded-For") + ")";
    }
}
