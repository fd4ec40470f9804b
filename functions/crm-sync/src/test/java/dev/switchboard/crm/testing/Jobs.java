package dev.switchboard.crm.testing;

import dev.switchboard.shared.jobs.CrmSyncJob;
import java.util.List;
import java.util.Map;

/** CRM jobs as the quote function, the call-status function and the transcriber put them on CrmQueue. */
public final class Jobs {

    public static final String CALLER = "+19045550123";
    public static final String LINE = "+19045550100";

    private Jobs() {
    }

    public static CrmSyncJob.Quote quote(String leadId, String phone, String occurredAt) {
        return new CrmSyncJob.Quote(leadId, occurredAt, phone, LINE, "Jane Doe", "jane@example.com",
                new CrmSyncJob.Vehicle("2015", "Honda", "Civic", "2.0L"), "Oil change",
                new CrmSyncJob.Estimate("89.00", "USD", "Oil change"), "Driveway access from the side street");
    }

    public static CrmSyncJob.Call call(String callSid, String phone, String occurredAt, String outcome) {
        return new CrmSyncJob.Call(callSid, occurredAt, phone, LINE, outcome, "answered".equals(outcome) ? 192 : 0);
    }

    public static CrmSyncJob.Transcript transcript(String callSid, String recordingSid, String phone, String occurredAt) {
        return new CrmSyncJob.Transcript(callSid, recordingSid, occurredAt, phone, LINE, "Sam Rivera",
                new CrmSyncJob.Vehicle("2012", "Ford", "F-150", null), "Brake pads", null, null, null, null,
                "https://phone.example.com/recordings/" + recordingSid,
                "my truck is grinding when I brake and I'm stuck at the Publix on US-1", List.of("stranded"),
                Map.of("name", "this is Sam Rivera"));
    }

    /** A quote form filled in by someone hoping the owner opens the CRM export in a spreadsheet. */
    public static CrmSyncJob hostileQuote() {
        return new CrmSyncJob.Quote("L9", "2026-11-02T14:00:00Z", CALLER, LINE, "=HYPERLINK(\"http://evil.example\",\"Jane\")", "@SUM(1+1)@example.com", new CrmSyncJob.Vehicle("2015", "-2+3", "Civic\u0000", null), "+cmd|' /C calc'!A0", new CrmSyncJob.Estimate("89.00", "USD", "Oil change"), "\tnotes \uD83D\uDE97");
    }
}
