package dev.switchboard.alerts;

import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/** {@code SendEmail} of Amazon SES v2: a simple message with a plain-text and an HTML part, UTF-8. */
final class SesEmailSender implements EmailSender {

    private final SesV2Client ses;

    SesEmailSender(SesV2Client ses) {
        this.ses = ses;
    }

    @Override
    public void send(String from, String to, String subject, String text, String html) {
        ses.sendEmail(SendEmailRequest.builder()
                .fromEmailAddress(from)
                .destination(Destination.builder().toAddresses(to).build())
                .content(EmailContent.builder().simple(Message.builder()
                        .subject(utf8(subject))
                        .body(Body.builder().text(utf8(text)).html(utf8(html)).build())
                        .build()).build())
                .build());
    }

    private static Content utf8(String data) {
        return Content.builder().charset("UTF-8").data(data).build();
    }
}
