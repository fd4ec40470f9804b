package dev.switchboard.bench.hello;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The leanest baseline: a stream handler, so Lambda's runtime loads no serializer; it reads the event's bytes
 * and answers a fixed response without parsing them. Run as {@code HELLO_HANDLER} in cold-start.sh to compare
 * a function with the smallest process Lambda's Java runtime can start.
 */
public class HelloWorldStreamHandler implements RequestStreamHandler {

    private static final byte[] ANSWER = ("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"text/plain\"},"
            + "\"body\":\"hello\",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(ANSWER);
    }
}
