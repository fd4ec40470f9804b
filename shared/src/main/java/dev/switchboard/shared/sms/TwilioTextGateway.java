package dev.switchboard.shared.sms;

import com.twilio.base.Page;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** {@link TextGateway} on twilio-java's Messages API (through {@code RebasingHttpClient}, no POST retries). */
public final class TwilioTextGateway implements TextGateway {

    private static final Set<Integer> INVALID_NUMBER_CODES = Set.of(21211, 21214, 21217, 21219, 21407, 21408, 21612, 21614);

    private final TwilioRestClient client;

    public TwilioTextGateway(TwilioRestClient client) {
        this.client = client;
    }

    @Override
    public SendAttempt send(OutgoingText text) {
        try {
            MessageCreator creator = text.from().isPresent()
                    ? Message.creator(new PhoneNumber(text.to()), new PhoneNumber(text.from().get()), text.body())
                    : Message.creator(new PhoneNumber(text.to()), text.messagingServiceSid().get(), text.body());
            if (text.statusCallback() != null) {
                creator.setStatusCallback(text.statusCallback());
            }
            Message message = creator.create(client);
            return SendAttempt.sent(message.getSid(), message.getStatus() == null ? "queued" : message.getStatus().toString());
        } catch (ApiConnectionException e) {
            return SendAttempt.failed(SendAttempt.Outcome.AMBIGUOUS, null, "connection: " + e.getMessage());
        } catch (ApiException e) {
            return classify(e);
        }
    }

    static SendAttempt classify(ApiException e) {
        Integer status = e.getStatusCode();
        Integer code = e.getCode();
        String detail = (code == null ? "" : code + " ") + e.getMessage();
        if (status == null) {
            // An I/O failure: before the request left (refused, unknown host) nothing was sent.
            Throwable cause = e.getCause();
            boolean neverSent = cause instanceof ConnectException || cause instanceof UnknownHostException;
            return SendAttempt.failed(neverSent ? SendAttempt.Outcome.RETRYABLE : SendAttempt.Outcome.AMBIGUOUS, code, detail);
        }
        if (code != null && code == 21610) {
            return SendAttempt.failed(SendAttempt.Outcome.OPTED_OUT, code, detail);
        }
        if (code != null && INVALID_NUMBER_CODES.contains(code)) {
            return SendAttempt.failed(SendAttempt.Outcome.INVALID_NUMBER, code, detail);
        }
        if (status == 429 || (code != null && code == 20429)) {
            return SendAttempt.failed(SendAttempt.Outcome.RETRYABLE, code, detail);
        }
        if (status >= 500) {
            return SendAttempt.failed(SendAttempt.Outcome.AMBIGUOUS, code, detail);
        }
        if (status == 401 || status == 403 || (code != null && code == 20003)) {
            return SendAttempt.failed(SendAttempt.Outcome.AUTH_FAILED, code, detail);
        }
        return SendAttempt.failed(SendAttempt.Outcome.REJECTED, code, detail);
    }

    @Override
    public Optional<String> findRecent(OutgoingText text, Instant since) {
        Page<Message> page = Message.reader().setTo(new PhoneNumber(text.to())).setPageSize(50L).firstPage(client);
        for (Message message : page.getRecords()) {
            boolean sameBody = message.getBody() != null && message.getBody().trim().equals(text.body().trim());
            boolean recent = message.getDateCreated() == null || !message.getDateCreated().toInstant().isBefore(since);
            boolean sameSender = text.from().isEmpty() || message.getFrom() == null
                    || text.from().get().equals(message.getFrom().toString());
            if (sameBody && recent && sameSender) {
                return Optional.of(message.getSid());
            }
        }
        return Optional.empty();
    }
}
