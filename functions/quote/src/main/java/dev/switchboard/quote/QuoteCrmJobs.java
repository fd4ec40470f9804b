package dev.switchboard.quote;

import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.pricing.Estimate;
import java.util.Optional;

/** The CRM job a web quote puts on the CRM queue (the contract the crm-sync worker reads). */
final class QuoteCrmJobs {

    private QuoteCrmJobs() {
    }

    /** @param line the business line the quote form belongs to (E.164), when known */
    static CrmSyncJob.Quote of(Lead lead, Optional<String> line) {
        ValidQuote q = lead.quote();
        Estimate estimate = lead.estimate();
        return new CrmSyncJob.Quote(lead.id(), lead.createdAt().toString(), q.phone(), line.orElse(null), q.name(),
                q.email().orElse(null),
                new CrmSyncJob.Vehicle(q.year().map(String::valueOf).orElse(null), q.make().orElse(null),
                        q.model().orElse(null), q.engine().orElse(null)),
                q.service(),
                new CrmSyncJob.Estimate(estimate.amountText().orElse(null), estimate.currency(), estimate.service()),
                q.notes().orElse(null));
    }
}
