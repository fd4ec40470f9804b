package dev.switchboard.shared.config;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming. With SnapStart, Lambda snapshots the environment after init and every cold start
 * resumes that snapshot, so what the first request after a restore still pays is what init did not do:
 * loading the request path's classes, the first TwiML, the SDK's marshallers, signer and response parsers,
 * Jackson's serializers, the JIT. In the CRaC {@code beforeCheckpoint} hook, {@link #runBeforeCheckpoint}
 * answers each registered handler's canned event (a sample from {@code events/}, packaged in every function
 * jar under {@code switchboard-events/}) {@value #ROUNDS} times through the handler's own request path,
 * with every outbound call answered inside the process:
 * <ul>
 *   <li>AWS SDK clients (all built by {@link AwsSettings#configure}) run on {@link PrimingHttpClient}:
 *       the request is marshalled, signed and its body read, and a canned empty success is parsed as the
 *       answer; nothing reaches DynamoDB, SQS, S3, SSM or Secrets Manager;</li>
 *   <li>Twilio's REST client, the CRM, OpenAI and the media download call {@link #refuseOutbound} first,
 *       which throws {@link PrimingRefusal} while priming: the job fails inside the process (its retry path
 *       is primed, the canned SQS answers absorb it).</li>
 * </ul>
 * Priming is per thread ({@link #active}): a local stack initializing one function while serving another
 * is not affected. Log lines written while priming carry {@code "priming": "true"} ({@code FunctionLogging}).
 *
 * <p>One line per function, in the handler's production constructor: {@code Priming.register(this,
 * APIGatewayV2HTTPEvent.class, "health.json")}, or for a Twilio webhook {@code primeWith("incoming-call.json")}
 * (re-signed with the function's own key, so the signature check passes and the real path runs).
 *
 * <p>Priming is not run at init: without SnapStart (sam local, the local stack) it would only lengthen
 * init by what the first request does anyway. After a restore, {@link RestoreHooks} drops what must not be
 * shared; the HTTP connections made at init (settings reads) are the JDK's keep-alive connections, which
 * it discards once idle longer than their keep-alive time (5 s unless the server says otherwise), so no
 * restored environment reuses a snapshot's socket.
 */
public final class Priming {

    /** Times each canned event is answered: enough for the request path's classes and the first C1 compiles. */
    public static final int ROUNDS = 12;

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);
    /** The loopback answerer's port while {@link #runBeforeCheckpoint} runs; 0 otherwise. */
    private static volatile int loopbackPort;
    private static final List<Primer> PRIMERS = new ArrayList<>();

    /** Built on first use, at priming time: a function's init registers its primer without loading databind. */
    private static final class Events {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
    private static final Resource RESOURCE = new Resource() {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            runBeforeCheckpoint();
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            // RestoreHooks' own resource drops the caches; nothing primed is kept but classes and code.
        }
    };

    static {
        try {
            Core.getGlobalContext().register(RESOURCE);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("No CRaC context ({}): priming runs only when called", e.toString());
        }
    }

    private Priming() {
    }

    /** Thrown by {@link #refuseOutbound} while priming: the call would have left the process. */
    public static final class PrimingRefusal extends RuntimeException {
        public PrimingRefusal(String what) {
            super("priming: " + what + " not called", null, false, false);
        }
    }

    /** A handler and how to make its canned event; the handler is held weakly, as long as it lives. */
    private record Primer(WeakReference<Object> handler, Function<Object, Runnable> invocation, String name) {
    }

    /**
     * Primes {@code handler} on the sample {@code event} ({@code events/<event>}, packaged as
     * {@code switchboard-events/<event>}) before a SnapStart snapshot.
     */
    public static <I, O> void register(RequestHandler<I, O> handler, Class<I> type, String event) {
        register(handler, () -> readEvent(event, type), event);
    }

    /** Primes {@code handler} on the event {@code event} makes (called at priming time, e.g. to sign it). */
    @SuppressWarnings("unchecked")
    public static <I, O> void register(RequestHandler<I, O> handler, Supplier<I> event, String name) {
        String primerName = handler.getClass().getSimpleName() + " on " + name;
        synchronized (PRIMERS) {
            // Lambda holds one handler per environment; the local stack holds a pool of them. The classes and
            // the JIT are what priming warms, so the newest handler of a class stands for the others.
            PRIMERS.removeIf(p -> {
                Object registered = p.handler().get();
                return registered == null || registered.getClass() == handler.getClass() && p.name().equals(primerName);
            });
            PRIMERS.add(new Primer(new WeakReference<>(handler),
                    h -> () -> invoke(h, event.get()), primerName));
        }
    }

    /**
     * One invocation the way Lambda's runtime makes it: a stream handler gets the event's JSON (so its reading
     * and writing of the bytes is primed too), any other the event itself.
     */
    @SuppressWarnings("unchecked")
    private static <I, O> void invoke(Object handler, I event) {
        if (handler instanceof RequestStreamHandler stream) {
            try {
                stream.handleRequest(new ByteArrayInputStream(Events.MAPPER.writeValueAsBytes(event)),
                        new ByteArrayOutputStream(), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            ((RequestHandler<I, O>) handler).handleRequest(event, null);
        }
    }

    /** Reads a packaged sample event. */
    public static <T> T readEvent(String event, Class<T> type) {
        String resource = "switchboard-events/" + event;
        try (InputStream in = Priming.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " in this function's jar");
            }
            return Events.MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * What Lambda's {@code beforeCheckpoint} runs: every registered handler answers its canned event
     * {@link #ROUNDS} times with outbound calls answered in the process. A failure is logged and never stops
     * the snapshot. Public so tests and benchmarks can simulate it.
     *
     * @return how many handlers were primed
     */
    public static int runBeforeCheckpoint() {
        List<Primer> primers;
        synchronized (PRIMERS) {
            primers = new ArrayList<>(PRIMERS);
        }
        int primed = 0;
        LoopbackAnswerer loopback = null;
        try {
            loopback = new LoopbackAnswerer();
            loopbackPort = loopback.port();
        } catch (java.io.IOException e) {
            LOG.debug("No loopback answerer ({}): SDK calls are answered in the process", e.toString());
        }
        try {
            primed = primeAll(primers);
        } finally {
            loopbackPort = 0;
            if (loopback != null) {
                loopback.close();
            }
        }
        return primed;
    }

    private static int primeAll(List<Primer> primers) {
        int primed = 0;
        for (Primer primer : primers) {
            Object handler = primer.handler().get();
            if (handler == null) {
                continue;
            }
            long start = System.nanoTime();
            try {
                Runnable invocation = primer.invocation().apply(handler);
                run(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        invocation.run();
                    }
                    return null;
                });
                primed++;
                LOG.info("Primed {} ({} rounds, {} ms)", primer.name(), ROUNDS, (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Priming {} failed (the snapshot is taken all the same): {}", primer.name(), e.toString());
            }
        }
        return primed;
    }

    /** Runs {@code work} on this thread with priming on: outbound calls are answered in the process. */
    public static <T> T run(Supplier<T> work) {
        boolean was = ACTIVE.get();
        ACTIVE.set(true);
        try {
            return work.get();
        } finally {
            ACTIVE.set(was);
        }
    }

    static int loopbackPort() {
        return loopbackPort;
    }

    /** Whether this thread is priming. */
    public static boolean active() {
        return ACTIVE.get();
    }

    /** Called before any call that would leave the process other than the AWS SDK's: refused while priming. */
    public static void refuseOutbound(String what) {
        if (ACTIVE.get()) {
            throw new PrimingRefusal(what);
        }
    }

    /** {@code http}, refusing to send while priming: for every JDK HTTP client that calls a third party. */
    public static java.net.http.HttpClient guard(java.net.http.HttpClient http, String what) {
        return new PrimingGuardedHttpClient(http, what);
    }

    /** The CRaC resource Lambda calls; for tests that drive it the way the runtime does. */
    static Resource resource() {
        return RESOURCE;
    }
}
