package dev.switchboard.shared.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Every AWS SDK client's HTTP client: the real one, except on a thread that is {@link Priming#active priming},
 * where the request (already marshalled and signed by the SDK) goes to 127.0.0.1 instead of AWS: through
 * the real HTTP client to the {@link LoopbackAnswerer} while {@link Priming#runBeforeCheckpoint} runs (so the
 * HTTP client's own code is primed), else answered in the process. The answer is an empty success:
 * {@code {}} for the JSON protocols (DynamoDB, SQS, SSM, Secrets Manager), with the MD5s SQS's
 * {@code SendMessage} is checked by, and an empty body for S3. The SDK parses it as it would a real one, so
 * its response path is primed too. Nothing leaves the machine.
 */
final class PrimingHttpClient implements SdkHttpClient {

    private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

    private final SdkHttpClient delegate;

    PrimingHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (!Priming.active()) {
            return delegate.prepareRequest(request);
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                byte[] sent = new byte[0];
                Optional<ContentStreamProvider> body = request.contentStreamProvider();
                if (body.isPresent()) {
                    try (InputStream in = body.get().newStream()) {
                        sent = in.readAllBytes();
                    }
                }
                int port = Priming.loopbackPort();
                if (port > 0) {
                    try {
                        return throughLoopback(request, sent, port);
                    } catch (IOException | RuntimeException e) {
                        // Answered in the process below.
                    }
                }
                boolean json = request.httpRequest().firstMatchingHeader("Content-Type")
                        .map(t -> t.contains("json")).orElse(false);
                String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                byte[] answer = answer(target, json, sent);
                SdkHttpResponse response = SdkHttpResponse.builder().statusCode(200)
                        .putHeader("Content-Type", json ? "application/x-amz-json-1.0" : "application/xml")
                        .putHeader("Content-Length", Integer.toString(answer.length))
                        .putHeader("x-amzn-RequestId", "priming")
                        .build();
                return HttpExecuteResponse.builder().response(response)
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer))).build();
            }

            @Override
            public void abort() {
            }
        };
    }

    /** The same request, signed as it was, sent by the real HTTP client to the loopback answerer. */
    private HttpExecuteResponse throughLoopback(HttpExecuteRequest request, byte[] body, int port) throws IOException {
        SdkHttpRequest local = request.httpRequest().toBuilder().protocol("http").host("127.0.0.1").port(port).build();
        return delegate.prepareRequest(HttpExecuteRequest.builder().request(local)
                .contentStreamProvider(body.length == 0 && request.contentStreamProvider().isEmpty() ? null
                        : ContentStreamProvider.fromByteArrayUnsafe(body))
                .build()).call();
    }

    /** What the service would answer, as far as the SDK checks: an empty success, SQS's with its MD5s. */
    static byte[] answer(String target, boolean json, byte[] sent) {
        if (target.equals("AmazonSQS.SendMessage")) {
            return SqsAnswers.sendMessage(sent);
        }
        return json ? EMPTY_JSON : new byte[0];
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
