package dev.switchboard.shared.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart restore hygiene. Lambda takes a snapshot after a SnapStart function's init and resumes many
 * execution environments from it (possibly hours later), calling {@code afterRestore} on every
 * {@link org.crac} resource registered; elsewhere (locally, in tests) nothing calls it. What a snapshot must
 * not carry into those environments registers here:
 * <ul>
 *   <li>settings read from SSM Parameter Store or Secrets Manager at init: their caches are dropped, so the
 *       first use after a restore reads them again, however young the snapshot's clock says they are
 *       ({@link AwsParameterStore});</li>
 *   <li>anything unique or time-bound made at init. Switchboard keeps none: random values come from
 *       {@link java.security.SecureRandom}, which AWS's "Handling uniqueness with Lambda SnapStart" names as
 *       the generator to use (the Java managed runtime keeps its output unique after a restore), ids and
 *       timestamps are made per request, and clocks are {@code Clock.systemUTC()}, which reads the time on
 *       every call.</li>
 * </ul>
 * Pooled keep-alive connections opened at init (the AWS SDK's URL-connection client keeps them in the JDK's
 * {@code sun.net.www.http.KeepAliveCache}, twilio-java in Apache HttpClient's pool) are sockets of the
 * snapshotted environment: after a restore they are dead, and the first request on one fails with a
 * connection reset or EOF. Both clients retry such a failure on a fresh connection (the SDK's default retry
 * policy covers I/O errors; Apache HttpClient validates idle connections before reuse), so nothing is lost,
 * but the first call pays for it; see docs/operations.md.
 *
 * <p>Hooks are held weakly: a hook lives as long as the object that registered it (a handler's settings);
 * the one CRaC resource that runs them is held strongly here, because CRaC itself keeps resources weakly.
 */
public final class RestoreHooks {

    /** Something that must forget what it got before a snapshot. */
    public interface AfterRestore {
        void afterRestore();
    }

    private static final Logger LOG = LoggerFactory.getLogger(RestoreHooks.class);
    private static final Set<AfterRestore> HOOKS = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private static final Resource RESOURCE = new Resource() {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            // Nothing to close: caches are dropped after the restore instead, so a snapshot taken without a
            // restore (local runs) behaves exactly as before.
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            runAfterRestore();
        }
    };

    static {
        try {
            Core.getGlobalContext().register(RESOURCE);
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("No CRaC context ({}): restore hooks run only when called", e.toString());
        }
    }

    private RestoreHooks() {
    }

    /** Runs {@code hook} after every SnapStart restore, for as long as {@code hook} is reachable. */
    public static void register(AfterRestore hook) {
        HOOKS.add(hook);
    }

    /** What Lambda's {@code afterRestore} runs; public so tests (and the local stack) can simulate a restore. */
    public static void runAfterRestore() {
        List<AfterRestore> hooks;
        synchronized (HOOKS) {
            hooks = new ArrayList<>(HOOKS);
        }
        for (AfterRestore hook : hooks) {
            try {
                hook.afterRestore();
            } catch (RuntimeException e) {
                LOG.error("A restore hook failed ({}): {}", hook.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** The CRaC resource Lambda calls; for tests that drive it the way the runtime does. */
    static Resource resource() {
        return RESOURCE;
    }
}
