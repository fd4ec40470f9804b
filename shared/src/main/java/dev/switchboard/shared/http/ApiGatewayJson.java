package dev.switchboard.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API Gateway HTTP API (payload 2.0) event read from, and its response written to, the bytes Lambda's
 * runtime hands a {@code RequestStreamHandler}, with jackson-jr. The runtime's own POJO serializer (shaded
 * Jackson databind with its Java-time and Joda modules) loads about 700 classes on a cold start for the same
 * job; this loads about 100 ({@code docs/performance.md}). The event fields read are the ones a request is
 * made of ({@link HttpRequest#from}) plus the request context's identifiers; an authorizer (these routes use
 * none: they check their own credentials) is not read.
 */
public final class ApiGatewayJson {

    private static final JSON JR = JSON.std;

    private ApiGatewayJson() {
    }

    /** The event in {@code in}; anything but a JSON object is an {@link IOException}. */
    public static APIGatewayV2HTTPEvent readEvent(InputStream in) throws IOException {
        Object root = JR.anyFrom(in);
        if (!(root instanceof Map<?, ?> event)) {
            throw new IOException("an API Gateway event is a JSON object");
        }
        APIGatewayV2HTTPEvent.APIGatewayV2HTTPEventBuilder builder = APIGatewayV2HTTPEvent.builder()
                .withVersion(text(event, "version"))
                .withRouteKey(text(event, "routeKey"))
                .withRawPath(text(event, "rawPath"))
                .withRawQueryString(text(event, "rawQueryString"))
                .withCookies(texts(event.get("cookies")))
                .withHeaders(textMap(event.get("headers")))
                .withQueryStringParameters(textMap(event.get("queryStringParameters")))
                .withPathParameters(textMap(event.get("pathParameters")))
                .withStageVariables(textMap(event.get("stageVariables")))
                .withBody(text(event, "body"))
                .withIsBase64Encoded(Boolean.TRUE.equals(event.get("isBase64Encoded"))
                        || "true".equals(event.get("isBase64Encoded")));
        if (event.get("requestContext") instanceof Map<?, ?> context) {
            APIGatewayV2HTTPEvent.RequestContext.RequestContextBuilder contextBuilder =
                    APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withRouteKey(text(context, "routeKey"))
                            .withAccountId(text(context, "accountId"))
                            .withStage(text(context, "stage"))
                            .withApiId(text(context, "apiId"))
                            .withDomainName(text(context, "domainName"))
                            .withDomainPrefix(text(context, "domainPrefix"))
                            .withTime(text(context, "time"))
                            .withRequestId(text(context, "requestId"));
            if (context.get("timeEpoch") instanceof Number epoch) {
                contextBuilder.withTimeEpoch(epoch.longValue());
            }
            if (context.get("http") instanceof Map<?, ?> http) {
                contextBuilder.withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(text(http, "method"))
                        .withPath(text(http, "path"))
                        .withProtocol(text(http, "protocol"))
                        .withSourceIp(text(http, "sourceIp"))
                        .withUserAgent(text(http, "userAgent"))
                        .build());
            }
            builder.withRequestContext(contextBuilder.build());
        }
        return builder.build();
    }

    /** The response as the runtime's serializer writes it: its fields by their JSON names, nulls left out. */
    public static void writeResponse(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statusCode", response.getStatusCode());
        putIfPresent(json, "headers", response.getHeaders());
        putIfPresent(json, "multiValueHeaders", response.getMultiValueHeaders());
        putIfPresent(json, "cookies", response.getCookies());
        putIfPresent(json, "body", response.getBody());
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        JR.write(json, out);
    }

    private static void putIfPresent(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    /** A scalar as text (API Gateway sends strings; a number or boolean is read as the runtime would). */
    private static String text(Map<?, ?> object, String name) {
        Object value = object.get(name);
        return value == null || value instanceof Map || value instanceof List ? null : value.toString();
    }

    private static Map<String, String> textMap(Object value) {
        if (!(value instanceof Map<?, ?> object)) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            Object item = entry.getValue();
            map.put(entry.getKey().toString(), item == null || item instanceof Map || item instanceof List ? null : item.toString());
        }
        return map;
    }

    private static List<String> texts(Object value) {
        if (!(value instanceof List<?> array)) {
            return null;
        }
        List<String> list = new ArrayList<>(array.size());
        for (Object item : array) {
            list.add(item == null ? null : item.toString());
        }
        return list;
    }
}
