package dev.switchboard.shared.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

class OneWriteHttpClientTest {

    @Test
    void aSmallBodyLosesItsContentLengthSoTheConnectionBuffersIt() {
        HttpExecuteRequest request = post(700, null);

        HttpExecuteRequest sent = OneWriteHttpClient.bufferedIfSmall(request);

        assertThat(sent.httpRequest().firstMatchingHeader("Content-Length")).isEmpty();
        assertThat(sent.httpRequest().firstMatchingHeader("X-Amz-Target")).contains("DynamoDB_20120810.UpdateItem");
        assertThat(sent.httpRequest().getUri()).isEqualTo(request.httpRequest().getUri());
        assertThat(sent.contentStreamProvider()).containsSame(request.contentStreamProvider().get());
    }

    @Test
    void aLargeBodyKeepsStreaming() {
        HttpExecuteRequest request = post((int) OneWriteHttpClient.MAX_BUFFERED_BODY + 1, null);

        assertThat(OneWriteHttpClient.bufferedIfSmall(request)).isSameAs(request);
    }

    @Test
    void aRequestExpectingContinueKeepsItsHandshake() {
        HttpExecuteRequest request = post(100, "100-continue");

        assertThat(OneWriteHttpClient.bufferedIfSmall(request)).isSameAs(request);
    }

    @Test
    void aRequestWithoutABodyIsUntouched() {
        HttpExecuteRequest request = HttpExecuteRequest.builder().request(SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET).uri(URI.create("http://localhost/x")).build()).build();

        assertThat(OneWriteHttpClient.bufferedIfSmall(request)).isSameAs(request);
    }

    /**
     * On the wire: headers and body arrive together, with the length the SDK had set. Without the decorator the
     * connection writes the headers first and the body after, and this fails.
     */
    @Test
    void headersAndBodyLeaveInOneWriteWithTheSameContentLength() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var client = new OneWriteHttpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(5)).build())) {
            CompletableFuture<String> firstRead = CompletableFuture.supplyAsync(() -> answerOnce(server));
            HttpExecuteRequest request = post(700, null, URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"));

            HttpExecuteResponse response = client.prepareRequest(request).call();

            assertThat(response.httpResponse().statusCode()).isEqualTo(200);
            String received = firstRead.get(10, TimeUnit.SECONDS);
            assertThat(received).containsIgnoringCase("Content-Length: 700\r\n");
            assertThat(received.substring(received.indexOf("\r\n\r\n") + 4)).isEqualTo("x".repeat(700));
        }
    }

    /**
     * Reads once as soon as anything arrives (one write is one loopback segment, delivered whole; two writes
     * wake the read with the headers alone), answers 200, returns what that read got.
     */
    private static String answerOnce(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            int n = in.read(buffer);
            String first = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
            // Drain the rest (the two-write case) so the client's request completes either way.
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(buffer, 0, n);
            while (!complete(all.toString(StandardCharsets.ISO_8859_1))) {
                int more = in.read(buffer);
                if (more < 0) {
                    break;
                }
                all.write(buffer, 0, more);
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return first;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean complete(String soFar) {
        int end = soFar.indexOf("\r\n\r\n");
        return end >= 0 && soFar.length() - end - 4 >= 700;
    }

    private static HttpExecuteRequest post(int bodyLength, String expect) {
        return post(bodyLength, expect, URI.create("https://dynamodb.us-east-1.amazonaws.com/"));
    }

    private static HttpExecuteRequest post(int bodyLength, String expect, URI uri) {
        byte[] body = "x".repeat(bodyLength).getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder http = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810.UpdateItem")
                .putHeader("Content-Length", Integer.toString(bodyLength));
        if (expect != null) {
            http.putHeader("Expect", expect);
        }
        return HttpExecuteRequest.builder().request(http.build())
                .contentStreamProvider(ContentStreamProvider.fromByteArray(body)).build();
    }
}
