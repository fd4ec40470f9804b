package dev.switchboard.crm;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.shared.config.ColdStart;
import dev.switchboard.shared.config.Priming;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.queue.JobAttempt;
import dev.switchboard.shared.queue.SqsJobHandler;
import dev.switchboard.shared.queue.WorkerQueues;
import java.util.Map;

/**
 * The CRM worker ({@code CrmQueue}): each quote, call or transcript job becomes a create or update of the
 * caller's one lead in the CRM chosen by {@code CRM_KIND} — Rukovoditel, a signed webhook, or none.
 * Retries, partial batch failures and the DLQ are {@link SqsJobHandler}'s; the rules live in
 * {@link LeadSynchronizer} and the {@code lead} package.
 */
public class CrmSyncHandler extends SqsJobHandler<CrmSyncJob> {

    private final CrmJobProcessor processor;

    /** Lambda's constructor: wires everything from the process environment once per container. */
    public CrmSyncHandler() {
        this(System.getenv());
    }

    /** Wires the real clients from {@code environment} (the local stack hands each function its own). */
    public CrmSyncHandler(Map<String, String> environment) {
        this(ColdStart.wire("CrmSyncFunction", () -> CrmWiring.from(Settings.fromEnvironment(environment))));
        Priming.register(this, SQSEvent.class, "crm-sync-call.json"); // SnapStart: answered before the snapshot
    }

    private CrmSyncHandler(CrmWiring wiring) {
        this(wiring.queues(), wiring.processor());
    }

    public CrmSyncHandler(WorkerQueues queues, CrmJobProcessor processor) {
        super(CrmSyncJob.TYPE, queues);
        this.processor = processor;
    }

    @Override
    protected void process(CrmSyncJob job, JobAttempt attempt) {
        processor.process(job, attempt);
    }
}
