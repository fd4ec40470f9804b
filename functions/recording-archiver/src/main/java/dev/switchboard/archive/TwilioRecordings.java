package dev.switchboard.archive;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Recording;

/** Deleting a recording from Twilio (twilio-java's {@code Recording.deleter}), once it is safe in S3. */
public class TwilioRecordings {

    private final TwilioRestClient client;

    public TwilioRecordings(TwilioRestClient client) {
        this.client = client;
    }

    /** True when the recording is gone from Twilio (deleted now, or already gone: 404). */
    public boolean delete(String recordingSid) {
        try {
            return Recording.deleter(recordingSid).delete(client);
        } catch (ApiException e) {
            if (e.getStatusCode() != null && e.getStatusCode() == 404) {
                return true;
            }
            throw e;
        }
    }
}
