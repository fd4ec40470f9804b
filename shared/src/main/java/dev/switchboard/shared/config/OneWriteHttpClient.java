package dev.switchboard.shared.config;

import java.util.Optional;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Sends a small SDK request (headers and body) in one TCP write.
 *
 * <p>Why: the URL-connection client puts a request with a {@code Content-Length} into fixed-length streaming
 * mode, so {@link java.net.HttpURLConnection} writes the headers, then the body, as two segments, and it cannot
 * set {@code TCP_NODELAY}. Nagle's algorithm holds the body back until the server acknowledges the headers,
 * which a delayed-ACK server does late: on loopback to DynamoDB Local a one-item write took 2.4–3.1 ms at the
 * median instead of 1.1–1.2 ms (docs/performance.md; {@code DynamoLocalLatency.java ... plain|switchboard} in
 * benchmarks/local-load compares the two clients). Without the header,
 * {@code HttpURLConnection} buffers the body and sends it with the headers, setting the same
 * {@code Content-Length} itself, so the signed request is the same on the wire.
 *
 * <p>Bodies over {@link #MAX_BUFFERED_BODY} (S3 uploads of recordings) and {@code Expect: 100-continue}
 * requests keep streaming: buffering them would cost memory and break the continue handshake.
 */
final class OneWriteHttpClient implements SdkHttpClient {

    /** The largest body sent buffered; every DynamoDB, SQS, SSM and Secrets Manager request here is under it. */
    static final long MAX_BUFFERED_BODY = 4096;

    private final SdkHttpClient delegate;

    OneWriteHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return delegate.prepareRequest(bufferedIfSmall(request));
    }

    /** The request without its {@code Content-Length} when its body is small and it expects no 100-continue. */
    static HttpExecuteRequest bufferedIfSmall(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        if (request.contentStreamProvider().isEmpty() || http.firstMatchingHeader("Expect").isPresent()) {
            return request;
        }
        Optional<Long> length = http.firstMatchingHeader("Content-Length").flatMap(OneWriteHttpClient::parse);
        if (length.isEmpty() || length.get() <= 0 || length.get() > MAX_BUFFERED_BODY) {
            return request;
        }
        return HttpExecuteRequest.builder()
                .request(http.toBuilder().removeHeader("Content-Length").build())
                .contentStreamProvider(request.contentStreamProvider().get())
                .metricCollector(request.metricCollector().orElse(null))
                .build();
    }

    private static Optional<Long> parse(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
