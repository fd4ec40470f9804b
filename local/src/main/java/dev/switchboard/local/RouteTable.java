package dev.switchboard.local;

import dev.switchboard.emulators.HttpApiRoute;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The template's HttpApi routes, matched the way an HTTP API matches them: the most specific path wins
 * (literal segments before {@code {param}} before greedy {@code {param+}}), a route's own method before
 * {@code ANY}, and {@code $default} catches whatever is left.
 */
final class RouteTable {

    /** The route that answers a request, with its path parameters (decoded). */
    record Match(HttpApiRoute route, Map<String, String> pathParameters) {
    }

    /** No route for this method, but routes for others on the same path. */
    record MethodNotAllowed(List<String> allowedMethods) {
    }

    private final List<CompiledRoute> routes;
    private final HttpApiRoute defaultRoute;

    RouteTable(List<HttpApiRoute> routes) {
        List<CompiledRoute> compiled = new ArrayList<>();
        HttpApiRoute fallback = null;
        for (HttpApiRoute route : routes) {
            if (route.isDefaultRoute()) {
                fallback = route;
            } else {
                compiled.add(new CompiledRoute(route, segments(route.path())));
            }
        }
        compiled.sort(Comparator.naturalOrder());
        this.routes = Collections.unmodifiableList(compiled);
        this.defaultRoute = fallback;
    }

    List<HttpApiRoute> routes() {
        List<HttpApiRoute> all = new ArrayList<>();
        routes.forEach(r -> all.add(r.route()));
        if (defaultRoute != null) {
            all.add(defaultRoute);
        }
        return all;
    }

    /** A {@link Match}, a {@link MethodNotAllowed}, or empty for "no such path". */
    Optional<Object> match(String method, String rawPath) {
        List<String> requestSegments = segments(rawPath);
        TreeSet<String> allowed = new TreeSet<>();
        for (CompiledRoute candidate : routes) {
            Map<String, String> params = candidate.match(requestSegments);
            if (params == null) {
                continue;
            }
            if (candidate.route().method().equals(method) || candidate.route().matchesAnyMethod()) {
                return Optional.of(new Match(candidate.route(), params));
            }
            allowed.add(candidate.route().method());
        }
        if (defaultRoute != null) {
            return Optional.of(new Match(defaultRoute, Map.of()));
        }
        return allowed.isEmpty() ? Optional.empty() : Optional.of(new MethodNotAllowed(List.copyOf(allowed)));
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            segments.add(s);
        }
        if (!segments.isEmpty() && segments.get(0).isEmpty()) {
            segments.remove(0); // leading slash
        }
        return segments;
    }

    private record CompiledRoute(HttpApiRoute route, List<String> segments) implements Comparable<CompiledRoute> {

        private static int rank(String segment) {
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                return 2;
            }
            return segment.startsWith("{") && segment.endsWith("}") ? 1 : 0;
        }

        /** Path parameters if the path matches, else null. */
        Map<String, String> match(List<String> request) {
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < segments.size(); i++) {
                String segment = segments.get(i);
                int rank = rank(segment);
                if (rank == 2) {
                    if (i >= request.size() || (i == request.size() - 1 && request.get(i).isEmpty())) {
                        return null;
                    }
                    params.put(segment.substring(1, segment.length() - 2), decode(String.join("/", request.subList(i, request.size()))));
                    return params;
                }
                if (i >= request.size()) {
                    return null;
                }
                if (rank == 1) {
                    if (request.get(i).isEmpty()) {
                        return null;
                    }
                    params.put(segment.substring(1, segment.length() - 1), decode(request.get(i)));
                } else if (!segment.equals(request.get(i))) {
                    return null;
                }
            }
            return segments.size() == request.size() ? params : null;
        }

        private static String decode(String value) {
            try {
                return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return value;
            }
        }

        @Override
        public int compareTo(CompiledRoute other) {
            int n = Math.min(segments.size(), other.segments.size());
            for (int i = 0; i < n; i++) {
                int c = Integer.compare(rank(segments.get(i)), rank(other.segments.get(i)));
                if (c != 0) {
                    return c;
                }
            }
            // Same shape so far: the route's own method before ANY.
            return Boolean.compare(route.matchesAnyMethod(), other.route.matchesAnyMethod());
        }
    }
}
