package dev.switchboard.shared.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Every AWS SDK client's HTTP client: the real one, except on a thread that is {@link Priming#active priming},
 * where the request (already marshalled and signed by the SDK) has its body read and is answered in the
 * process with an empty success: {@code {}} for the JSON protocols (DynamoDB, SQS, SSM, Secrets Manager),
 * an empty body for S3. The SDK parses that answer as it would a real one, so its response path is primed
 * too, and nothing leaves the process.
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
                Optional<software.amazon.awssdk.http.ContentStreamProvider> body = request.contentStreamProvider();
                byte[] sent = new byte[0];
                if (body.isPresent()) {
                    try (InputStream in = body.get().newStream()) {
                        sent = in.readAllBytes();
                    }
                }
                boolean json = request.httpRequest().firstMatchingHeader("Content-Type")
                        .map(t -> t.contains("json")).orElse(false);
                String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                byte[] answer = target.equals("AmazonSQS.SendMessage") ? SqsAnswers.sendMessage(sent)
                        : json ? EMPTY_JSON : new byte[0];
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

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
