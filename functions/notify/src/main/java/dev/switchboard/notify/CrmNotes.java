package dev.switchboard.notify;

import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.queue.JobSender;
import dev.switchboard.shared.text.SafeText;
import java.time.Instant;
import java.util.Optional;

/** Every customer text sent this way becomes a note on the customer's lead, through the CRM queue. */
public final class CrmNotes implements CustomerTexter.Listener {

    static final int MAX_NOTE_CHARS = 500;

    private final JobSender<CrmSyncJob> crm;

    public CrmNotes(JobSender<CrmSyncJob> crm) {
        this.crm = crm;
    }

    static String text(SendRecord record) {
        return SafeText.bounded("Text sent (" + record.template().id() + "): \"" + record.body() + "\"", MAX_NOTE_CHARS);
    }

    @Override
    public void sent(SendRecord record, Optional<String> sid, Instant at) {
        crm.send(new CrmSyncJob.Note(record.id(), at.toString(), record.to(),
                record.line().startsWith("+") ? record.line() : null, text(record)));
    }
}
