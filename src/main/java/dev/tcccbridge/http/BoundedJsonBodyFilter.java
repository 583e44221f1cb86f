package dev.tcccbridge.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards an endpoint that takes a JSON body (the TCCC push, the Desk callback) before its route:
 * refuses form and multipart bodies (415: the HTTP layer would parse them as form fields),
 * compressed ones (415: a Content-Encoding is not decoded), bodies that end before their announced
 * end (400) and bodies over the endpoint's limit (413), reading at most one byte more than the limit, as
 * chunked bodies have no Content-Length to trust. A body within the limit is handed on from
 * memory. Refusals are answered in the endpoint's own format ({@link Refusals}).
 */
public class BoundedJsonBodyFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedJsonBodyFilter.class);

    /** The refusal of an endpoint for an HTTP status (413, 415), in its own answer format. */
    @FunctionalInterface
    public interface Refusals {

        Object answer(int httpStatus, String message);
    }

    /** The filter in front of one path. */
    public static FilterRegistrationBean<BoundedJsonBodyFilter> on(String path, DataSize maxBody, Refusals refusals,
                                                                   ObjectMapper objectMapper) {
        FilterRegistrationBean<BoundedJsonBodyFilter> registration = new FilterRegistrationBean<>(
                new BoundedJsonBodyFilter(maxBody.toBytes(), refusals, objectMapper));
        registration.addUrlPatterns(path);
        return registration;
    }

    private final long maxBytes;
    private final Refusals refusals;
    private final ObjectMapper objectMapper;

    public BoundedJsonBodyFilter(long maxBytes, Refusals refusals, ObjectMapper objectMapper) {
        this.maxBytes = maxBytes;
        this.refusals = refusals;
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isFormContent(request.getContentType())) {
            LOG.warn("{} from {} refused: Content-Type {}", request.getRequestURI(), request.getRemoteAddr(),
                    request.getContentType());
            answer(response, 415, refusals.answer(415, "Content-Type must be application/json, not "
                    + request.getContentType()));
            return;
        }
        String encoding = request.getHeader("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            // the body is not decoded here: read as it is, a compressed body would be garbage, and a
            // body that only claims to be compressed would be taken for what it is not
            LOG.warn("{} from {} refused: Content-Encoding {}", request.getRequestURI(), request.getRemoteAddr(),
                    encoding);
            answer(response, 415, refusals.answer(415, "Content-Encoding " + encoding
                    + " is not accepted: send the JSON uncompressed"));
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(request, response, declared);
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException ended) {
            // the sender stopped before the end it announced (Content-Length, the last chunk), or
            // sent a broken chunk: one line in the log, and the refusal (Tomcat, which saw the
            // broken request first, may already have answered it 400 itself)
            LOG.warn("{} from {} refused: the body ended early ({})", request.getRequestURI(),
                    request.getRemoteAddr(), ended.toString());
            response.setHeader("Connection", "close");
            answer(response, 400, refusals.answer(400, "the body ended before its announced end"));
            return;
        }
        if (body.length > maxBytes) {
            refuse(request, response, -1);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, long declared)
            throws IOException {
        LOG.warn("{} from {} refused: body {} exceeds the limit of {} bytes", request.getRequestURI(),
                request.getRemoteAddr(), declared >= 0 ? "of " + declared + " bytes" : "(chunked)", maxBytes);
        // the rest of an oversized body is not read: close rather than drain it
        response.setHeader("Connection", "close");
        answer(response, 413, refusals.answer(413, "body larger than " + maxBytes + " bytes"));
    }

    private void answer(HttpServletResponse response, int status, Object answer) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(objectMapper.writeValueAsBytes(answer));
    }

    private static boolean isFormContent(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
    }

    /** The request with its body already read. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }

        /** JSON is UTF-8 (RFC 8259), whatever charset the sender names. */
        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
